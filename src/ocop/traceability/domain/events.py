"""Value-chain events: captured from an EPCIS 2.0 document (the capture endpoint, a file) or recorded from the phone
screens one step at a time, stored once each by their GS1 event hash ID, never edited. An error declaration marks the
event it names (by content: it has the same hash ID) and is kept beside it; the corrective events are new events.

Who may capture what: the provincial office anything; anyone else only events that name a product they see (by a
stamp's serial, the product's GTIN or its OCOP code)."""

import datetime
from dataclasses import dataclass, field
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.certificates.domain.publication import forget
from ocop.common.domain.activity import log_action, user_or_none
from ocop.geo.enums import UnitLevel
from ocop.producers.domain.queries import visible_products
from ocop.producers.models import Product
from ocop.traceability.domain.epcis_document import (
    EPCIS_CONTEXT,
    FieldError,
    events_of,
    faults,
    gtin_of,
    identifiers_of,
    lot_in,
    ocop_code_of,
    serial_of,
)
from ocop.traceability.domain.epcis_hash import event_hash_id, namespaces_of
from ocop.traceability.domain.scan import digital_link
from ocop.traceability.domain.serials import normalise
from ocop.traceability.enums import ValueChainStep
from ocop.traceability.models import Stamp, TraceEvent

CBV_WORD_PREFIXES = ("urn:epcglobal:cbv:bizstep:", "https://ref.gs1.org/cbv/BizStep-", "cbv:BizStep-")


class CaptureRefused(Exception):
    """The document was refused as a whole; nothing was written."""

    def __init__(self, errors: list[FieldError]):
        super().__init__("; ".join(f"{error.field}: {error.message}" for error in errors))
        self.errors = errors


@dataclass
class Capture:
    """What a capture stored: the new events, how many were already there, how many were declared errors."""

    stored: list[TraceEvent] = field(default_factory=list)
    already_there: int = 0
    declared_errors: int = 0


@dataclass
class _Incoming:
    path: str
    event: dict
    hash_id: str
    product: Product | None
    stamps: list[Stamp]
    namespaces: dict[str, str]  # the document's prefixes and the event's own


def _without_context(event: dict) -> dict:
    return {key: value for key, value in event.items() if key != "@context"}


def capture_document(*, actor, document: dict, may_capture_any: bool) -> Capture:
    """Store the document's events that are not stored yet, all or nothing. ``may_capture_any``: the actor may
    capture events about things that are not their products (the office)."""
    if errors := faults(document):
        raise CaptureRefused(errors)
    namespaces = namespaces_of(document.get("@context"))
    events = events_of(document)
    if not events:
        raise CaptureRefused([FieldError("epcisBody.eventList", _("The document holds no event."))])
    with transaction.atomic():
        capture = _store(actor, _resolve(actor, events, namespaces, may_capture_any))
        log_action(
            actor=actor,
            verb="traceability.events_captured",
            data={
                "stored": len(capture.stored),
                "already_there": capture.already_there,
                "declared_errors": capture.declared_errors,
            },
        )
        transaction.on_commit(lambda: forget(catalogue_too=False))
    return capture


def _resolve(actor, events, namespaces, may_capture_any: bool) -> list[_Incoming]:
    names = {path: identifiers_of(event) for path, event in events}
    everything = [identifier for identifiers in names.values() for identifier in identifiers]
    stamps = _stamps_named(everything)
    products = _products_named(everything)
    allowed = None if may_capture_any else set(visible_products(actor).values_list("pk", flat=True))
    incoming, errors = [], []
    for path, event in events:
        named_stamps = [stamps[serial] for serial in map(_serial_key, names[path]) if serial in stamps]
        named_products = [stamp.batch.product for stamp in named_stamps]
        named_products += [products[key] for key in map(_product_key, names[path]) if key in products]
        product = named_products[0] if named_products else None
        if allowed is not None and not any(candidate.pk in allowed for candidate in named_products):
            errors.append(FieldError(path, _("None of this event's identifiers is a stamp or product of yours.")))
            continue
        own = namespaces | namespaces_of(event.get("@context"))
        incoming.append(_Incoming(path, event, event_hash_id(_without_context(event), own), product, named_stamps, own))
    if errors:
        raise CaptureRefused(errors)
    return incoming


def _serial_key(identifier: str) -> str | None:
    serial = serial_of(identifier)
    return normalise(serial) if serial else None


def _product_key(identifier: str) -> tuple[str, str] | None:
    if gtin := gtin_of(identifier):
        return ("gtin", gtin)
    if code := ocop_code_of(identifier):
        return ("code", code)
    return None


def _stamps_named(identifiers: list[str]) -> dict[str, Stamp]:
    serials = {serial for serial in map(_serial_key, identifiers) if serial}
    found = Stamp.objects.filter(serial__in=serials).select_related("batch__product")
    return {stamp.serial: stamp for stamp in found}


