"""The scan page behind a stamp's QR code: the right verdict for a genuine stamp, a voided one, a never-issued serial
with a valid check part, a serial with a bad check part (refused before the database) and a stamp of a product whose
certificate was revoked; cached like the certificate check and cleared when a stamp is voided."""

import re

import pytest
from django.utils import timezone

from ocop.accounts.enums import Role
from ocop.certificates.domain.revocation import decide_revocation, propose_revocation
from ocop.producers.domain.zones import create_zone
from ocop.traceability.domain.scan import digital_link, stamp_path
from ocop.traceability.domain.serials import new_serials, printed
from ocop.traceability.domain.stamps import issue_stamps, request_stamps, void_stamps
from tests.certificates.helpers import days_ago, registered
from tests.factories import make_product, make_user

pytestmark = pytest.mark.django_db


def _stamps(product, quantity=3):
    batch = issue_stamps(actor=None, batch=request_stamps(actor=None, product=product, quantity=quantity))
    return batch, list(batch.stamps.order_by("position"))


def _verdict(response) -> str:
    return re.search(r'data-verdict="(\w+)"', response.content.decode()).group(1)


def _certificate_status(response) -> str:
    return re.search(r'data-certificate-status="(\w+)"', response.content.decode()).group(1)


def test_a_genuine_stamp_shows_the_product_its_zone_and_its_valid_certificate(client, django_assert_num_queries):
    product = make_product(name="Nho sấy dẻo", gtin="8930000000125")
    create_zone(
        actor=None, producer=product.producer, name="Vùng nho Phước Thuận", material="Nho",
        unit=product.producer.unit, growing_area_code="VN-NT-0012",
    )  # fmt: skip
    product.raw_material_zones.set(product.producer.raw_material_zones.all())
    registered(product, days_ago(365), stars=4)
    _batch, (stamp, *_rest) = _stamps(product)
    assert stamp_path(product, stamp.serial) == f"/01/08930000000125/21/{stamp.serial}"
    response = client.get(stamp_path(product, stamp.serial))
    page = response.content.decode()
    assert response.status_code == 200 and _verdict(response) == "genuine" and "Tem chính hãng" in page
    assert _certificate_status(response) == "valid" and "OCOP 4 sao" in page
    assert "Nho sấy dẻo" in page and "VN-NT-0012" in page and printed(stamp.serial) in page
    with django_assert_num_queries(0):  # a repeat scan is read from the cache
        assert client.get(stamp_path(product, stamp.serial)).status_code == 200


def test_a_product_without_a_gtin_is_scanned_under_its_ocop_code(client, settings):
    settings.SITE_URL = "https://ocop.khanhhoa.gov.vn"
    product = make_product()
    _batch, (stamp, *_rest) = _stamps(product)
    assert digital_link(product, stamp.serial) == f"https://ocop.khanhhoa.gov.vn/ocop/{product.code}/21/{stamp.serial}"
    response = client.get(stamp_path(product, stamp.serial))
    assert _verdict(response) == "genuine" and _certificate_status(response) == "none"
    assert "Sản phẩm này chưa có giấy chứng nhận OCOP." in response.content.decode()


def test_a_voided_stamp_says_so_from_the_next_scan(client, django_capture_on_commit_callbacks):
    product = make_product()
    batch, stamps = _stamps(product)
    assert _verdict(client.get(stamp_path(product, stamps[1].serial))) == "genuine"  # now cached
    with django_capture_on_commit_callbacks(execute=True):
        void_stamps(actor=make_user(Role.PROVINCE_OFFICE), batch=batch, first=2, last=3, reason="Mất cuộn tem")
    response = client.get(stamp_path(product, stamps[1].serial))
    assert _verdict(response) == "voided" and "Tem đã bị hủy" in response.content.decode()
    assert _verdict(client.get(stamp_path(product, stamps[0].serial))) == "genuine"


def test_a_never_issued_serial_with_a_valid_check_is_not_found(client):
    product = make_product()
    _stamps(product)
    response = client.get(stamp_path(product, new_serials(1)[0]))
    assert response.status_code == 404 and _verdict(response) == "unknown"


def test_a_stamp_under_another_products_key_is_not_found(client):
    first, second = make_product(), make_product()
    _batch, (stamp, *_rest) = _stamps(first)
    response = client.get(stamp_path(second, stamp.serial))
    assert response.status_code == 404 and _verdict(response) == "unknown"


@pytest.mark.parametrize("typed", ["7K3MQ9XT2BM7", "7K3MQ9XT2B", "ABCDEFGHJKMNPQRS", "<script>"])
def test_a_bad_check_part_is_refused_before_the_database(client, django_assert_num_queries, typed):
    product = make_product()
    with django_assert_num_queries(0):
        response = client.get(f"/ocop/{product.code}/21/{typed}")
    assert response.status_code == 404 and _verdict(response) == "invalid"
    assert "<script>" not in response.content.decode().split("</header>", 1)[1]


def test_a_genuine_stamp_of_a_revoked_product_shows_the_revocation_in_red(client, django_capture_on_commit_callbacks):
    product = make_product()
    certificate = registered(product, days_ago(365))
    _batch, (stamp, *_rest) = _stamps(product)
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        proposal = propose_revocation(
            actor=None, certificate=certificate, ground="mark_misuse", finding="Dán tem 4 sao", found_on=today
        )
        decide_revocation(
            actor=None, proposal=proposal, number="2101/QĐ-UBND", decided_on=today,
            issuing_body="UBND tỉnh Khánh Hòa", public_reason="Sử dụng nhãn OCOP sai hạng sao được công nhận.",
        )  # fmt: skip
    response = client.get(stamp_path(product, stamp.serial))
    page = response.content.decode()
    assert _verdict(response) == "genuine" and _certificate_status(response) == "revoked"
    assert 'class="check-box check-bad"' in page and "Đã thu hồi" in page
