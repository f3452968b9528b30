"""A consumer on the public pages: a kept (cached) page still switches language, with no token to carry."""

import datetime

import pytest

from tests.certificates.helpers import registered
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