def _products_named(identifiers: list[str]) -> dict[tuple[str, str], Product]:
    keys = {key for key in map(_product_key, identifiers) if key}
    gtins = {value for kind, value in keys if kind == "gtin"}
    codes = {value for kind, value in keys if kind == "code"}
    found = {}
    if gtins:
        for product in Product.objects.filter(gtin__in=gtins | {gtin.lstrip("0") for gtin in gtins}):
            found[("gtin", product.gtin.zfill(14))] = product
    if codes:
        found |= {("code", product.code): product for product in Product.objects.filter(code__in=codes)}
    return found


def _store(actor, incoming: list[_Incoming]) -> Capture:
    capture = Capture()
    stored = {event.hash_id: event for event in TraceEvent.objects.filter(hash_id__in={i.hash_id for i in incoming})}
    now = timezone.now()
    for item in incoming:
        declaration = item.event.get("errorDeclaration")
        existing = stored.get(item.hash_id)
        if existing is not None:
            if declaration and existing.retracted_at is None:
                _declare_error(existing, declaration)
                capture.declared_errors += 1
            else:
                capture.already_there += 1
            continue
        event = _new_event(actor, item, now)
        stored[item.hash_id] = event
        capture.stored.append(event)
        capture.declared_errors += bool(declaration)
        _activate(item.stamps, event)
    return capture


def _new_event(actor, item: _Incoming, now: datetime.datetime) -> TraceEvent:
    body = {
        key: value for key, value in item.event.items() if key not in {"errorDeclaration", "recordTime", "@context"}
    }
    body.setdefault("eventID", item.hash_id)
    declaration = item.event.get("errorDeclaration")
    return TraceEvent.objects.create(
        hash_id=item.hash_id,
        event_type=body["type"],
        event_time=parse_time(body["eventTime"]),
        time_zone_offset=body["eventTimeZoneOffset"],
        record_time=now,
        biz_step=cbv_word(body.get("bizStep", "")),
        body=body,
        namespaces=item.namespaces,
        product=item.product,
        lot=lot_of(body),
        captured_by=user_or_none(actor),
        retracted_at=parse_time(declaration["declarationTime"]) if declaration else None,
        error_declaration=declaration,
    )


def _declare_error(event: TraceEvent, declaration: dict) -> None:
    event.retracted_at = parse_time(declaration["declarationTime"])
    event.error_declaration = declaration
    event.save(update_fields=["retracted_at", "error_declaration"])


def _activate(stamps: list[Stamp], event: TraceEvent) -> None:
    """A commissioning or packing event that adds stamps puts them on its lot (the first such event wins)."""
    if event.body.get("action") != "ADD" or event.retracted_at:
        return
    Stamp.objects.filter(pk__in=[stamp.pk for stamp in stamps], activated_at__isnull=True).update(
        activated_at=event.event_time, lot=event.lot
    )


