"""Registry import from the Excel template: check every row first, then apply all of it or nothing.

Producers are matched by business registration number, then by name (ignoring accents) within the commune;
products by name within their producer; recognitions by decision number. A matched record whose cells say nothing
new is left alone, so importing the same workbook twice changes nothing.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.accounts.domain.scope import scope_of
from ocop.certificates.domain.issuing import recorded_decisions, register_certificate_from_records
from ocop.certificates.enums import RECOGNISED_STARS, RecognitionLevel
from ocop.common.domain.activity import log_action
from ocop.common.domain.locking import lock
from ocop.common.text import fold
from ocop.geo.enums import UnitLevel
from ocop.geo.models import AdministrativeUnit, UnitSuccession
from ocop.producers import product_sets
from ocop.producers.domain import products as product_domain
from ocop.producers.domain.producers import PRODUCER_FIELDS, create_producer, update_producer, validate_producer
from ocop.producers.domain.products import PRODUCT_FIELDS
from ocop.producers.enums import ETHNIC_GROUPS, EnterpriseSize, Gender, LegalForm, ProductOrigin
from ocop.producers.models import ImportBatch, Producer, Product
from ocop.registry_import.domain.import_parsing import (
    MAX_ERRORS,
    PRODUCER_COLUMNS,
    PRODUCER_SHEET,
    PRODUCT_COLUMNS,
    CellError,
    ParsedRow,
    read_registry_workbook,
)

# The product's origin as an office writes it (accents and case do not matter), besides the labels themselves.
PRODUCT_ORIGINS = {
    "chan nuoi": ProductOrigin.LIVESTOCK_POULTRY,
    "chan nuoi gia suc, gia cam": ProductOrigin.LIVESTOCK_POULTRY,
    "gia suc, gia cam": ProductOrigin.LIVESTOCK_POULTRY,
    "nuoi ong": ProductOrigin.BEE,
    "ong": ProductOrigin.BEE,
    "thuy san": ProductOrigin.AQUATIC,
    "trong trot": ProductOrigin.PLANT,
    "khac": ProductOrigin.OTHER,
}
LEGAL_FORMS = {
    "hop tac xa": LegalForm.COOPERATIVE,
    "htx": LegalForm.COOPERATIVE,
    "to hop tac": LegalForm.COOPERATIVE_GROUP,
    "tht": LegalForm.COOPERATIVE_GROUP,
    "doanh nghiep": LegalForm.ENTERPRISE,
    "cong ty": LegalForm.ENTERPRISE,
    "dn": LegalForm.ENTERPRISE,
    "trang trai": LegalForm.FARM,
    "ho kinh doanh": LegalForm.HOUSEHOLD,
    "ho san xuat kinh doanh": LegalForm.HOUSEHOLD,
    "hoi/hiep hoi": LegalForm.ASSOCIATION,
    "hoi": LegalForm.ASSOCIATION,
    "hiep hoi": LegalForm.ASSOCIATION,
    "ban quan ly": LegalForm.MANAGEMENT_BOARD,
}
SIZES = {"sieu nho": EnterpriseSize.MICRO, "nho": EnterpriseSize.SMALL, "vua": EnterpriseSize.MEDIUM}
GENDERS = {"nam": Gender.MALE, "nu": Gender.FEMALE}
ETHNICITIES = {fold(name): name for name in ETHNIC_GROUPS}
LEVELS = {
    "huyen": RecognitionLevel.DISTRICT,
    "tinh": RecognitionLevel.PROVINCE,
    "trung uong": RecognitionLevel.CENTRAL,
    "bo": RecognitionLevel.CENTRAL,
}
# The cells that are producer and product fields as they are; the other columns are read by the planning below.
_PRODUCER_VALUE_KEYS = tuple(column.key for column in PRODUCER_COLUMNS if column.key in PRODUCER_FIELDS)
_PRODUCT_VALUE_KEYS = tuple(column.key for column in PRODUCT_COLUMNS if column.key in PRODUCT_FIELDS)


@dataclass
class PlannedProducer:
    row: ParsedRow
    values: dict
    existing: Producer | None
    changes: dict = field(default_factory=dict)

    @property
    def action(self) -> str:
        return "create" if self.existing is None else "update" if self.changes else "unchanged"


@dataclass
class PlannedProduct:
    row: ParsedRow
    values: dict
    producer: Producer | PlannedProducer
    existing: Product | None
    changes: dict = field(default_factory=dict)
    certificate: dict | None = None

    @property
    def action(self) -> str:
        return "create" if self.existing is None else "update" if self.changes else "unchanged"


@dataclass
class ImportPlan:
    producers: list[PlannedProducer]
    products: list[PlannedProduct]
    errors: list[CellError]

    @property
    def ok(self) -> bool:
        return not self.errors

    def counts(self) -> dict:
        tally = {}
        for kind, items in (("producers", self.producers), ("products", self.products)):
            for item in items:
                key = f"{kind}_{item.action}"
                tally[key] = tally.get(key, 0) + 1
        tally["certificates_create"] = sum(1 for p in self.products if p.certificate and not p.certificate["exists"])
        return tally

    def report(self) -> dict:
        """What the report page shows: the counts and the first MAX_ERRORS problems (checking stops there)."""
        return {
            "counts": self.counts(),
            "errors": [error.as_dict() for error in self.errors[:MAX_ERRORS]],
            "stopped": len(self.errors) >= MAX_ERRORS,
        }


class _Lookups:
    """Everything the rows refer to, read in a handful of queries whatever the number of rows."""

    def __init__(self, producer_rows: list[ParsedRow], product_rows: list[ParsedRow], actor):
        codes = {r.values["unit_code"] for r in producer_rows} | {r.values["producer_unit_code"] for r in product_rows}
        self.units: dict[str, list[AdministrativeUnit]] = {}
        for unit in AdministrativeUnit.objects.filter(level=UnitLevel.COMMUNE, code__in=codes - {""}):
            self.units.setdefault(unit.code, []).append(unit)
        # A commune that went on after the 2025 reform under its code and name is, for a producer today, the new one.
        both_eras = [unit.pk for units in self.units.values() if len(units) > 1 for unit in units]
        self.continued = set(
            UnitSuccession.objects.filter(predecessor_id__in=both_eras, successor_id__in=both_eras).values_list(
                "predecessor_id", "successor_id"
            )
        )
        numbers = {r.values["registration_number"] for r in producer_rows} | {
            r.values["producer_registration_number"] for r in product_rows
        }
        names = {fold(r.values["name"]) for r in producer_rows} | {
            fold(r.values["producer_name"]) for r in product_rows
        }
        candidates = Producer.objects.filter(registration_number__in=numbers - {""}) | Producer.objects.filter(
            search_name__in=names - {""}
        )
        self.by_number = {p.registration_number: p for p in candidates if p.registration_number}
        self.by_name = {(p.search_name, p.unit_id): p for p in candidates}
        self.scope = scope_of(actor)


def _resolve_unit(row: ParsedRow, lookups: _Lookups, code_key: str, name: str | None) -> AdministrativeUnit | None:
    code = row.values[code_key]
    if not code:
        return None
    units = lookups.units.get(code, [])
    if name and len(units) > 1:
        units = [u for u in units if fold(name) in (fold(u.name), fold(u.short_name))] or units
    if len(units) == 2:
        former, current = sorted(units, key=lambda unit: unit.is_current)
        if (former.pk, current.pk) in lookups.continued and fold(former.name) == fold(current.name):
            units = [current]  # the commune kept its code and name on 1/7/2025: the producer is placed in today's
    if not units:
        row.error(code_key, _("No commune has the code %(code)s.") % {"code": code}, _columns(row))
        return None
    if len(units) > 1:
        row.error(
            code_key,
            _("Code %(code)s is a commune both before and after 1/7/2025: fill in the commune's name.")
            % {"code": code},
            _columns(row),
        )
        return None
    if not lookups.scope.allows_unit(units[0].pk):
        row.error(code_key, _("Commune %(name)s is outside your area.") % {"name": units[0].name}, _columns(row))
        return None
    return units[0]


def _columns(row: ParsedRow):
    return PRODUCER_COLUMNS if row.sheet == PRODUCER_SHEET else PRODUCT_COLUMNS


def _choice(row: ParsedRow, key: str, table: dict, message: str):
    text = row.values[key]
    if not text:
        return ""
    value = table.get(fold(text))
    if value is None:
        row.error(key, message % {"value": text}, _columns(row))
        return ""
    return value


def _producer_values(row: ParsedRow, unit) -> dict:
    values = {key: row.values[key] for key in _PRODUCER_VALUE_KEYS}
    values["legal_form"] = _choice(row, "legal_form", LEGAL_FORMS, _("Unknown legal form “%(value)s”."))
    values["enterprise_size"] = _choice(row, "enterprise_size", SIZES, _("Unknown enterprise size “%(value)s”."))
    values["representative_gender"] = _choice(row, "representative_gender", GENDERS, _("Write “Nam” or “Nữ”."))
    values["representative_ethnicity"] = _choice(
        row, "representative_ethnicity", ETHNICITIES, _("Unknown ethnic group “%(value)s”.")
    )
    values["unit"] = unit
    return values


def _differences(existing, values: dict) -> dict:
    """The cells that say something new: empty cells never erase what the registry has."""
    return {
        key: value
        for key, value in values.items()
        if value not in ("", None, False) and getattr(existing, key) != value
    }


def _report_domain_errors(row: ParsedRow, error: ValidationError, field_to_column: dict[str, str]) -> None:
    for field_name, messages in error.message_dict.items():
        for message in messages:
            row.error(field_to_column.get(field_name, field_name), message, _columns(row))


def _plan_producers(rows: list[ParsedRow], lookups: _Lookups) -> tuple[list[PlannedProducer], dict]:
    planned, seen_numbers, seen_names = [], {}, {}
    for row in rows:
        unit = _resolve_unit(row, lookups, "unit_code", row.values["unit_name"])
        values = _producer_values(row, unit)
        number, name_key = values["registration_number"], (fold(values["name"]), unit.pk if unit else None)
        if number and number in seen_numbers:
            row.error(
                "registration_number",
                _("The same registration number is on row %(row)s.") % {"row": seen_numbers[number].row.number},
                PRODUCER_COLUMNS,
            )
        if unit and name_key in seen_names:
            row.error(
                "name",
                _("The same producer is on row %(row)s.") % {"row": seen_names[name_key].row.number},
                PRODUCER_COLUMNS,
            )
        existing = lookups.by_number.get(number) if number else None
        if existing and fold(existing.name) != name_key[0]:
            row.error(
                "registration_number",
                _("This registration number already belongs to “%(name)s”.") % {"name": existing.name},
                PRODUCER_COLUMNS,
            )
        existing = existing or (lookups.by_name.get(name_key) if unit else None)
        if existing and number and existing.registration_number and existing.registration_number != number:
            row.error(
                "registration_number",
                _("“%(name)s” is registered with number %(number)s.")
                % {"name": existing.name, "number": existing.registration_number},
                PRODUCER_COLUMNS,
            )
        item = PlannedProducer(row, values, existing)
        if not row.errors:
            item.changes = _differences(existing, values) if existing else {}
            merged = values
            if existing is not None:
                merged = {f: getattr(existing, f) for f in values if f != "unit"} | {"unit": unit} | item.changes
            try:
                validate_producer(merged, exclude_pk=existing.pk if existing else None)
            except ValidationError as error:
                _report_domain_errors(row, error, {"unit": "unit_code"})
        planned.append(item)
        if number:
            seen_numbers.setdefault(number, item)
        if unit:
            seen_names.setdefault(name_key, item)
    return planned, {"numbers": seen_numbers, "names": seen_names}


def _find_producer(row: ParsedRow, lookups: _Lookups, in_file: dict):
    number = row.values["producer_registration_number"]
    if number:
        found = in_file["numbers"].get(number) or lookups.by_number.get(number)
        if found is None:
            row.error(
                "producer_registration_number",
                _("No producer has the registration number %(number)s.") % {"number": number},
                PRODUCT_COLUMNS,
            )
        return found
    if not row.values["producer_name"] or not row.values["producer_unit_code"]:
        row.error(
            "producer_name",
            _("Give the producer's registration number, or its name and commune code."),
            PRODUCT_COLUMNS,
        )
        return None
    unit = _resolve_unit(row, lookups, "producer_unit_code", None)
    if unit is None:
        return None
    key = (fold(row.values["producer_name"]), unit.pk)
    found = in_file["names"].get(key) or lookups.by_name.get(key)
    if found is None:
        row.error(
            "producer_name",
            _("No producer “%(name)s” in this commune.") % {"name": row.values["producer_name"]},
            PRODUCT_COLUMNS,
        )
    return found


def _plan_certificate(row: ParsedRow, recorded: bool) -> dict | None:
    stars, number, day = row.values["stars"], row.values["decision_number"], row.values["decision_date"]
    if stars is None and not number:
        return None
    if stars not in RECOGNISED_STARS:
        row.error("stars", _("Only 3, 4 or 5 stars are recognised."), PRODUCT_COLUMNS)
    if not number:
        row.error("decision_number", _("Give the number of the recognition decision."), PRODUCT_COLUMNS)
    if day is None:
        row.error("decision_date", _("Give the date of the recognition decision."), PRODUCT_COLUMNS)
    level = _choice(row, "decision_level", LEVELS, _("Unknown level “%(value)s”: write Huyện, Tỉnh or Trung ương."))
    return {
        "stars": stars,
        "decision_number": number,
        "decided_on": day,
        "exists": recorded,
        "level": level or RecognitionLevel.PROVINCE,
        "score": row.values["score"],
    }


def _existing_products(producers) -> tuple[dict, set]:
    """Products of the known producers by (producer, folded name), and their recorded decision numbers."""
    ids = {p.pk for p in producers if isinstance(p, Producer)}
    products = {(p.producer_id, p.search_name): p for p in Product.objects.filter(producer_id__in=ids)}
    recorded = recorded_decisions([p.pk for p in products.values()])
    return products, recorded


def _plan_products(rows: list[ParsedRow], lookups: _Lookups, in_file: dict) -> list[PlannedProduct]:
    producers = [_find_producer(row, lookups, in_file) for row in rows]
    known = [p.existing if isinstance(p, PlannedProducer) else p for p in producers]
    existing_products, recorded = _existing_products([p for p in known if p is not None])
    planned, seen = [], {}
    for row, producer, known_producer in zip(rows, producers, known, strict=True):
        values = {key: row.values[key] for key in _PRODUCT_VALUE_KEYS}
        values["origin"] = _choice(row, "origin", PRODUCT_ORIGINS, _("Unknown origin “%(value)s”."))
        if values["product_set"] is not None and values["product_set"] not in product_sets.BY_NUMBER:
            row.error("product_set", _("The product set must be a number from 1 to 26."), PRODUCT_COLUMNS)
        key = (id(producer), fold(values["name"]))
        if producer is not None and key in seen:
            row.error("name", _("The same product is on row %(row)s.") % {"row": seen[key].row.number}, PRODUCT_COLUMNS)
        existing = existing_products.get((known_producer.pk, fold(values["name"]))) if known_producer else None
        code = row.values["code"]
        if code and (problem := product_domain.code_problem(code)):
            row.error("code", problem, PRODUCT_COLUMNS)
        elif code and existing and existing.code != code:
            row.error(
                "code", _("This product already has the code %(code)s.") % {"code": existing.code}, PRODUCT_COLUMNS
            )
        elif code and not existing and Product.objects.filter(code=code).exists():
            row.error("code", _("The product code %(code)s is already used.") % {"code": code}, PRODUCT_COLUMNS)
        if values["gtin"] and not product_domain.gtin_is_valid(values["gtin"]):
            row.error(
                "gtin",
                _("This GTIN is not valid (8, 12, 13 or 14 digits with a correct check digit)."),
                PRODUCT_COLUMNS,
            )
        is_recorded = bool(existing) and (existing.pk, row.values["decision_number"]) in recorded
        item = PlannedProduct(row, values, producer, existing, certificate=_plan_certificate(row, is_recorded))
        if existing and not row.errors:
            item.changes = _differences(existing, values)
        planned.append(item)
        if producer is not None:
            seen.setdefault(key, item)
    return planned


def plan_import(file, *, actor) -> ImportPlan:
    """Read and check the whole workbook without writing anything."""
    producer_rows, product_rows = read_registry_workbook(file)
    lookups = _Lookups(producer_rows, product_rows, actor)
    producers, in_file = _plan_producers(producer_rows, lookups)
    products = _plan_products(product_rows, lookups, in_file)
    errors = [error for row in producer_rows + product_rows for error in row.errors]
    return ImportPlan(producers, products, errors)


@transaction.atomic
def check_import(*, actor, upload) -> ImportBatch:
    """The dry run: keep the file, record what applying it would do (or why it cannot be applied)."""
    plan = plan_import(upload, actor=actor)
    upload.seek(0)
    batch = ImportBatch.objects.create(
        file=upload,
        original_name=upload.name[:255],
        uploaded_by=actor,
        uploaded_at=timezone.now(),
        status=ImportBatch.Status.CHECKED if plan.ok else ImportBatch.Status.REJECTED,
        report=plan.report(),
    )
    log_action(actor=actor, verb="producers.import_checked", target=batch, data=plan.report()["counts"])
    return batch


def _apply_producer(actor, item: PlannedProducer) -> Producer:
    if item.existing is None:
        return create_producer(actor=actor, **item.values)
    if item.changes:
        return update_producer(actor=actor, producer=item.existing, **item.changes)
    return item.existing


@transaction.atomic
def apply_import(*, actor, batch: ImportBatch) -> ImportPlan:
    """Apply a checked workbook: checked again against today's registry, then written in one transaction.

    If the registry changed since the check and rows now have errors, nothing is written, the batch records the
    new errors and the returned plan is not ``ok``.
    """
    lock(batch)  # a second click waits for the first, then finds the batch applied
    if not batch.may_apply:
        raise ValidationError(_("Only a checked import without errors can be applied."))
    with batch.file.open("rb") as handle:
        plan = plan_import(handle, actor=actor)
    if not plan.ok:
        batch.status, batch.report = ImportBatch.Status.REJECTED, plan.report()
        batch.save(update_fields=["status", "report"])
        return plan
    saved = {id(item): _apply_producer(actor, item) for item in plan.producers}
    for item in plan.products:
        producer = saved[id(item.producer)] if isinstance(item.producer, PlannedProducer) else item.producer
        _apply_product(actor, item, producer)
    batch.status, batch.applied_at, batch.report = ImportBatch.Status.APPLIED, timezone.now(), plan.report()
    batch.save(update_fields=["status", "applied_at", "report"])
    log_action(actor=actor, verb="producers.import_applied", target=batch, data=plan.counts())
    return plan


def _apply_product(actor, item: PlannedProduct, producer: Producer) -> Product:
    certificate = item.certificate
    if item.existing is None:
        year = certificate["decided_on"].year if certificate else None
        product = product_domain.create_product(
            actor=actor, producer=producer, code=item.row.values["code"], registered_in=year, **item.values
        )
    elif item.changes:
        product = product_domain.update_product(actor=actor, product=item.existing, **item.changes)
    else:
        product = item.existing
    if certificate and not certificate["exists"]:
        register_certificate_from_records(
            actor=actor,
            product=product,
            stars=certificate["stars"],
            decision_number=certificate["decision_number"],
            decided_on=certificate["decided_on"],
            level=certificate["level"],
            score=certificate["score"],
        )
    return product
