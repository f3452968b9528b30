"""A product's record for the national traceability portal (QĐ 100/QĐ-TTg; Thông tư 02/2024/TT-BKHCN, Article 6(5):
the product's name and pictures, the producer's name and address, the time of the trace events, its brand, codes
and serials, its shelf life), as JSON-ready data, and where each product stands with the portal.

The record is bounded whatever the product's size: each stamp batch gives its counts (issued, voided, still valid,
put on a lot) and lists at most ``MOST_SERIALS_PER_BATCH`` valid serials with their Digital Link (any other serial
answers at its own Digital Link, the scan page); the events are the ``MOST_EVENTS`` latest not declared an error,
with their count. Its fingerprint (SHA-256 of its canonical JSON) tells whether it changed since it was last sent:
``mark_pending_changes`` sets the changed ones pending, a connector exports them (``ocop portal_export``) and reports
the portal's answer (``ocop portal_answer``)."""

import datetime
import hashlib
import json
from collections.abc import Iterable, Iterator

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.certificates.domain.validity import in_force_condition
from ocop.certificates.models import Certificate
from ocop.common.domain.activity import log_action
from ocop.geo.enums import UnitLevel
from ocop.producers.models import Product
from ocop.traceability.domain.scan import digital_link
from ocop.traceability.enums import BatchStatus, SyncStatus
from ocop.traceability.models import PortalSync, Stamp, StampBatch, TraceEvent

RECORD_SCHEMA = "ocop-national-portal-record/1"
MOST_SERIALS_PER_BATCH = 500
MOST_EVENTS = 500
CHUNK = 200  # products read at once when many records are built


def with_trace_data(products: QuerySet[Product]) -> QuerySet[Product]:
    """The products the portal hears about: those with an issued stamp batch or a value-chain event still standing."""
    issued = StampBatch.objects.filter(product=OuterRef("pk"), status=BatchStatus.ISSUED)
    events = TraceEvent.objects.filter(product=OuterRef("pk"), retracted_at__isnull=True)
    return products.filter(Q(Exists(issued)) | Q(Exists(events)))


def portal_record(product: Product, today: datetime.date | None = None) -> dict:
    """The product's record as the portal receives it (``today``: the day the certificate's validity is read for)."""
    return next(portal_records(Product.objects.filter(pk=product.pk), today))[1]


def portal_records(products: QuerySet[Product], today: datetime.date | None = None) -> Iterator[tuple[Product, dict]]:
    """Each product's record, a constant number of queries per ``CHUNK`` products."""
    for product in _prefetched(products, today or timezone.localdate()).iterator(chunk_size=CHUNK):
        yield product, _record(product)


def fingerprint(record: dict) -> str:
    """SHA-256 of the record's canonical JSON (keys sorted, no spaces): equal records, equal fingerprints."""
    return hashlib.sha256(canonical_json(record).encode()).hexdigest()


def canonical_json(record: dict) -> str:
    return json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _prefetched(products: QuerySet[Product], today: datetime.date) -> QuerySet[Product]:
    valid = Stamp.objects.filter(voided_at__isnull=True).order_by("position")
    batches = (
        StampBatch.objects.filter(status=BatchStatus.ISSUED)
        .annotate(voided=Count("stamps", filter=Q(stamps__voided_at__isnull=False)))
        .annotate(on_lots=Count("stamps", filter=Q(stamps__voided_at__isnull=True, stamps__activated_at__isnull=False)))
        .order_by("decided_at", "pk")
    )
    standing = TraceEvent.objects.filter(retracted_at__isnull=True)
    certificates = Certificate.objects.filter(replaced_by__isnull=True).select_related("decision")
    return (
        products.select_related("producer__unit__parent__parent")
        .annotate(events_total=Count("trace_events", filter=Q(trace_events__retracted_at__isnull=True)))
        .prefetch_related(
            Prefetch("photos"),
            Prefetch("raw_material_zones", to_attr="zones"),
            Prefetch("stamp_batches", queryset=batches, to_attr="issued_batches"),
            Prefetch(
                "issued_batches__stamps",
                queryset=valid.only("serial", "lot", "batch")[:MOST_SERIALS_PER_BATCH],
                to_attr="listed",
            ),
            Prefetch("trace_events", queryset=standing.order_by("-event_time", "-pk")[:MOST_EVENTS], to_attr="latest"),
            Prefetch(
                "certificates",
                queryset=certificates.annotate(
                    in_force=ExpressionWrapper(in_force_condition(today), output_field=BooleanField())
                ).order_by("-issued_on", "-id"),
                to_attr="unreplaced",
            ),
        )
        .order_by("pk")
    )


def _record(product: Product) -> dict:
    return {
        "schema": RECORD_SCHEMA,
        "product": _product(product),
        "producer": _producer(product.producer),
        "certificate": _certificate(product.unreplaced[0]) if product.unreplaced else None,
        "codes": [_batch(product, batch) for batch in product.issued_batches],
        "events": {"total": product.events_total, "latest": [_event(event) for event in reversed(product.latest)]},
    }


