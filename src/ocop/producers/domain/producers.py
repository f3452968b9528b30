"""Writing producers (chủ thể). One function per write, each logged."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ocop.accounts.domain.scope import speaks_only_for_a_producer
from ocop.common.domain.activity import log_action
from ocop.common.domain.changes import apply_changes, ensure_editable
from ocop.common.text import fold
from ocop.geo.enums import UnitLevel
from ocop.producers.domain import identity_changes
from ocop.producers.domain.cleaning import clean_values
from ocop.producers.enums import ETHNIC_GROUPS, LegalForm
from ocop.producers.models import Producer

PRODUCER_FIELDS = (
    "name",
    "legal_form",
    "enterprise_size",
    "registration_number",
    "registration_date",
    "tax_code",
    "representative_name",
    "representative_gender",
    "representative_ethnicity",
    "representative_disabled",
    "address",
    "unit",
    "phone",
    "email",
    "website",
    "members_count",
    "member_households",
    "workers_count",
    "circular_economy",
    "craft_village",
    "is_generated",
)
_TEXT = ("name", "representative_name", "representative_ethnicity", "address", "phone", "email", "website")
_IDENTIFIERS = ("registration_number", "tax_code")


def validate_producer(values: dict, *, exclude_pk=None) -> None:
    """Field errors for a producer about to be written (the import checks its rows with it too)."""
    errors: dict[str, str] = {}
    if not values.get("name"):
        errors["name"] = _("The name is required.")
    unit = values.get("unit")
    if unit is None or unit.level != UnitLevel.COMMUNE:
        errors["unit"] = _("Choose the commune where the producer is based.")
    if values.get("enterprise_size") and values.get("legal_form") != LegalForm.ENTERPRISE:
        errors["enterprise_size"] = _("Only enterprises have a size class.")
    ethnicity = values.get("representative_ethnicity")
    if ethnicity and ethnicity not in ETHNIC_GROUPS:
        errors["representative_ethnicity"] = _("Unknown ethnic group “%(name)s”.") % {"name": ethnicity}
    others = Producer.objects.exclude(pk=exclude_pk)
    number = values.get("registration_number")
    if number and (holder := others.filter(registration_number=number).first()):
        errors["registration_number"] = _("This registration number already belongs to “%(name)s”.") % {
            "name": holder.name
        }
    if values.get("name") and unit is not None and others.filter(search_name=fold(values["name"]), unit=unit).exists():
        errors["name"] = _("A producer with this name already exists in this commune.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_producer(*, actor, **values) -> Producer:
    values = clean_values(values, text_fields=_TEXT, identifier_fields=_IDENTIFIERS)
    ensure_editable(values, PRODUCER_FIELDS)
    validate_producer(values)
    producer = Producer.objects.create(search_name=fold(values["name"]), **values)
    log_action(
        actor=actor,
        verb="producers.producer_created",
        target=producer,
        data={"unit": producer.unit.code, "legal_form": producer.legal_form},
    )
    return producer


@transaction.atomic
def update_producer(*, actor, producer: Producer, **changes) -> Producer:
    changes = clean_values(changes, text_fields=_TEXT, identifier_fields=_IDENTIFIERS)
    moved = "unit" in changes and getattr(changes["unit"], "pk", changes["unit"]) != producer.unit_id
    if moved and speaks_only_for_a_producer(actor):  # the commune decides who is its producer, not the producer
        raise ValidationError({"unit": _("Only an officer can move a producer to another commune.")})
    merged = {field: getattr(producer, field) for field in PRODUCER_FIELDS} | changes
    validate_producer(merged, exclude_pk=producer.pk)
    if speaks_only_for_a_producer(actor):  # the public name and address wait for the provincial office
        public = {
            field: changes.pop(field)
            for field in identity_changes.PUBLIC_FIELDS
            if field in changes and changes[field] != getattr(producer, field)
        }
        if public:
            identity_changes.ask(actor=actor, producer=producer, values=public)
    changed = apply_changes(producer, changes, PRODUCER_FIELDS)
    if not changed:
        return producer
    producer.search_name = fold(producer.name)
    producer.save()
    log_action(actor=actor, verb="producers.producer_updated", target=producer, data={"changed": changed})
    return producer
