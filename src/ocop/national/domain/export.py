"""The national OCOP database export: the province's producers, products, certificates and council results as one
JSON document that follows ``data/schema/ocop-national-export-v1.schema.json``, in full or as the records changed
since a moment.

What changed is read from the audit trail, not from ``updated_at``: every write that matters goes through a domain
function that logs it against its record, so a record is in an incremental export when the log holds an entry about
it after ``since``. That also catches what no ``updated_at`` shows: a certificate revoked, suspended or replaced (the
certificate itself is never written again), a product withdrawn, a council's decision approved. A certificate
replaced by one in the increment comes with it (its status became "replaced"). See docs/national.md.
"""

import datetime
import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator

from ocop.accounts.domain.roles import active_roles
from ocop.accounts.domain.scope import scope_of
from ocop.accounts.enums import OFFICER_ROLES
from ocop.certificates.domain.status import visible_certificates, with_status
from ocop.certificates.models import Certificate
from ocop.common.domain.activity import log_action
from ocop.common.json_formats import format_checker
from ocop.common.models import ActivityLog
from ocop.councils.enums import SessionState
from ocop.councils.models import Result, Session
from ocop.dossiers.domain.queries import visible_dossiers
from ocop.geo.domain.queries import current_units_for, home_province, province_of, scope_unit_ids
from ocop.geo.enums import Era, UnitLevel
from ocop.geo.models import AdministrativeUnit, UnitSuccession
from ocop.national.enums import ExportKind
from ocop.producers.domain.queries import visible_producers, visible_products
from ocop.producers.models import Producer, Product

SCHEMA_VERSION = "1.0"
SCHEMA_PATH = Path(__file__).resolve().parent.parent / "data" / "schema" / "ocop-national-export-v1.schema.json"
EXPORTED_VERB = "national.exported"
ARRAYS = ("producers", "products", "certificates", "evaluations")


@dataclass(frozen=True)
class Records:
    """The querysets an export reads, already limited to what it covers."""

    producers: QuerySet[Producer]
    products: QuerySet[Product]
    certificates: QuerySet[Certificate]
    results: QuerySet[Result]


@transaction.atomic
def build_export(*, actor, since: datetime.datetime | None = None, province: AdministrativeUnit | None = None) -> dict:
    """The export document: everything ``actor`` may see (within ``province`` when given; ``actor`` None is the
    command, which sees the whole database), or only what changed after ``since``. Logged as ``national.exported``."""
    moment = timezone.now()
    issuing = issuing_province(actor, province)
    records = _covered(actor, province)
    if since is not None:
        records = _changed(records, since)
    producers = list(records.producers.select_related("unit").order_by("pk"))
    units = _TodaysUnits(producer.unit for producer in producers)
    document = {
        "header": {
            "schema_version": SCHEMA_VERSION,
            "generated_at": _moment(moment),
            "kind": (ExportKind.FULL if since is None else ExportKind.INCREMENTAL).value,
            "since": _moment(since) if since is not None else None,
            "province": _unit_2025(issuing),
        },
        "producers": [_producer(producer, units) for producer in producers],
        "products": [_product(product) for product in records.products.select_related("producer").order_by("pk")],
        "certificates": _certificates(records.certificates, timezone.localdate(moment)),
        "evaluations": _evaluations(records.results),
    }
    document["header"]["counts"] = {name: len(document[name]) for name in ARRAYS}
    if problems := validate_export(document):
        raise RuntimeError(f"The export breaks its schema: {problems}")
    log_action(actor=actor, verb=EXPORTED_VERB, data=_log_data(document["header"]))
    return document


# The OCOP programme began with QĐ 490/QĐ-TTg of 07/5/2018: nothing was recorded before, so an earlier moment would
# only mean "everything" (and a moment near year 1 does not survive the conversion to UTC).
EARLIEST_SINCE = datetime.date(2018, 1, 1)


def check_since(since: datetime.datetime) -> None:
    """Refuse a moment an incremental export cannot start from: before the programme, or still to come."""
    if since.date() < EARLIEST_SINCE:  # the day as written: near year 1 a conversion would overflow
        raise ValidationError(
            _("The OCOP programme began in 2018: for everything, export everything instead."), code="too_early"
        )
    if since > timezone.now():
        raise ValidationError(_("This moment has not come yet."), code="future")


