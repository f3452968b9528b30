"""The national view: products with a certificate in force, by province (today's), by stars and by group of product
sets, from the same certificates as every other screen; for the Ministry's coordination office and the administrator."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ocop.accounts.enums import Role
from ocop.backoffice.dashboard import dashboard_figures
from ocop.national.domain.overview import GROUPS, national_overview
from tests.certificates.helpers import days_ago, registered
from tests.factories import make_producer, make_product, make_user, unit

pytestmark = pytest.mark.django_db

THANH_VINH = ("16681", "commune", "from_2025")  # phường Thành Vinh, Nghệ An
BAC_NHA_TRANG = ("22333", "commune", "from_2025")  # phường Bắc Nha Trang, Khánh Hòa


def _certified(unit_key, stars, product_set, *, decided=365):
    producer = make_producer(unit_key) if unit_key else make_producer()  # default: xã Phước Thuận, Ninh Thuận
    return registered(make_product(producer, product_set=product_set), days_ago(decided), stars=stars)


def test_certified_products_are_counted_by_todays_province_stars_and_group():
    _certified(None, 3, 9)  # Ninh Thuận (before 2025): Khánh Hòa today
    _certified(None, 4, 21)
    _certified(BAC_NHA_TRANG, 5, 9)
    _certified(THANH_VINH, 4, 11)
    _certified(THANH_VINH, 3, 26, decided=365 * 4)  # expired after its 36 months: not in force

    overview = national_overview()

    rows = [(row.province.name, row.by_stars, row.total) for row in overview.provinces]
    assert rows == [("Tỉnh Khánh Hòa", {3: 1, 4: 1, 5: 1}, 3), ("Tỉnh Nghệ An", {3: 0, 4: 1, 5: 0}, 1)]
    assert overview.by_stars == {3: 1, 4: 2, 5: 1}
    assert overview.total == 4
    assert overview.by_group == [
        ("Thực phẩm", 3),
        ("Đồ uống", 0),
        ("Dược liệu và sản phẩm từ dược liệu", 0),
        ("Thủ công mỹ nghệ", 1),
        ("Sinh vật cảnh", 0),
        ("Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch", 0),
    ]
    assert len(GROUPS) == 6


def _queries() -> int:
    with CaptureQueriesContext(connection) as captured:
        national_overview()
    return len(captured)


def test_the_figures_cost_the_same_queries_whatever_the_number_of_certificates():
    _certified(None, 3, 9)
    _certified(THANH_VINH, 4, 11)
    few = _queries()
    for stars, unit_key in [
        (3, BAC_NHA_TRANG),
        (4, THANH_VINH),
        (5, None),
        (3, THANH_VINH),
        (4, BAC_NHA_TRANG),
        (5, None),
    ]:
        _certified(unit_key, stars, 7)
    assert _queries() == few


def test_the_ministry_and_the_administrator_open_the_national_view_and_no_province_does(client):
    _certified(THANH_VINH, 4, 11)
    statuses = {}
    for role in (Role.MINISTRY_OFFICE, Role.ADMIN, Role.PROVINCE_OFFICE, Role.COMMUNE_OFFICER):
        client.force_login(make_user(role))
        statuses[role.value] = client.get(reverse("backoffice:national_overview")).status_code
    assert statuses == {"ministry_office": 200, "admin": 200, "province_office": 403, "commune_officer": 403}
    client.force_login(make_user(Role.MINISTRY_OFFICE))
    page = client.get(reverse("backoffice:national_overview")).content.decode()
    assert "Tỉnh Nghệ An" in page
    assert unit(*THANH_VINH).parent.name == "Tỉnh Nghệ An"


def test_the_ministrys_dashboard_counts_the_products_certified_nationwide():
    _certified(None, 3, 9)
    _certified(THANH_VINH, 4, 11)
    _certified(THANH_VINH, 5, 11)
    figures = {
        str(figure.label): (figure.value, figure.url) for figure in dashboard_figures(make_user(Role.MINISTRY_OFFICE))
    }
    assert figures["Sản phẩm OCOP cả nước"] == (3, reverse("backoffice:national_overview"))
    assert "Sản phẩm OCOP cả nước" not in {str(f.label) for f in dashboard_figures(make_user(Role.PROVINCE_OFFICE))}
