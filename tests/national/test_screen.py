import datetime
import io
import json

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from ocop.accounts.enums import Role
from ocop.common.models import ActivityLog
from ocop.national.domain.export import build_export
from ocop.producers.domain.products import update_product
from tests.clock import today_is
from tests.factories import make_user
from tests.national.registry import small_registry

pytestmark = pytest.mark.django_db
URL = reverse("backoffice:national_export")


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_the_office_downloads_everything_it_sees_as_json(client):
    registry = small_registry()
    client.force_login(make_user(Role.PROVINCE_OFFICE))
    response = client.post(URL, {"kind": "full", "file_format": "json"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="ocop-56-full-')
    document = json.loads(response.content)
    assert [producer["name"] for producer in document["producers"]] == [registry.producer.name]
    assert ActivityLog.objects.filter(verb="national.exported").count() == 1


def test_the_office_downloads_what_changed_as_excel(client):
    with today_is(timezone.localdate() - datetime.timedelta(days=1)):
        registry = small_registry()
    client.force_login(make_user(Role.PROVINCE_OFFICE))
    since = timezone.localtime()
    update_product(actor=None, product=registry.syrup, name="Mật nho Thái An hảo hạng")
    response = client.post(URL, {"kind": "incremental", "since": f"{since:%d/%m/%Y %H:%M}", "file_format": "xlsx"})
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(_body(response)))
    assert workbook.sheetnames == ["Thông tin lần xuất", "Chủ thể", "Sản phẩm", "Giấy chứng nhận", "Kết quả đánh giá"]
    products = list(workbook["Sản phẩm"].iter_rows(values_only=True))
    assert products[0][:3] == ("Mã sản phẩm OCOP", "Tên", "Bộ sản phẩm")
    assert [row[:3] for row in products[1:]] == [(registry.syrup.code, "Mật nho Thái An hảo hạng", 7)]
    assert workbook["Chủ thể"].max_row == 1


def test_changed_since_needs_its_moment(client):
    client.force_login(make_user(Role.PROVINCE_OFFICE))
    missing = client.post(URL, {"kind": "incremental", "file_format": "json"})
    no_time = client.post(URL, {"kind": "incremental", "since": "01/12/2026", "file_format": "json"})
    assert missing.status_code == no_time.status_code == 200
    assert missing.context["form"].errors == {"since": ["Hãy nhập thời điểm bắt đầu tính các thay đổi."]}
    assert no_time.context["form"].errors == {
        "since": ["Hãy nhập ngày giờ theo dạng dd/mm/yyyy hh:mm, ví dụ 01/12/2026 08:00."]
    }
    assert not ActivityLog.objects.filter(verb="national.exported").exists()


def test_the_page_lists_the_last_exports(client):
    small_registry()
    office = make_user(Role.PROVINCE_OFFICE, full_name="Lê Thị Hạnh")
    client.force_login(office)
    since = f"{timezone.localtime() - datetime.timedelta(days=2):%d/%m/%Y %H:%M}"
    client.post(URL, {"kind": "incremental", "since": since, "file_format": "json"})
    page = client.get(URL).content.decode()
    assert f"Thay đổi từ {since}" in page
    assert "Lê Thị Hạnh" in page
    assert f'href="{URL}"' in page  # the menu's entry


def test_the_page_reads_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    office = make_user(Role.PROVINCE_OFFICE)
    for _ in range(3):
        build_export(actor=office)
    client.force_login(office)
    with django_assert_max_num_queries(25):
        assert client.get(URL).status_code == 200


@pytest.mark.parametrize(
    ("since", "message"),
    [
        ("01/01/0001 00:00", "Chương trình OCOP bắt đầu từ năm 2018: muốn có toàn bộ dữ liệu, hãy chọn xuất toàn bộ."),
        ("31/12/2017 23:59", "Chương trình OCOP bắt đầu từ năm 2018: muốn có toàn bộ dữ liệu, hãy chọn xuất toàn bộ."),
        ("31/12/9999 23:59", "Thời điểm này chưa đến."),
    ],
)
def test_a_moment_before_the_programme_or_still_to_come_is_refused(client, since, message):
    client.force_login(make_user(Role.PROVINCE_OFFICE))
    response = client.post(URL, {"kind": "incremental", "since": since, "file_format": "xlsx"})
    assert response.context["form"].errors == {"since": [message]}
    assert not ActivityLog.objects.filter(verb="national.exported").exists()