def parse_time(value: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(value)


def cbv_word(value: str) -> str:
    """A CBV business step as its bare word (``shipping``), however the document wrote it."""
    for prefix in CBV_WORD_PREFIXES:
        if value.startswith(prefix):
            return value.removeprefix(prefix)
    return value


def lot_of(event: dict) -> str:
    """The lot an event is about: its ILMD lot number, or the lot (AI 10) of a class identifier it names."""
    ilmd = event.get("ilmd") or {}
    for key in ("cbvmda:lotNumber", "lotNumber"):
        if isinstance(ilmd.get(key), str):
            return ilmd[key][:60]
    return next(filter(None, map(lot_in, identifiers_of(event))), "")


def export_body(event: TraceEvent) -> dict:
    """The event as an EPCIS 2.0 document carries it: as captured, with its record time and error declaration."""
    body = dict(event.body)
    body["recordTime"] = event.record_time.isoformat()
    if event.error_declaration:
        body["errorDeclaration"] = event.error_declaration
    return body


def site_identifier(kind: str, key) -> str:
    """A URI on the system's own address naming one of its places (a zone, a producer's premises, a sales point)."""
    return f"{settings.SITE_URL.rstrip('/')}/id/{kind}/{key}"


# The phone screens ------------------------------------------------------------------------------------------------

MAX_STAMPS_PER_EVENT = 5_000
UNITS = {"kg": "KGM", "piece": "H87", "litre": "LTR"}  # UN/ECE Recommendation 20 codes, as EPCIS writes quantities


@dataclass(frozen=True)
class Step:
    """What a producer records of one value-chain step (traceability.enums.ValueChainStep)."""

    kind: str
    when: datetime.datetime
    lot: str
    public_place: str
    zone: object = None
    quantity: float | None = None
    unit: str = "kg"
    input_lot: str = ""
    batch: object = None
    first: int | None = None
    last: int | None = None


def record_step(*, actor, product: Product, step: Step) -> TraceEvent:
    """Record one step of the product's value chain as an EPCIS 2.0 event (the screens check who may)."""
    event = _event_of(product, step)
    namespaces = {"cbvmda": "urn:epcglobal:cbv:mda:"}
    document = {"type": "EPCISDocument", "schemaVersion": "2.0", "epcisBody": {"eventList": [event]}}
    document["@context"] = [EPCIS_CONTEXT, namespaces]
    document["creationDate"] = timezone.now().isoformat()
    if errors := faults(document):  # a fault here is ours, not the user's: say so plainly
        raise ValidationError(_("This step could not be recorded: %(fault)s") % {"fault": errors[0].message})
    with transaction.atomic():
        stamps = list(_stamps_of_step(step))
        incoming = _Incoming("event", event, event_hash_id(event, namespaces), product, stamps, namespaces)
        capture = _store(actor, [incoming])
        if not capture.stored:
            raise ValidationError(_("This step has already been recorded."))
        stored = capture.stored[0]
        stored.zone, stored.public_place = step.zone, step.public_place.strip()[:120]
        stored.save(update_fields=["zone", "public_place"])
        log_action(actor=actor, verb="traceability.step_recorded", target=stored, data={"step": step.kind})
        transaction.on_commit(lambda: forget(catalogue_too=False))
    return stored


def province_of(product: Product) -> str:
    """The province or city of the producer: the place a step shows the public by default."""
    unit = product.producer.unit
    while unit is not None and unit.level != UnitLevel.PROVINCE:
        unit = unit.parent
    return unit.name if unit is not None else ""


def lot_class(product: Product, lot: str) -> str:
    """The identifier of one lot of the product: a Digital Link with the lot (AI 10) on the system's address."""
    key = f"01/{product.gtin.zfill(14)}" if product.gtin else f"ocop/{product.code}"
    return f"{settings.SITE_URL.rstrip('/')}/{key}/10/{quote(lot, safe='')}"


def _event_of(product: Product, step: Step) -> dict:
    moment = timezone.localtime(step.when)
    event = {
        "type": "ObjectEvent",
        "eventTime": moment.isoformat(timespec="milliseconds"),
        "eventTimeZoneOffset": moment.strftime("%z")[:3] + ":" + moment.strftime("%z")[3:],
    }
    lot_quantity = [{"epcClass": lot_class(product, step.lot)}]
    if step.quantity is not None:
        lot_quantity[0] |= {"quantity": step.quantity, "uom": UNITS[step.unit]}
    premises = {"id": site_identifier("producer", product.producer_id)}
    if step.kind == ValueChainStep.HARVEST:
        zone = {"id": site_identifier("zone", step.zone.pk)}
        event |= {"action": "ADD", "bizStep": "creating_class_instance", "quantityList": lot_quantity}
        event |= {"readPoint": zone, "bizLocation": zone}
    elif step.kind == ValueChainStep.PROCESS:
        event |= {"type": "TransformationEvent", "outputQuantityList": lot_quantity, "bizStep": "commissioning"}
        if step.input_lot:
            event["inputQuantityList"] = [{"epcClass": lot_class(product, step.input_lot)}]
        else:  # EPCIS wants the inputs or a name for the transformation: the lot it made names it
            event["transformationID"] = lot_class(product, step.lot)
        event |= {"readPoint": premises, "ilmd": {"cbvmda:lotNumber": step.lot}}
    elif step.kind == ValueChainStep.PACK:
        stamps = [digital_link(product, stamp.serial) for stamp in _stamps_of_step(step)]
        if not stamps:
            raise ValidationError({"first": _("None of these stamps can be put on a lot (voided or not issued).")})
        event |= {"action": "ADD", "bizStep": "packing", "epcList": stamps, "readPoint": premises}
        event["ilmd"] = {"cbvmda:lotNumber": step.lot}
    elif step.kind == ValueChainStep.SHIP:
        event |= {"action": "OBSERVE", "bizStep": "shipping", "disposition": "in_transit"}
        event |= {"quantityList": lot_quantity, "readPoint": premises}
    else:
        event |= {"action": "OBSERVE", "bizStep": "receiving", "disposition": "in_progress"}
        event |= {"quantityList": lot_quantity}
    return event


def _stamps_of_step(step: Step):
    if step.kind != ValueChainStep.PACK:
        return Stamp.objects.none()
    if step.last - step.first + 1 > MAX_STAMPS_PER_EVENT:
        raise ValidationError({"last": _("Put at most 5,000 stamps on a lot in one step.")})
    return step.batch.stamps.filter(position__range=(step.first, step.last), voided_at__isnull=True).order_by(
        "position"
    )
