"""Promotion records built through the domain functions."""

import datetime

from ocop.geo.domain.queries import successors_on
from ocop.geo.enums import Era, UnitLevel
from ocop.geo.models import AdministrativeUnit
from ocop.promotion.domain import fairs, sales_points
from tests.certificates.helpers import registered
from tests.factories import PHUOC_THUAN, make_product, unit

D = datetime.date
PRODUCT_CERTIFIED_ON = D(2023, 6, 1)
POINT_OPENED_ON = D(2024, 9, 15)
FAIR_DAYS = (D(2024, 5, 10), D(2024, 5, 14))


def today_commune(former=PHUOC_THUAN) -> AdministrativeUnit:
    """The commune of today's map that a former commune of Ninh Thuận became (in today's Khánh Hòa)."""
    return successors_on(unit(*former), D(2025, 7, 1))[0]


def province_today(code: str) -> AdministrativeUnit:
    return AdministrativeUnit.objects.get(era=Era.FROM_2025, level=UnitLevel.PROVINCE, code=code)


def certified_product(producer=None, *, on=PRODUCT_CERTIFIED_ON, **fields):
    product = make_product(producer, **fields)
    registered(product, on)
    return product


def make_sales_point(*, opened_on=POINT_OPENED_ON, unit=None, **fields):
    values = {"name": "Điểm OCOP Phan Rang", "address": "Số 1 đường 16/4", "operator_name": "Trung tâm Xúc tiến"}
    return sales_points.create_sales_point(
        actor=None, unit=unit or today_commune(), opened_on=opened_on, **(values | fields)
    )


def make_fair(*, starts_on=FAIR_DAYS[0], ends_on=FAIR_DAYS[1], **fields):
    values = {"name": "Hội chợ OCOP Hà Nội 2024", "place": "Hà Nội", "organiser": "Bộ Nông nghiệp và PTNT"}
    return fairs.create_fair(actor=None, starts_on=starts_on, ends_on=ends_on, **(values | fields))
