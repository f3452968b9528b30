import io
import zipfile

import pytest
import xlsxwriter
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from ocop.accounts.enums import Role
from ocop.certificates.models import Certificate
from ocop.geo.models import UnitSuccession
from ocop.producers.models import ImportBatch, Producer, Product
from ocop.registry_import.domain.import_parsing import (
    MAX_ERRORS,
    MAX_ROWS,
    MAX_UNPACKED_BYTES,
    PRODUCT_COLUMNS,
    PRODUCT_SHEET,
    WorkbookError,
)
from ocop.registry_import.domain.importing import apply_import, check_import, plan_import
from tests.factories import make_producer, make_user
from tests.registry_import.workbooks import producer_row, product_row, workbook

pytestmark = pytest.mark.django_db


@pytest.fixture
def office():
    return make_user(Role.PROVINCE_OFFICE)


def _messages(batch: ImportBatch) -> list[tuple[str, int, str, str]]:
    return [(e["sheet"], e["row"], e["column"], e["message"]) for e in batch.report["errors"]]


def test_a_good_workbook_is_checked_then_applied_all_together(office):
    upload = workbook(
        producers=[producer_row(1), producer_row(2, name="Hộ kinh doanh Trần Văn Bình", legal_form="Hộ kinh doanh")],
        products=[
            product_row(
                1,
                1,
                stars=4,
                decision_number="2345/QĐ-UBND",
                decision_date="28/12/2021",
                decision_level="Tỉnh",
                score="78,5",
            ),
            product_row(2, 2),
        ],
    )
    batch = check_import(actor=office, upload=upload)
    assert batch.status == ImportBatch.Status.CHECKED
    assert batch.report["counts"] == {"producers_create": 2, "products_create": 2, "certificates_create": 1}
    assert not Producer.objects.exists()

    plan = apply_import(actor=office, batch=batch)
    assert plan.ok
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.APPLIED
    producer = Producer.objects.get(registration_number="4100000001")
    assert (producer.unit.code, producer.representative_ethnicity, producer.circular_economy) == ("22882", "Chăm", True)
    product = Product.objects.get(name="Nho sấy loại 1")
    assert product.code == "58-22882-001-2021"
    certificate = Certificate.objects.get(product=product)
    assert (certificate.stars, str(certificate.score), certificate.registered_from_records) == (4, "78.50", True)


def test_reimporting_the_same_workbook_changes_nothing(office):
    rows = {
        "producers": [producer_row(1)],
        "products": [product_row(1, 1, stars=3, decision_number="12/QĐ-UBND", decision_date="30/12/2020")],
    }
    apply_import(actor=office, batch=check_import(actor=office, upload=workbook(**rows)))
    counts = (Producer.objects.count(), Product.objects.count(), Certificate.objects.count())
    second = check_import(actor=office, upload=workbook(**rows))
    assert second.report["counts"] == {"producers_unchanged": 1, "products_unchanged": 1, "certificates_create": 0}
    apply_import(actor=office, batch=second)
    assert (Producer.objects.count(), Product.objects.count(), Certificate.objects.count()) == counts


def test_a_changed_cell_updates_only_that_field(office):
    apply_import(actor=office, batch=check_import(actor=office, upload=workbook(producers=[producer_row(1)])))
    batch = check_import(actor=office, upload=workbook(producers=[producer_row(1, members_count=40, address="")]))
    assert batch.report["counts"] == {"producers_update": 1, "certificates_create": 0}
    apply_import(actor=office, batch=batch)
    producer = Producer.objects.get()
    assert producer.members_count == 40
    assert producer.representative_name == "Nguyễn Thị Lan"


def test_bad_rows_are_reported_precisely_and_nothing_is_written(office):
    make_producer(registration_number="4199999999", name="HTX Có Sẵn")
    upload = workbook(
        producers=[
            producer_row(1, unit_code="99999"),  # unknown commune
            producer_row(2, name=""),  # empty name
            producer_row(3, registration_date="2024-25-12"),  # wrong date format
            producer_row(4, members_count="hai mươi"),  # text in a number column
            producer_row(5),
            producer_row(6, registration_number="4100000005"),  # duplicate registration number in the file
            producer_row(7, registration_number="4199999999"),  # number of another producer
        ],
        products=[
            product_row(1, 5, product_set=27),  # product set 27
            product_row(2, 5, code="NHO-1"),  # not an official code
            product_row(3, 5, packaging="Hộp " * 70),  # longer than the database keeps
        ],
    )
    before = (Producer.objects.count(), Product.objects.count())
    batch = check_import(actor=office, upload=upload)
    assert batch.status == ImportBatch.Status.REJECTED
    assert _messages(batch) == [
        ("Chủ thể", 2, "Mã xã", "Không có xã nào mang mã 99999."),
        ("Chủ thể", 3, "Tên chủ thể", "Ô này là bắt buộc."),
        ("Chủ thể", 4, "Ngày cấp ĐKKD", "“2024-25-12” không phải ngày viết theo dạng dd/mm/yyyy."),
        ("Chủ thể", 5, "Số thành viên", "“hai mươi” không phải là số."),
        ("Chủ thể", 7, "Số ĐKKD", "Số ĐKKD này trùng với dòng 6."),
        ("Chủ thể", 8, "Số ĐKKD", "Số ĐKKD này đã thuộc về “HTX Có Sẵn”."),
        ("Sản phẩm", 2, "Bộ sản phẩm (1-26)", "Bộ sản phẩm phải là số từ 1 đến 26."),
        ("Sản phẩm", 3, "Mã sản phẩm OCOP", "Mã sản phẩm phải có dạng 58-22882-001-2024."),
        ("Sản phẩm", 4, "Quy cách đóng gói", "Tối đa 255 ký tự (ô này có 279 ký tự)."),
    ]
    with pytest.raises(ValidationError):
        apply_import(actor=office, batch=batch)
    assert (Producer.objects.count(), Product.objects.count()) == before