def _log_data(header: dict) -> dict:
    return {
        "kind": header["kind"],
        "since": header["since"],
        "province": header["province"]["code"],
        "counts": header["counts"],
    }


def _covered(actor, province: AdministrativeUnit | None) -> Records:
    """What the actor may see (everything for the command), within the province when one is given."""
    if actor is None:
        records = Records(
            Producer.objects.all(), Product.objects.all(), Certificate.objects.all(), Result.objects.all()
        )
    else:
        records = Records(
            visible_producers(actor),
            visible_products(actor),
            visible_certificates(actor),
            Result.objects.filter(dossier__in=visible_dossiers(actor).values("pk")),
        )
    results = records.results.filter(session__state=SessionState.DECIDED)
    if province is None:
        return Records(records.producers, records.products, records.certificates, results)
    area = scope_unit_ids(province)
    return Records(
        records.producers.filter(unit__in=area),
        records.products.filter(producer__unit__in=area),
        records.certificates.filter(producer__unit__in=area),
        results.filter(dossier__producer__unit__in=area),
    )


def _changed(records: Records, since: datetime.datetime) -> Records:
    """The records the audit trail holds an entry about after ``since``; a certificate also when the certificate
    that replaced it is one of them; a council result when its session's decision was approved."""
    ids = changed_ids(since)
    return Records(
        records.producers.filter(pk__in=ids[Producer]),
        records.products.filter(pk__in=ids[Product]),
        records.certificates.filter(Q(pk__in=ids[Certificate]) | Q(replaced_by__pk__in=ids[Certificate])),
        records.results.filter(session__in=ids[Session]),
    )


def changed_ids(since: datetime.datetime) -> dict[type, set[int]]:
    """For each kind of record the export draws on, the ids of those with an audit entry after ``since``."""
    types = ContentType.objects.get_for_models(Producer, Product, Certificate, Session)
    model_of = {content_type.pk: model for model, content_type in types.items()}
    ids: dict[type, set[int]] = {model: set() for model in types}
    entries = ActivityLog.objects.filter(created_at__gt=since, target_type__in=types.values())
    for type_id, target_id in entries.values_list("target_type_id", "target_id").distinct():
        ids[model_of[type_id]].add(int(target_id))
    return ids


# The issuing province -----------------------------------------------------------------------------------------------


def province_by_code(code: str) -> AdministrativeUnit | None:
    """Today's province with this code (QĐ 19/2025/QĐ-TTg)."""
    return AdministrativeUnit.objects.filter(era=Era.FROM_2025, level=UnitLevel.PROVINCE, code=code).first()


def issuing_province(actor, province: AdministrativeUnit | None = None) -> AdministrativeUnit | None:
    """The province the export speaks for, as it is today: the one asked for, else the province of the actor's
    office (Ninh Thuận's office speaks for Khánh Hòa, which Ninh Thuận became), else the installation's."""
    unit = province or _office_unit(actor) or home_province()
    if unit is None:
        return None
    unit = province_of(unit)
    if unit.is_current:
        return unit
    return next(iter(current_units_for(unit)), unit)


def _office_unit(actor) -> AdministrativeUnit | None:
    return next(
        (a.unit for a in active_roles(actor) if a.role in OFFICER_ROLES and a.unit is not None),
        None,
    )


@dataclass(frozen=True)
class PastExport:
    """An export as the audit trail recorded it."""

    at: datetime.datetime
    by: str  # the person's full name, or "hệ thống" for the command
    kind: ExportKind
    since: datetime.datetime | None
    counts: dict[str, int]


def recent_exports(actor, limit: int = 10) -> list[PastExport]:
    """The last exports logged: all of them for an administrator, those of the actor's province for an office."""
    entries = ActivityLog.objects.filter(verb=EXPORTED_VERB).select_related("actor")
    if not scope_of(actor).everything:
        province = issuing_province(actor)
        entries = entries.filter(data__province=province.code if province else "")
    return [
        PastExport(
            at=entry.created_at,
            by=entry.actor.full_name if entry.actor else entry.actor_name,
            kind=ExportKind(entry.data["kind"]),
            since=datetime.datetime.fromisoformat(entry.data["since"]) if entry.data["since"] else None,
            counts=entry.data["counts"],
        )
        for entry in entries[:limit]
    ]


