"""Writing products: creation gives the official code, which never changes afterwards."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.common.domain.activity import log_action
from ocop.common.domain.changes import apply_changes, ensure_editable
from ocop.common.text import clean_text, fold
from ocop.common.uploads import IMAGE_TYPES, check_upload, safe_file_name
from ocop.producers import product_sets
from ocop.producers.domain.cleaning import clean_values
from ocop.producers.domain.codes import next_product_code
from ocop.producers.models import Producer, Product, ProductPhoto

PRODUCT_FIELDS = (
    "name",
    "product_set",
    "origin",
    "description",
    "packaging",
    "shelf_life",
    "standard",
    "gtin",
    "is_generated",
)
_TEXT = ("name", "packaging", "shelf_life", "standard")
_CODE_PATTERN = re.compile(r"^\d{2}-\d{5}-\d{3,}-\d{4}$")


def code_problem(code: str) -> str | None:
    """What is wrong with an official product code given by hand (an existing one being registered), if anything."""
    if not _CODE_PATTERN.match(code):
        return _("The product code must look like 58-22882-001-2024.")
    return None


def gtin_is_valid(gtin: str) -> bool:
    """GTIN-8/12/13/14 with a correct GS1 check digit."""
    if not (gtin.isascii() and gtin.isdigit()) or len(gtin) not in (8, 12, 13, 14):
        return False
    digits = [int(d) for d in gtin]
    weighted = sum(d * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(digits[:-1])))
    return (10 - weighted % 10) % 10 == digits[-1]


def _validate(values: dict, producer: Producer, *, exclude_pk=None) -> None:
    errors: dict[str, str] = {}
    if not values.get("name"):
        errors["name"] = _("The name is required.")
    if values.get("product_set") not in product_sets.BY_NUMBER:
        errors["product_set"] = _("The product set must be a number from 1 to 26.")
    gtin = values.get("gtin")
    if gtin and not gtin_is_valid(gtin):
        errors["gtin"] = _("This GTIN is not valid (8, 12, 13 or 14 digits with a correct check digit).")
    name = values.get("name")
    if name and producer.products.exclude(pk=exclude_pk).filter(search_name=fold(name)).exists():
        errors["name"] = _("This producer already has a product with this name.")
    if errors:
        raise ValidationError(errors)


def _clean(values: dict) -> dict:
    values = clean_values(values, text_fields=_TEXT)
    if "description" in values:
        values["description"] = (values["description"] or "").strip()
    if "gtin" in values:
        values["gtin"] = "".join(ch for ch in values["gtin"] or "" if not ch.isspace())
    return values


@transaction.atomic
def create_product(*, actor, producer: Producer, code: str = "", registered_in: int | None = None, **values) -> Product:
    """Add a product; without an existing official ``code`` the next one of the producer's commune is given."""
    values = _clean(values)
    ensure_editable(values, PRODUCT_FIELDS)
    _validate(values, producer)
    code = clean_text(code)
    if code:
        if problem := code_problem(code):
            raise ValidationError({"code": problem})
        if Product.objects.filter(code=code).exists():
            raise ValidationError({"code": _("The product code %(code)s is already used.") % {"code": code}})
    else:
        code = next_product_code(producer.unit, registered_in or timezone.localdate().year)
    product = Product.objects.create(producer=producer, code=code, search_name=fold(values["name"]), **values)
    log_action(
        actor=actor,
        verb="producers.product_created",
        target=product,
        data={"code": code, "product_set": product.product_set, "producer": producer.pk},
    )
    return product


@transaction.atomic
def update_product(*, actor, product: Product, **changes) -> Product:
    changes = _clean(changes)
    merged = {field: getattr(product, field) for field in PRODUCT_FIELDS} | changes
    _validate(merged, product.producer, exclude_pk=product.pk)
    changed = apply_changes(product, changes, PRODUCT_FIELDS)
    if not changed:
        return product
    product.search_name = fold(product.name)
    product.save()
    log_action(actor=actor, verb="producers.product_updated", target=product, data={"changed": changed})
    return product


@transaction.atomic
def set_raw_material_zones(*, actor, product: Product, zones) -> Product:
    zones = list(zones)
    if any(zone.producer_id != product.producer_id for zone in zones):
        raise ValidationError({"raw_material_zones": _("Only the producer's own raw-material zones can be linked.")})
    before = set(product.raw_material_zones.values_list("pk", flat=True))
    after = {zone.pk for zone in zones}
    if before != after:
        product.raw_material_zones.set(zones)
        log_action(actor=actor, verb="producers.product_zones_changed", target=product, data={"zones": sorted(after)})
    return product


@transaction.atomic
def withdraw_product(*, actor, product: Product, reason: str, on: datetime.date | None = None) -> Product:
    """The producer stopped making the product: it leaves active lists but keeps its code and history."""
    reason = clean_text(reason)
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the withdrawal.")})
    if product.withdrawn_on is not None:
        raise ValidationError(_("The product has already been withdrawn."))
    product.withdrawn_on = on or timezone.localdate()
    product.withdrawal_reason = reason
    product.save(update_fields=["withdrawn_on", "withdrawal_reason", "updated_at"])
    log_action(actor=actor, verb="producers.product_withdrawn", target=product, data={"reason": reason})
    return product


@transaction.atomic
def add_product_photo(*, actor, product: Product, upload, caption: str = "") -> ProductPhoto:
    checked = check_upload(upload, IMAGE_TYPES)
    upload.name = safe_file_name(upload.name, checked.extension, "anh")
    photo = ProductPhoto.objects.create(product=product, image=upload, caption=clean_text(caption))
    log_action(actor=actor, verb="producers.product_photo_added", target=product, data={"photo": photo.image.name})
    return photo
