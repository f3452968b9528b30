"""Trade promotion in the browser: the office adds a sales point and a fair, invites a producer and records a
booth's results; the producer registers a product on its phone and is refused, with the reason, for a product whose
certificate expired; a buyer sends an inquiry from a phone and the producer answers it. Every page fits a phone."""

import datetime

import pytest

from ocop.accounts.enums import Role
from ocop.promotion.models import BuyerInquiry, Fair, FairRegistration, InquiryRoute, SalesPoint
from tests.certificates.helpers import days_ago, registered
from tests.e2e.conftest import PHONE, post
from tests.factories import make_producer, make_producer_account, make_product, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def _fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1, page.url


def _select_by_text(page, selector, text) -> None:
    value = page.eval_on_selector(
        selector, "(el, text) => [...el.options].find(o => o.text.includes(text)).value", text
    )
    page.select_option(selector, value)


def test_fairs_sales_points_and_inquiries_on_desktop_and_phone(reference_data, login, browser, live_server, artifacts):
    producer = make_producer(name="HTX Nước mắm Cà Ná")
    fish_sauce = make_product(producer, name="Nước mắm cá cơm Cà Ná", product_set=9)
    registered(fish_sauce, days_ago(100))
    old = make_product(producer, name="Nước mắm nhĩ cũ", product_set=9)
    expired = registered(old, datetime.date(2020, 1, 2))
    office, account = make_user(Role.PROVINCE_OFFICE), make_producer_account(producer)

    desktop = login(office, "/backoffice/promotion/sales-points/new/")
    desktop.fill("#id_name", "Điểm OCOP chợ Phan Rang")
    _select_by_text(desktop, "#id_unit", "Phan Rang")
    desktop.fill("#id_address", "Chợ Phan Rang")
    desktop.fill("#id_operator_name", "Trung tâm Xúc tiến thương mại")
    desktop.fill("#id_opened_on", "02/09/2024")
    post(desktop, desktop.locator("main button[type=submit]"))
    assert SalesPoint.objects.get().opened_on == datetime.date(2024, 9, 2)

    today = datetime.date.today()
    desktop.goto(live_server.url + "/backoffice/promotion/fairs/new/")
    desktop.fill("#id_name", "Hội chợ OCOP Đà Nẵng")
    desktop.fill("#id_place", "Đà Nẵng")
    desktop.fill("#id_starts_on", (today + datetime.timedelta(days=5)).strftime("%d/%m/%Y"))
    desktop.fill("#id_ends_on", (today + datetime.timedelta(days=9)).strftime("%d/%m/%Y"))
    desktop.fill("#id_organiser", "Sở Công Thương")
    post(desktop, desktop.locator("main button[type=submit]"))
    fair = Fair.objects.get()
    desktop.locator("details:has(#id_producers) > summary").click()
    desktop.select_option("#id_producers", [str(producer.pk)])
    post(desktop, desktop.locator("form[action$='/invite/'] button[type=submit]"))
    assert fair.invitations.count() == 1

    phone = browser.new_context(viewport=PHONE).new_page()
    phone.context.add_cookies(login(account, "/backoffice/").context.cookies())
    phone.goto(live_server.url + f"/backoffice/promotion/fairs/{fair.pk}/")
    phone.select_option("#id_product", str(old.pk))
    post(phone, phone.locator("form[action$='/register/'] button[type=submit]"))
    assert expired.number in phone.content() and expired.valid_until.strftime("%d/%m/%Y") in phone.content()
    phone.select_option("#id_product", str(fish_sauce.pk))
    post(phone, phone.locator("form[action$='/register/'] button[type=submit]"))
    assert FairRegistration.objects.get().product == fish_sauce
    _fits(phone)
    phone.screenshot(path=artifacts / "promotion-fair-390.png", full_page=True)

    registration = FairRegistration.objects.get()
    desktop.goto(live_server.url + f"/backoffice/promotion/fairs/{fair.pk}/")
    desktop.fill(f"#id_r{registration.pk}-booth", "B07")
    desktop.fill(f"#id_r{registration.pk}-contracts_signed", "2")
    desktop.fill(f"#id_r{registration.pk}-sales", "15000000")
    post(desktop, desktop.locator("form[action*='/registrations/'] button[type=submit]"))
    registration.refresh_from_db()
    assert (registration.booth, registration.contracts_signed, registration.sales) == ("B07", 2, 15_000_000)
    desktop.screenshot(path=artifacts / "promotion-fair-1366.png", full_page=True)

    buyer = browser.new_context(viewport=PHONE).new_page()
    buyer.goto(live_server.url + "/buyers/")
    buyer.fill("#id_buyer_name", "Công ty Thực phẩm Sài Gòn")
    buyer.fill("#id_contact", "0903 123 456")
    buyer.fill("#id_product_type", "nuoc mam")
    post(buyer, buyer.locator("main button[type=submit]"))
    _fits(buyer)
    inquiry = BuyerInquiry.objects.get()
    assert list(InquiryRoute.objects.values_list("producer", flat=True)) == [producer.pk]

    phone.goto(live_server.url + f"/backoffice/promotion/inquiries/{inquiry.pk}/")
    phone.fill("#id_answer", "Đã gửi báo giá cho công ty.")
    post(phone, phone.locator("form[action$='/answer/'] button[type=submit]"))
    assert InquiryRoute.objects.get().state == "answered"
    for path in ("/backoffice/promotion/inquiries/", "/backoffice/promotion/fairs/"):
        phone.goto(live_server.url + path)
        _fits(phone)
