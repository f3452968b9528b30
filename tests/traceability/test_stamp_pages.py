"""The stamp screens: the producer asks, the provincial office issues or refuses, the batch prints its labels (a PDF
sheet of 1,000 stamps whose every QR code decodes to its stamp's address, SVG and PNG per stamp) and voids a lost
run; bad input gets a Vietnamese message and writes nothing."""

import io
import shutil
import subprocess

import pytest
import zxingcpp
from django.urls import reverse
from PIL import Image

from ocop.accounts.enums import Role
from ocop.common.models import ActivityLog
from ocop.traceability.domain.scan import digital_link
from ocop.traceability.domain.serials import printed
from ocop.traceability.domain.stamps import issue_stamps, request_stamps
from ocop.traceability.enums import BatchStatus
from ocop.traceability.models import Stamp, StampBatch
from tests.factories import make_producer, make_producer_account, make_product, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def product():
    return make_product(make_producer(), name="Nho sấy dẻo")


def _issued(product, quantity):
    return issue_stamps(actor=None, batch=request_stamps(actor=None, product=product, quantity=quantity))


def _messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]] if response.context else []


def test_the_producer_asks_and_the_office_issues(client, product):
    client.force_login(make_producer_account(product.producer))
    response = client.post(reverse("backoffice:stamp_batch_create"), {"product": product.pk, "quantity": 300})
    batch = StampBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "backoffice:stamp_batch_detail", args=[batch.pk]
    )
    page = client.get(response["Location"]).content.decode()
    assert "Đang chờ cơ quan thường trực OCOP cấp tem." in page and "Cấp 300 tem" not in page
    client.force_login(make_user(Role.PROVINCE_OFFICE))
    client.post(reverse("backoffice:stamp_batch_issue", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.status == BatchStatus.ISSUED and batch.stamps.count() == 300
    listing = client.get(reverse("backoffice:stamp_batch_list")).content.decode()
    assert "Nho sấy dẻo" in listing and "Đã cấp" in listing


def test_the_office_is_offered_the_decision_while_the_batch_waits_for_it_only(client, product):
    office, batch = make_user(Role.PROVINCE_OFFICE), request_stamps(actor=None, product=product, quantity=4)
    assert office.has_perm("traceability.decide_batch", batch)
    assert not make_producer_account(product.producer).has_perm("traceability.decide_batch", batch)
    client.force_login(office)
    page = reverse("backoffice:stamp_batch_detail", args=[batch.pk])
    assert "Cấp 4 tem" in client.get(page).content.decode()
    issue_stamps(actor=office, batch=batch)
    assert not office.has_perm("traceability.decide_batch", batch)
    assert "Cấp 4 tem" not in client.get(page).content.decode()


def test_a_producer_cannot_ask_for_another_producers_product(client, product):
    other = make_product(make_producer(name="HTX Khác"))
    client.force_login(make_producer_account(product.producer))
    response = client.post(reverse("backoffice:stamp_batch_create"), {"product": other.pk, "quantity": 10})
    assert response.status_code == 200 and not StampBatch.objects.exists()
    assert "Hãy chọn một lựa chọn hợp lệ." in response.content.decode()


def test_the_office_refuses_with_a_reason(client, product):
    batch = request_stamps(actor=None, product=product, quantity=10)
    client.force_login(make_user(Role.PROVINCE_OFFICE))
    response = client.post(reverse("backoffice:stamp_batch_refuse", args=[batch.pk]), {"reason": ""}, follow=True)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.REQUESTED and any("bắt buộc" in message for message in _messages(response))
    client.post(reverse("backoffice:stamp_batch_refuse", args=[batch.pk]), {"reason": "Chưa có mã vùng trồng."})
    batch.refresh_from_db()
    assert batch.status == BatchStatus.REFUSED and batch.refusal_reason == "Chưa có mã vùng trồng."


def test_the_batch_page_lists_its_stamps_in_constant_queries(client, product, django_assert_max_num_queries):
    batch = _issued(product, 120)
    client.force_login(make_user(Role.PROVINCE_OFFICE))
    url = reverse("backoffice:stamp_batch_detail", args=[batch.pk])
    with django_assert_max_num_queries(30):
        page = client.get(url).content.decode()
    first = batch.stamps.get(position=1)
    assert digital_link(product, first.serial) in page
    with django_assert_max_num_queries(30):
        assert client.get(url, {"page": 3}).status_code == 200


def test_a_lost_run_is_voided_from_the_batch_page_and_a_bad_range_writes_nothing(client, product):
    batch = _issued(product, 100)
    client.force_login(make_producer_account(product.producer))
    url = reverse("backoffice:stamp_batch_void", args=[batch.pk])
    response = client.post(url, {"void-first": 90, "void-last": 120, "void-reason": "Mất"}, follow=True)
    assert any("từ 1 đến 100" in message for message in _messages(response))
    assert not Stamp.objects.filter(voided_at__isnull=False).exists()
    client.post(url, {"void-first": 91, "void-last": 100, "void-reason": "Mất cuộn tem"})
    assert set(Stamp.objects.filter(voided_at__isnull=False).values_list("position", flat=True)) == set(range(91, 101))
    assert ActivityLog.objects.filter(verb="traceability.stamps_voided", actor__isnull=False).count() == 1


def test_each_stamp_downloads_as_svg_and_as_a_png_that_decodes_to_its_address(client, product):
    batch = _issued(product, 2)
    stamp = batch.stamps.get(position=1)
    client.force_login(make_producer_account(product.producer))
    svg = client.get(reverse("backoffice:stamp_qr", args=[batch.pk, stamp.serial, "svg"]))
    assert svg["Content-Type"] == "image/svg+xml" and svg.content.startswith(b"<?xml")
    png = client.get(reverse("backoffice:stamp_qr", args=[batch.pk, stamp.serial, "png"]))
    assert png["Content-Type"] == "image/png"
    [code] = zxingcpp.read_barcodes(Image.open(io.BytesIO(png.content)))
    assert code.text == digital_link(product, stamp.serial)
    assert client.get(reverse("backoffice:stamp_qr", args=[batch.pk, stamp.serial, "gif"])).status_code == 404


def test_a_sheet_asks_for_a_run_of_at_most_a_thousand(client, product):
    batch = _issued(product, 1_500)
    client.force_login(make_user(Role.PROVINCE_OFFICE))
    response = client.get(
        reverse("backoffice:stamp_sheet", args=[batch.pk]), {"first": 1, "last": 1_200, "label": "30"}, follow=True
    )
    assert any("tối đa 1.000 tem" in message for message in _messages(response))


@pytest.mark.slow
def test_a_sheet_of_a_thousand_stamps_renders_and_every_qr_code_decodes_to_its_stamp(client, product, tmp_path):
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    batch = _issued(product, 1_010)
    batch.stamps.filter(position=1_001).update(voided_at="2026-12-01T00:00:00+07:00")
    client.force_login(make_producer_account(product.producer))
    response = client.get(
        reverse("backoffice:stamp_sheet", args=[batch.pk]), {"first": 1, "last": 1_000, "label": "30"}
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    (tmp_path / "tem.pdf").write_bytes(response.content)
    subprocess.run(["pdftoppm", "-png", "-r", "150", str(tmp_path / "tem.pdf"), str(tmp_path / "page")], check=True)
    decoded = [
        code.text
        for page in sorted(tmp_path.glob("page-*.png"))
        for code in zxingcpp.read_barcodes(Image.open(page), formats=zxingcpp.BarcodeFormat.QRCode)
    ]
    expected = [
        digital_link(product, serial)
        for serial in batch.stamps.filter(position__lte=1_000).order_by("position").values_list("serial", flat=True)
    ]
    assert sorted(decoded) == sorted(expected)


def test_the_alert_inbox_lists_flagged_stamps_of_the_users_area_only(client, product):
    from django.utils import timezone

    from ocop.traceability.enums import ScanFlag

    mine = _issued(product, 3).stamps.get(position=2)
    theirs = _issued(make_product(make_producer(name="HTX Khác")), 3).stamps.get(position=1)
    Stamp.objects.filter(pk__in=[mine.pk, theirs.pk]).update(
        flagged_at=timezone.now(), flag_reason=ScanFlag.REPEATED, scan_count=73
    )
    client.force_login(make_producer_account(product.producer))
    assert "1 tem bị gắn cờ" in client.get(reverse("backoffice:stamp_batch_list")).content.decode()
    page = client.get(reverse("backoffice:stamp_alert_list")).content.decode()
    assert printed(mine.serial) in page and printed(theirs.serial) not in page
    assert "bị quét nhiều hơn mức một sản phẩm" in page and ">73<" in page


def test_the_product_page_leads_to_a_request_for_its_stamps(client, product):
    from ocop.producers.models import Product

    Product.objects.filter(pk=product.pk).update(id=12_345)  # a number the page would write "12.345" if localised
    product = Product.objects.get(pk=12_345)
    client.force_login(make_producer_account(product.producer))
    page = client.get(reverse("backoffice:product_detail", args=[product.pk])).content.decode()
    link = f"{reverse('backoffice:stamp_batch_create')}?product={product.pk}"
    assert link in page
    form = client.get(link).content.decode()
    assert f'<option value="{product.pk}" selected>' in form
