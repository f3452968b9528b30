"""Sales points (điểm giới thiệu và bán sản phẩm OCOP): opened in a commune of today's map, run by a producer of the
registry or another organisation, stocking OCOP products; closed with a date. Target I.2.9 counts the points opened
in the period (promotion.domain.indicators)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ocop.common.domain.activity import log_action
from ocop.common.domain.changes import apply_changes
from ocop.common.domain.locking import lock
from ocop.common.text import clean_text, fold
from ocop.geo.enums import Era, UnitLevel
from ocop.promotion.enums import SalesPointStatus
from ocop.promotion.models import SalesPoint

FIELDS = ("name", "unit", "address", "operator", "operator_name", "opened_on", "closed_on", "status", "task")


def _checked(values: dict) -> dict:
    values = dict(values)
    for name in ("name", "address", "operator_name"):
        values[name] = clean_text(values.get(name))
    if values.get("operator") is not None:
        values["operator_name"] = ""
    values["status"] = values.get("status") or SalesPointStatus.OPEN
    problems: dict[str, str] = {}
    if not values["name"]:
        problems["name"] = _("Give the sales point a name.")
    if not values["address"]:
        problems["address"] = _("Give the address of the sales point.")
    unit = values.get("unit")
    if unit is None or unit.level != UnitLevel.COMMUNE or unit.era != Era.FROM_2025 or unit.valid_to is not None:
        problems["unit"] = _("Choose a commune or ward of today's map (from 1/7/2025).")
    if values.get("operator") is None and not values["operator_name"]:
        problems["operator_name"] = _("Choose the producer running the point or give the organisation's name.")
    opened, closed = values.get("opened_on"), values.get("closed_on")
    if not isinstance(opened, datetime.date):
        problems["opened_on"] = _("Give the opening date.")
    elif closed is not None and closed < opened:
        problems["closed_on"] = _("The point cannot close before it opened (%(opened)s).") % {
            "opened": opened.strftime("%d/%m/%Y")
        }
    if values["status"] == SalesPointStatus.CLOSED and closed is None:
        problems["closed_on"] = _("A closed point needs its closing date.")
    if closed is not None and values["status"] != SalesPointStatus.CLOSED:
        problems["status"] = _("A point with a closing date is closed: choose the status Closed or clear the date.")
    if problems:
        raise ValidationError(problems)
    return values


def _check_products(products) -> list:
    products = list(products or [])
    withdrawn = [product.name for product in products if product.withdrawn_on is not None]
    if withdrawn:
        raise ValidationError(
            {"products": _("Withdrawn products cannot be stocked: %(names)s.") % {"names": ", ".join(withdrawn)}}
        )
    return products


@transaction.atomic
def create_sales_point(*, actor, products=(), **values) -> SalesPoint:
    values = _checked({name: values.get(name) for name in FIELDS})
    products = _check_products(products)
    point = SalesPoint(**values, search_name=fold(values["name"]))
    point.save()
    point.products.set(products)
    log_action(
        actor=actor,
        verb="promotion.sales_point_created",
        target=point,
        data={"opened_on": point.opened_on.isoformat(), "unit": point.unit.code, "products": len(products)},
    )
    return point


@transaction.atomic
def update_sales_point(*, actor, sales_point: SalesPoint, products=None, **values) -> SalesPoint:
    lock(sales_point)
    current = {name: getattr(sales_point, name) for name in FIELDS}
    values = _checked({**current, **{name: value for name, value in values.items() if name in FIELDS}})
    changed = apply_changes(sales_point, values, FIELDS)
    sales_point.search_name = fold(sales_point.name)
    sales_point.save()
    if products is not None:
        products = _check_products(products)
        before = set(sales_point.products.values_list("pk", flat=True))
        if before != {product.pk for product in products}:
            sales_point.products.set(products)
            changed["products"] = str(len(products))
    if changed:
        log_action(actor=actor, verb="promotion.sales_point_changed", target=sales_point, data=changed)
    return sales_point
