"""The dashboard: the OCOP work of the viewer's area first, counted without growing with the records."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ocop.accounts.enums import Role
from ocop.backoffice.dashboard import dashboard_figures
from tests.certificates.helpers import registered
from tests.factories import NHON_HAI, make_dossier, make_producer, make_product, make_user

pytestmark = pytest.mark.django_db


def _values(user) -> dict[str, int]:
    return {str(figure.label): figure.value for figure in dashboard_figures(user)}


def test_an_officer_sees_the_work_of_their_area_only():
    today = timezone.localdate()
    mine = make_producer()  # xã Phước Thuận, the commune officer's commune
    registered(make_product(mine), today - datetime.timedelta(days=100))
    registered(make_product(mine), today - datetime.timedelta(days=36 * 30 - 60))  # expires within the notice
    make_dossier(make_product(mine), state="submitted", on=today - datetime.timedelta(days=60))  # overdue
    registered(make_product(make_producer(NHON_HAI)), today - datetime.timedelta(days=100))  # another commune

    officer = make_user(Role.COMMUNE_OFFICER)
    values = _values(officer)
    assert values["Hồ sơ chờ bạn xử lý"] == 1
    assert values["Sản phẩm OCOP còn hiệu lực"] == 2
    assert values["Giấy chứng nhận sắp hết hạn"] == 1
    assert (values["Chủ thể"], values["Sản phẩm"]) == (1, 3)
    waiting = next(f for f in dashboard_figures(officer) if f.url == reverse("backoffice:my_tasks"))
    assert waiting.urgent and "1" in str(waiting.note)

    office = _values(make_user(Role.PROVINCE_OFFICE))
    assert office["Sản phẩm OCOP còn hiệu lực"] == 3 and office["Chủ thể"] == 2


def test_the_page_links_each_figure_and_does_not_grow_with_records(client):
    office = make_user(Role.PROVINCE_OFFICE)
    client.force_login(office)
    registered(make_product(), timezone.localdate() - datetime.timedelta(days=10))
    client.get(reverse("backoffice:dashboard"))  # the first request of a session fills per-process caches
    with CaptureQueriesContext(connection) as few:
        page = client.get(reverse("backoffice:dashboard")).content.decode()
    assert reverse("backoffice:certificate_list") in page and reverse("backoffice:expiry_list") in page
    for _n in range(5):
        registered(make_product(make_producer(NHON_HAI)), timezone.localdate() - datetime.timedelta(days=10))
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("backoffice:dashboard"))
    assert len(many) == len(few)


def test_unit_counts_show_what_matters_at_each_level():
    commune = _values(make_user(Role.COMMUNE_OFFICER))
    assert not {"Xã, phường trong địa bàn hiện nay", "Huyện, thành phố trước 01/7/2025"} & set(commune)
    district = _values(make_user(Role.DISTRICT_OFFICER))  # huyện Ninh Phước
    assert district["Xã, phường, thị trấn trước 01/7/2025"] == 9
    assert "Huyện, thành phố trước 01/7/2025" not in district
    province = _values(make_user(Role.PROVINCE_OFFICE))
    assert province["Huyện, thành phố trước 01/7/2025"] == 7
