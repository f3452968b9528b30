import io
import json

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from ocop.accounts.enums import Role
from ocop.common.models import ActivityLog
from ocop.national.domain.export import recent_exports
from ocop.producers.domain.products import update_product
from tests.factories import make_user
from tests.national.registry import small_registry

pytestmark = pytest.mark.django_db


def _export(*args) -> dict:
    out = io.StringIO()
    call_command("national_export", *args, stdout=out)
    return json.loads(out.getvalue())


def test_the_command_writes_the_whole_database_as_json_on_the_screen():
    small_registry()
    document = _export()
    assert document["header"]["counts"] == {"producers": 2, "products": 3, "certificates": 1, "evaluations": 1}
    assert [past.by for past in recent_exports(make_user(Role.ADMIN))] == ["hệ thống"]


def test_the_command_exports_one_province_changed_since_a_moment():
    registry = small_registry()
    since = timezone.localtime()
    update_product(actor=None, product=registry.syrup, name="Mật nho Thái An hảo hạng")
    update_product(actor=None, product=registry.nghe_an_producer.products.get(), name="Trà sen Kim Liên đặc biệt")
    document = _export("--since", since.isoformat(), "--province", "56")
    assert document["header"]["province"] == {"code": "56", "name": "Tỉnh Khánh Hòa"}
    assert [product["name"] for product in document["products"]] == ["Mật nho Thái An hảo hạng"]


def test_a_moment_without_offset_is_vietnam_time():
    registry = small_registry()
    since = timezone.localtime()
    update_product(actor=None, product=registry.syrup, name="Mật nho Thái An hảo hạng")
    document = _export("--since", f"{since:%Y-%m-%dT%H:%M:%S.%f}")
    assert document["header"]["since"] == since.isoformat(timespec="seconds")
    assert document["header"]["counts"]["products"] == 1


def test_the_command_writes_an_excel_workbook(tmp_path):
    small_registry()
    out = io.StringIO()
    call_command("national_export", "--format", "xlsx", "--output", tmp_path / "ocop.xlsx", stdout=out)
    assert out.getvalue() == (
        f"{tmp_path / 'ocop.xlsx'}: 2 chủ thể, 3 sản phẩm, 1 giấy chứng nhận, 1 kết quả đánh giá\n"
    )
    workbook = openpyxl.load_workbook(tmp_path / "ocop.xlsx")
    about = dict(workbook["Thông tin lần xuất"].iter_rows(min_row=2, values_only=True))
    assert (about["Phiên bản lược đồ"], about["Loại dữ liệu xuất"], about["Tỉnh"]) == (
        "1.0",
        "Toàn bộ",
        "Tỉnh Khánh Hòa (56)",
    )
    certificates = list(workbook["Giấy chứng nhận"].iter_rows(values_only=True))
    assert certificates[1][6].strftime("%d/%m/%Y") == "20/06/2024"
    assert workbook["Giấy chứng nhận"]["G2"].number_format == "dd/mm/yyyy"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "hôm qua"], "“hôm qua” không phải là ngày giờ: hãy viết dạng 2026-12-01T08:00+07:00"),
        (["--since", "2017-06-30"], "Chương trình OCOP bắt đầu từ năm 2018: muốn có toàn bộ dữ liệu"),
        (["--since", "2999-01-01T00:00+07:00"], "Thời điểm này chưa đến."),
        (["--province", "58"], "Không có tỉnh nào mang mã “58” theo QĐ 19/2025/QĐ-TTg"),
        (["--format", "xlsx"], "Hãy cho biết tệp để ghi bảng tính bằng --output."),
    ],
)
def test_bad_arguments_are_refused_in_vietnamese(args, message):
    with pytest.raises(CommandError) as refused:
        call_command("national_export", *args, stdout=io.StringIO())
    assert str(refused.value).startswith(message)
    assert not ActivityLog.objects.filter(verb="national.exported").exists()
