"""A consumer on the public pages: a kept (cached) page still switches language, with no token to carry."""

import datetime

import pytest

from tests.certificates.helpers import registered
from tests.e2e.conftest import follow
from tests.factories import make_product

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_a_kept_certificate_page_switches_to_english_and_back(reference_data, live_server, browser):
    certificate = registered(make_product(name="Nho sấy dẻo Thái An"), datetime.date(2025, 3, 1), stars=4)
    context = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844})
    page = context.new_page()
    address = f"{live_server.url}/c/{certificate.number}/"
    page.goto(address)
    page.goto(address)  # the second visit reads the kept page
    assert "Nho sấy dẻo Thái An" in page.inner_text("main") and "Còn hiệu lực" in page.inner_text("main")
    page.click("form.lang-switch button")
    page.wait_for_url(address)
    assert page.locator("html").get_attribute("lang") == "en" and "Valid" in page.inner_text("main")
    page.click("form.lang-switch button")
    page.wait_for_url(address)
    assert page.locator("html").get_attribute("lang") == "vi" and "Còn hiệu lực" in page.inner_text("main")
    context.close()


def test_a_consumer_scans_a_genuine_stamp_then_a_voided_one_on_a_phone(reference_data, live_server, browser):
    from ocop.traceability.domain.scan import stamp_path
    from ocop.traceability.domain.stamps import issue_stamps, request_stamps, void_stamps

    product = make_product(name="Mực một nắng Phan Rang")
    registered(product, datetime.date(2025, 3, 1), stars=4)
    batch = issue_stamps(actor=None, batch=request_stamps(actor=None, product=product, quantity=10))
    void_stamps(actor=None, batch=batch, first=10, last=10, reason="Mất tem")
    genuine, voided = batch.stamps.get(position=1), batch.stamps.get(position=10)
    context = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(live_server.url + stamp_path(product, genuine.serial))
    assert page.locator("#scan-verdict").inner_text() == "Tem chính hãng"
    assert "Mực một nắng Phan Rang" in page.inner_text("main") and "Còn hiệu lực" in page.inner_text("main")
    follow(page, "text=Mực một nắng Phan Rang >> xpath=following::a[1]")  # the certificate's number
    assert page.locator(".check-status").inner_text() == "Còn hiệu lực"
    page.goto(live_server.url + stamp_path(product, voided.serial))
    assert page.locator("#scan-verdict").inner_text() == "Tem đã bị hủy"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than the phone
    context.close()