def test_a_commune_code_of_both_eras_needs_the_name(office):
    upload = workbook(producers=[producer_row(1, unit_code="22870")])
    plan = plan_import(upload, actor=office)
    assert [e.column for e in plan.errors] == ["Mã xã"]
    resolved = plan_import(
        workbook(producers=[producer_row(1, unit_code="22870", unit_name="Xã Ninh Phước")]), actor=office
    )
    assert resolved.ok
    assert resolved.producers[0].values["unit"].era == "from_2025"


def test_a_commune_that_kept_its_code_and_name_in_2025_is_placed_with_or_without_its_name(office):
    same_place = UnitSuccession.objects.filter(
        predecessor__level="commune",
        predecessor__code=F("successor__code"),
        predecessor__name=F("successor__name"),
    )
    assert same_place.count() == 1131
    commune = same_place.filter(predecessor__parent__parent__code="58").select_related("successor").first().successor
    for row in (
        producer_row(1, unit_code=commune.code, unit_name=commune.name),
        producer_row(2, unit_code=commune.code),
    ):
        plan = plan_import(workbook(producers=[row]), actor=office)
        assert plan.ok, [error.message for error in plan.errors]
        assert plan.producers[0].values["unit"] == commune


def test_rows_outside_the_importers_area_are_refused():
    commune_officer = make_user(Role.COMMUNE_OFFICER)
    plan = plan_import(workbook(producers=[producer_row(1, unit_code="22867")]), actor=commune_officer)
    assert [e.message for e in plan.errors] == ["Xã Nhơn Hải nằm ngoài địa bàn của bạn."]


def test_two_thousand_rows_import_in_one_go_with_bounded_queries(office):
    producers = [producer_row(n) for n in range(1, 501)]
    products = [product_row(n, (n % 500) + 1) for n in range(1, 1501)]
    upload = workbook(producers=producers, products=products)
    with CaptureQueriesContext(connection) as checking:
        batch = check_import(actor=office, upload=upload)
    assert batch.status == ImportBatch.Status.CHECKED, batch.report["errors"][:3]
    # The dry run reads what rows refer to in bulk: its queries grow with producers validated, not with products.
    assert len(checking) < 500 * 2 + 50
    apply_import(actor=office, batch=batch)
    assert Producer.objects.count() == 500
    assert Product.objects.count() == 1500


def _big_workbook(rows: int, value: str) -> SimpleUploadedFile:
    """A workbook of the template's product sheet with ``rows`` rows of a name and a product set, written fast."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"constant_memory": True})
    sheet = book.add_worksheet(PRODUCT_SHEET)
    for col, spec in enumerate(PRODUCT_COLUMNS):
        sheet.write_string(0, col, spec.header)
    for row in range(1, rows + 1):
        sheet.write_string(row, 0, value)
        sheet.write_number(row, 1, 7)  # the product set
    book.close()
    return SimpleUploadedFile("lon.xlsx", buffer.getvalue())


def test_a_workbook_of_more_rows_than_a_sheet_may_hold_is_refused_before_checking_them(office):
    with pytest.raises(WorkbookError) as refused:
        plan_import(_big_workbook(MAX_ROWS + 1, "Nho sấy"), actor=office)
    assert str(refused.value) == "Trang “Sản phẩm” có hơn 5.000 dòng: hãy tách thành nhiều tệp."


def test_a_workbook_that_unpacks_to_more_than_the_limit_is_refused_unread(office):
    buffer = io.BytesIO()
    template = io.BytesIO(workbook(producers=[producer_row(1)]).read())
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bomb:
        for entry in source.infolist():
            bomb.writestr(entry, source.read(entry))
        bomb.writestr("xl/media/padding.bin", b"\0" * (MAX_UNPACKED_BYTES + 1))
    assert len(buffer.getvalue()) < 200_000  # a small file
    with pytest.raises(WorkbookError) as refused:
        plan_import(SimpleUploadedFile("bom.xlsx", buffer.getvalue()), actor=office)
    assert str(refused.value) == (
        "Tệp Excel khi giải nén chiếm 50,0\xa0MB; chỉ nhận tối đa 50,0\xa0MB: hãy tách thành nhiều tệp."
    )


def test_checking_stops_after_the_first_problems_and_the_report_stays_small(office):
    rows = [producer_row(n, members_count="hai mươi") for n in range(1, MAX_ERRORS + 100)]
    batch = check_import(actor=office, upload=workbook(producers=rows))
    assert batch.status == ImportBatch.Status.REJECTED
    assert (len(batch.report["errors"]), batch.report["stopped"]) == (MAX_ERRORS, True)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1e400", "“1e400” là số quá lớn."),
        ("Infinity", "“Infinity” không phải là số."),
        ("sNaN", "“sNaN” không phải là số."),
        ("99999999999", "Nhập một số không lớn hơn 2.147.483.647."),
        ("-3", "Nhập một số không nhỏ hơn 0."),
    ],
)
def test_a_number_the_column_cannot_hold_is_a_cell_error(office, typed, message):
    plan = plan_import(workbook(producers=[producer_row(1, members_count=typed)]), actor=office)
    assert [(error.column, error.message) for error in plan.errors] == [("Số thành viên", message)]