# Records -----------------------------------------------------------------------------------------------------------


class _TodaysUnits:
    """Today's communes (QĐ 19/2025) that recorded communes became, and their provinces, found in a few queries
    whatever the number of records: one per step of succession, then one for the units reached."""

    def __init__(self, units: Iterable[AdministrativeUnit]):
        units = {unit.pk: unit for unit in units}
        edges = self._successions({pk for pk, unit in units.items() if not unit.is_current})
        reached = {pk: self._followed(pk, edges) if not unit.is_current else {pk} for pk, unit in units.items()}
        current = AdministrativeUnit.objects.current().filter(pk__in=set().union(*reached.values()))
        found = {unit.pk: unit for unit in current.select_related("parent")}
        self._today = {
            pk: sorted((found[each] for each in ids if each in found), key=lambda unit: unit.code)
            for pk, ids in reached.items()
        }

    @staticmethod
    def _successions(start: set[int]) -> dict[int, set[int]]:
        edges: dict[int, set[int]] = {}
        frontier = start
        while frontier:
            rows = UnitSuccession.objects.filter(predecessor_id__in=frontier).values_list(
                "predecessor_id", "successor_id"
            )
            for predecessor, successor in rows:
                edges.setdefault(predecessor, set()).add(successor)
            frontier = {successor for _, successor in rows} - edges.keys() - start
            start = start | frontier
        return edges

    @staticmethod
    def _followed(pk: int, edges: dict[int, set[int]]) -> set[int]:
        seen, frontier = set(), {pk}
        while frontier:
            frontier = set().union(*(edges.get(each, set()) for each in frontier)) - seen
            seen |= frontier
        return seen

    def communes(self, unit: AdministrativeUnit) -> list[AdministrativeUnit]:
        return self._today[unit.pk]

    def province(self, unit: AdministrativeUnit) -> AdministrativeUnit | None:
        return next((commune.parent for commune in self._today[unit.pk] if commune.parent_id), None)


def _producer(producer: Producer, units: _TodaysUnits) -> dict:
    province = units.province(producer.unit)
    return {
        "local_id": producer.pk,
        "name": producer.name,
        "legal_form": producer.legal_form,
        "registration_number": producer.registration_number,
        "registration_date": _day(producer.registration_date),
        "tax_code": producer.tax_code,
        "representative_name": producer.representative_name,
        "address": producer.address,
        "phone": producer.phone,
        "email": producer.email,
        "website": producer.website,
        "members_count": producer.members_count,
        "workers_count": producer.workers_count,
        "unit": _recorded_unit(producer.unit),
        "communes_2025": [_unit_2025(commune) for commune in units.communes(producer.unit)],
        "province_2025": _unit_2025(province) if province else None,
        "created_at": _moment(producer.created_at),
        "updated_at": _moment(producer.updated_at),
    }


def _product(product: Product) -> dict:
    return {
        "local_id": product.pk,
        "code": product.code,
        "name": product.name,
        "product_set": product.product_set,
        "product_set_name": product.product_set_info.name,
        "producer_local_id": product.producer_id,
        "producer_registration_number": product.producer.registration_number,
        "producer_tax_code": product.producer.tax_code,
        "origin": product.origin,
        "packaging": product.packaging,
        "shelf_life": product.shelf_life,
        "standard": product.standard,
        "gtin": product.gtin,
        "withdrawn_on": _day(product.withdrawn_on),
        "withdrawal_reason": product.withdrawal_reason,
        "created_at": _moment(product.created_at),
        "updated_at": _moment(product.updated_at),
    }


def _certificates(certificates: QuerySet[Certificate], today: datetime.date) -> list[dict]:
    loaded = with_status(certificates, today).select_related(
        "decision", "product", "revocation", "replaces", "replaced_by"
    )
    return [_certificate(certificate) for certificate in loaded.order_by("pk")]