def _site(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _product(product: Product) -> dict:
    return {
        "name": product.name,
        "ocop_code": product.code,
        "gtin": product.gtin.zfill(14) if product.gtin else "",
        "product_set": {"number": product.product_set, "name": product.product_set_info.name},
        "description": product.description,
        "packaging": product.packaging,
        "shelf_life": product.shelf_life,
        "standards": [product.standard] if product.standard else [],
        "images": [{"file": photo.image.name, "caption": photo.caption} for photo in product.photos.all()],
        "raw_material_zones": [
            {"name": zone.name, "material": zone.material, "growing_area_code": zone.growing_area_code}
            for zone in sorted(product.zones, key=lambda zone: zone.pk)
        ],
        "withdrawn_on": _day(product.withdrawn_on),
    }


def _producer(producer) -> dict:
    return {
        "name": producer.name,
        "tax_code": producer.tax_code,
        "business_registration_number": producer.registration_number,
        "address": producer.address,
        "commune": producer.unit.name,
        "province": _province(producer.unit),
    }


def _province(unit) -> str:
    while unit is not None and unit.level != UnitLevel.PROVINCE:
        unit = unit.parent
    return unit.name if unit is not None else ""


def _certificate(certificate: Certificate) -> dict:
    decision = certificate.decision
    return {
        "number": certificate.number,
        "stars": certificate.stars,
        "issued_on": _day(certificate.issued_on),
        "valid_until": _day(certificate.valid_until),
        "in_force": bool(certificate.in_force),
        "decision": {
            "number": decision.number,
            "decided_on": _day(decision.decided_on),
            "issuing_body": decision.issuing_body,
        },
        "public_page": _site(f"/c/{certificate.number}/"),
    }


def _batch(product: Product, batch: StampBatch) -> dict:
    return {
        "batch": batch.pk,
        "issued_on": _day(timezone.localdate(batch.decided_at) if batch.decided_at else None),
        "issued": batch.quantity,
        "voided": batch.voided,
        "valid": batch.quantity - batch.voided,
        "on_lots": batch.on_lots,
        "serials": [
            {"serial": stamp.serial, "lot": stamp.lot, "digital_link": digital_link(product, stamp.serial)}
            for stamp in batch.listed
        ],
    }


def _event(event: TraceEvent) -> dict:
    return {
        "event_id": event.hash_id,
        "type": event.event_type,
        "time": event_time_at_offset(event),
        "business_step": event.biz_step,
        "lot": event.lot,
        "place": event.public_place,
    }


def event_time_at_offset(event: TraceEvent) -> str:
    """The event's time as it happened where it happened (its recorded time zone offset, ``+07:00``)."""
    sign = -1 if event.time_zone_offset.startswith("-") else 1
    hours, _sep, minutes = event.time_zone_offset.lstrip("+-").partition(":")
    offset = datetime.timedelta(hours=int(hours or 0), minutes=int(minutes or 0)) * sign
    return event.event_time.astimezone(datetime.timezone(offset)).isoformat()


def _day(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None


# Where each product stands with the portal ---------------------------------------------------------------------


def mark_pending_changes(*, actor=None, products: QuerySet[Product] | None = None) -> int:
    """Set pending every product with trace data whose record differs from the one last sent (and every such
    product never sent); returns how many became pending."""
    candidates = with_trace_data(products if products is not None else Product.objects.all())
    syncs = {sync.product_id: sync for sync in PortalSync.objects.filter(product__in=candidates)}
    changed = [
        sync
        for product, record in portal_records(candidates)
        if (sync := _pending(syncs.get(product.pk), product, fingerprint(record))) is not None
    ]
    with transaction.atomic():
        for sync in changed:
            sync.save()
        if changed:
            log_action(actor=actor, verb="traceability.portal_changes_found", data={"products": len(changed)})
    return len(changed)


def refresh_sync(product: Product, *, actor=None) -> PortalSync | None:
    """The product's standing with the portal, set pending when its record changed since it was last sent (None for
    a product without trace data)."""
    mark_pending_changes(actor=actor, products=Product.objects.filter(pk=product.pk))
    return PortalSync.objects.filter(product=product).first()


def _pending(sync: PortalSync | None, product: Product, current: str) -> PortalSync | None:
    """The row to save for a product whose record is ``current``: None when nothing changes."""
    if sync is None:
        return PortalSync(product=product, status=SyncStatus.PENDING)
    if sync.status == SyncStatus.PENDING or sync.fingerprint == current:
        return None
    sync.status = SyncStatus.PENDING
    return sync


def record_sent(*, actor, sent: Iterable[tuple[Product, str]]) -> int:
    """The records were handed to the portal: each product with the fingerprint of the record it was sent, which then
    waits for the portal's answer. Returns how many."""
    now = timezone.now()
    count = 0
    with transaction.atomic():
        for product, sent_fingerprint in sent:
            sync, _created = PortalSync.objects.select_for_update().get_or_create(product=product)
            sync.status, sync.fingerprint, sync.sent_at = SyncStatus.SENT, sent_fingerprint, now
            sync.answered_at, sync.message = None, ""
            sync.save()
            log_action(
                actor=actor,
                verb="traceability.portal_record_sent",
                target=product,
                data={"fingerprint": sent_fingerprint},
            )
            count += 1
    return count


def record_answer(*, actor, product: Product, ok: bool, message: str = "") -> PortalSync:
    """What the portal answered about the record last sent: taken up (synced) or refused (failed, with its message).
    A record that changed since it was sent stays pending: the answer was about the earlier one."""
    with transaction.atomic():
        sync = PortalSync.objects.select_for_update().filter(product=product).first()
        if sync is None or sync.sent_at is None:
            raise ValidationError(_("This product's record has not been sent to the portal."))
        if sync.status != SyncStatus.PENDING:
            sync.status = SyncStatus.SYNCED if ok else SyncStatus.FAILED
        sync.answered_at, sync.message = timezone.now(), message.strip()[:500]
        sync.save(update_fields=["status", "answered_at", "message"])
        log_action(
            actor=actor,
            verb="traceability.portal_answered",
            target=product,
            data={"ok": ok, "message": sync.message},
        )
    return sync
