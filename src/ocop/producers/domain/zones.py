"""Raw-material zones, craft villages and the certificates other bodies issued: checked, dated, logged."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.common.domain.activity import log_action
from ocop.common.domain.changes import apply_changes, ensure_editable
from ocop.common.text import fold
from ocop.geo.enums import UnitLevel
from ocop.producers.domain.cleaning import clean_values
from ocop.producers.models import CraftVillage, RawMaterialZone, ZoneCertification

ZONE_FIELDS = ("name", "material", "growing_area_code", "area_hectares", "unit", "location", "is_generated")
VILLAGE_FIELDS = ("name", "craft", "unit", "recognition_number", "recognition_date", "recognised_by", "is_generated")
CERTIFICATE_FIELDS = ("number", "issuer", "issued_on", "valid_until")


def _require_name_and_commune(values: dict) -> None:
    errors = {}
    if not values.get("name"):
        errors["name"] = _("The name is required.")
    unit = values.get("unit")
    if unit is None or unit.level != UnitLevel.COMMUNE:
        errors["unit"] = _("Choose a commune.")
    if values.get("area_hectares") is not None and values["area_hectares"] < 0:
        errors["area_hectares"] = _("The area cannot be negative.")
    if errors:
        raise ValidationError(errors)


def validate_validity(issued_on: datetime.date | None, valid_until: datetime.date | None) -> None:
    if issued_on and valid_until and valid_until < issued_on:
        raise ValidationError({"valid_until": _("The expiry date is before the issue date.")})


def _create(model, fields, verb, *, actor, extra=None, **values):
    values = clean_values(
        values,
        text_fields=("name", "material", "craft", "location", "recognised_by"),
        identifier_fields=("growing_area_code", "recognition_number"),
    )
    ensure_editable(values, fields)
    _require_name_and_commune(values)
    record = model.objects.create(search_name=fold(values["name"]), **values, **(extra or {}))
    log_action(actor=actor, verb=verb, target=record, data={"unit": record.unit.code})
    return record


def _update(record, fields, verb, *, actor, **changes):
    changes = clean_values(
        changes,
        text_fields=("name", "material", "craft", "location", "recognised_by"),
        identifier_fields=("growing_area_code", "recognition_number"),
    )
    _require_name_and_commune({field: getattr(record, field) for field in fields} | changes)
    changed = apply_changes(record, changes, fields)
    if changed:
        record.search_name = fold(record.name)
        record.save()
        log_action(actor=actor, verb=verb, target=record, data={"changed": changed})
    return record


@transaction.atomic
def create_zone(*, actor, producer, **values) -> RawMaterialZone:
    return _create(
        RawMaterialZone, ZONE_FIELDS, "producers.zone_created", actor=actor, extra={"producer": producer}, **values
    )


@transaction.atomic
def update_zone(*, actor, zone: RawMaterialZone, **changes) -> RawMaterialZone:
    return _update(zone, ZONE_FIELDS, "producers.zone_updated", actor=actor, **changes)


@transaction.atomic
def create_craft_village(*, actor, **values) -> CraftVillage:
    return _create(CraftVillage, VILLAGE_FIELDS, "producers.craft_village_created", actor=actor, **values)


@transaction.atomic
def update_craft_village(*, actor, village: CraftVillage, **changes) -> CraftVillage:
    return _update(village, VILLAGE_FIELDS, "producers.craft_village_updated", actor=actor, **changes)


@transaction.atomic
def add_zone_certification(*, actor, zone: RawMaterialZone, kind: str, **values) -> ZoneCertification:
    values = clean_values(values, text_fields=("issuer",), identifier_fields=("number",))
    ensure_editable(values, CERTIFICATE_FIELDS)
    if not values.get("issuer"):
        raise ValidationError({"issuer": _("Say who issued the certificate.")})
    validate_validity(values.get("issued_on"), values.get("valid_until"))
    certification = ZoneCertification.objects.create(zone=zone, kind=kind, **values)
    log_action(
        actor=actor,
        verb="producers.zone_certification_added",
        target=zone,
        data={"kind": kind, "number": certification.number, "valid_until": certification.valid_until},
    )
    return certification


def mark_checked(*, actor, record, verb: str, target):
    """An officer confirms having checked a certificate issued by another body (VietGAP had fake ones)."""
    record.checked_by = actor
    record.checked_at = timezone.now()
    record.save(update_fields=["checked_by", "checked_at"])
    log_action(actor=actor, verb=verb, target=target, data={"record": str(record)})
    return record