def _certificate(certificate: Certificate) -> dict:
    decision = certificate.decision
    revocation = getattr(certificate, "revocation", None)
    replaced_by = getattr(certificate, "replaced_by", None)
    return {
        "local_id": certificate.pk,
        "number": certificate.number,
        "product_code": certificate.product.code,
        "producer_local_id": certificate.producer_id,
        "product_name": certificate.product_name,
        "product_set": certificate.product_set,
        "producer_name": certificate.producer_name,
        "stars": certificate.stars,
        "score": _score(certificate.score),
        "issued_on": _day(certificate.issued_on),
        "valid_until": _day(certificate.valid_until),
        "basis": certificate.basis,
        "replaces": certificate.replaces.number if certificate.replaces_id else None,
        "replaced_by": replaced_by.number if replaced_by else None,
        "status": certificate.status,
        "status_on": _day(certificate.status_on),
        "decision": {
            "number": decision.number,
            "decided_on": _day(decision.decided_on),
            "level": decision.level,
            "issuing_body": decision.issuing_body,
        },
        "revocation": {
            "number": revocation.number,
            "decided_on": _day(revocation.decided_on),
            "issuing_body": revocation.issuing_body,
            "public_reason": revocation.public_reason,
        }
        if revocation
        else None,
        "registered_from_records": certificate.registered_from_records,
    }


def _evaluations(results: QuerySet[Result]) -> list[dict]:
    loaded = results.select_related(
        "session__council__unit", "session__round__unit", "session__decision", "dossier__product"
    )
    return [_evaluation(result) for result in loaded.order_by("pk")]


def _evaluation(result: Result) -> dict:
    session, dossier = result.session, result.dossier
    return {
        "local_id": result.pk,
        "dossier_receipt_number": dossier.receipt_number,
        "dossier_kind": dossier.kind,
        "product_code": dossier.product.code,
        "producer_local_id": dossier.producer_id,
        "product_set": dossier.filed_product_set,
        "round": {
            "level": session.round.level,
            "year": session.round.year,
            "number": session.round.number,
            "area": _recorded_area(session.round.unit),
        },
        "council": {
            "name": session.council.name,
            "level": session.council.level,
            "area": _recorded_area(session.council.unit),
        },
        "held_on": _day(session.held_on),
        "mean_score": _score(result.mean),
        "band": result.band,
        "stars": result.star,
        "recognised": result.recognised,
        "disqualified": result.disqualified,
        "recognised_by": result.recognised_by,
        "decision": {
            "number": session.decision.number,
            "decided_on": _day(session.decision.decided_on),
            "issuing_body": session.decision.issuing_body,
        },
    }


def _recorded_unit(unit: AdministrativeUnit) -> dict:
    return {"code": unit.code, "name": unit.name, "level": unit.level, "era": unit.era}


def _recorded_area(unit: AdministrativeUnit | None) -> dict | None:
    """A round's or a council's area; none for the Ministry's own, which take every province's products."""
    return None if unit is None else _recorded_unit(unit)


def _unit_2025(unit: AdministrativeUnit) -> dict:
    return {"code": unit.code, "name": unit.name}


def _moment(value: datetime.datetime) -> str:
    """Local time with its offset, in whole minutes as the schema wants; before 1906 the zone's offset was local mean
    time (+07:06:30), so so old a moment is written in UTC."""
    local = timezone.localtime(value)
    if local.utcoffset().seconds % 60:
        local = value.astimezone(datetime.UTC)
    return local.isoformat(timespec="seconds")


def _day(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def _score(value) -> str | None:
    return f"{value:.2f}" if value is not None else None


# The schema --------------------------------------------------------------------------------------------------------


def schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(schema(), format_checker=format_checker("date", "date-time"))


def validate_export(document: dict) -> list[str]:
    """Every way ``document`` breaks the export schema, as "path: message" lines; empty when it follows it."""
    errors = sorted(_validator().iter_errors(document), key=lambda error: list(map(str, error.absolute_path)))
    return [f"{error.json_path}: {error.message}" for error in errors]
