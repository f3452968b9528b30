"""Programme support in the browser: the office adds a training class, enrols producers and ticks attendance on a
phone; opens an IP support case for a producer and records its grant; enters funding on a plan task with its
evidence; the producer's page shows the support it received. Every page fits a phone."""

import datetime

import pytest

from ocop.accounts.enums import Role
from ocop.support.domain import funding
from ocop.support.models import FundingEntry, IPCase, TrainingClass
from tests.e2e.conftest import DESKTOP, PHONE, post
from tests.factories import make_producer, make_user, png_upload
from tests.planning.helpers import make_plan

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def _fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1, page.url


def _select_by_text(page, selector, text) -> None:
    value = page.eval_on_selector(
        selector, "(el, text) => [...el.options].find(o => o.text.includes(text)).value", text
    )
    page.select_option(selector, value)


def test_the_office_runs_classes_marks_and_funding_on_desktop_and_phone(
    reference_data, login, browser, live_server, artifacts
):
    made = make_plan()
    task = made["task"]
    producer = make_producer(name="HTX Nho Thái An")
    other = make_producer(name="HTX Tỏi Phan Rang")
    funding.record_producer_support(
        actor=None,
        producer=producer,
        kind="packaging",
        received_on=datetime.date(2024, 6, 1),
        description="500 hộp giấy in nhãn nho sấy",
        source="new_rural",
    )
    office = make_user(Role.PROVINCE_OFFICE)

    desktop = login(office, "/backoffice/support/classes/new/")
    desktop.fill("#id_topic", "Tập huấn chu trình OCOP cho chủ thể")
    desktop.fill("#id_starts_on", "02/04/2024")
    desktop.fill("#id_ends_on", "04/04/2024")
    desktop.fill("#id_place", "Hội trường UBND huyện Ninh Phước")
    _select_by_text(desktop, "#id_unit", "Ninh Thuận")
    desktop.fill("#id_trainer", "Văn phòng Điều phối NTM tỉnh")
    post(desktop, desktop.locator("main button[type=submit]"))
    training_class = TrainingClass.objects.get()
    desktop.select_option("#id_producers", [str(producer.pk), str(other.pk)])
    post(desktop, desktop.locator("form[action$='/enrol/'] button[type=submit]"))
    assert training_class.participants.count() == 2
    desktop.screenshot(path=artifacts / "support-class-1366.png", full_page=True)

    phone = browser.new_context(viewport=PHONE, storage_state=desktop.context.storage_state()).new_page()
    phone.goto(desktop.url)
    phone.locator("input[name=attended]").first.check()
    post(phone, phone.locator("form[action$='/attendance/'] button[type=submit]"))
    assert training_class.participants.filter(attended=True).count() == 1
    _fits(phone)
    phone.screenshot(path=artifacts / "support-class-390.png", full_page=True)
    phone.goto(live_server.url + "/backoffice/support/classes/")
    _fits(phone)
    phone.screenshot(path=artifacts / "support-class-list-390.png", full_page=True)

    desktop.goto(live_server.url + "/backoffice/support/ip-cases/new/")
    _select_by_text(desktop, "#id_producer", "HTX Nho Thái An")
    desktop.select_option("#id_kind", "collective_mark")
    desktop.fill("#id_mark", "Nho Thái An")
    desktop.select_option("#id_status", "filed")
    desktop.fill("#id_filed_on", "10/01/2024")
    post(desktop, desktop.locator("main button[type=submit]"))
    case = IPCase.objects.get()
    assert case.status == "filed"
    desktop.select_option("#id_status", "granted")
    desktop.fill("#id_granted_on", "20/08/2024")
    desktop.fill("#id_certificate_number", "4-0512345-000")
    post(desktop, desktop.locator("form[action$='/status/'] button[type=submit]"))
    case.refresh_from_db()
    assert case.status == "granted"
    desktop.screenshot(path=artifacts / "support-ip-case-1366.png", full_page=True)
    phone.goto(desktop.url)
    _fits(phone)
    phone.screenshot(path=artifacts / "support-ip-case-390.png", full_page=True)

    desktop.goto(live_server.url + f"/backoffice/plans/tasks/{task.pk}/")
    desktop.click("main a[href*='/support/funding/new/']")
    desktop.wait_for_selector("#id_amount")
    desktop.select_option("#id_source", "new_rural")
    desktop.select_option("#id_movement", "spent")
    desktop.fill("#id_amount", "25.000.000")
    desktop.fill("#id_entered_on", "01/09/2024")
    upload = png_upload("phieu-chi.png")
    desktop.set_input_files(
        "#id_evidence", files=[{"name": "phieu-chi.png", "mimeType": "image/png", "buffer": upload.read()}]
    )
    post(desktop, desktop.locator("main button[type=submit]"))
    assert FundingEntry.objects.get().amount == 25_000_000
    desktop.screenshot(path=artifacts / "support-funding-1366.png", full_page=True)
    phone.goto(desktop.url)
    _fits(phone)
    phone.screenshot(path=artifacts / "support-funding-390.png", full_page=True)
    phone.goto(live_server.url + f"/backoffice/plans/tasks/{task.pk}/")
    assert "25.000.000" in phone.inner_text("main")
    _fits(phone)

    phone.goto(live_server.url + f"/backoffice/producers/{producer.pk}/")
    section = phone.inner_text("#support-received")
    assert "500 hộp giấy in nhãn nho sấy" in section and "Nho Thái An" in section
    _fits(phone)
    phone.screenshot(path=artifacts / "support-producer-390.png", full_page=True)
    desktop.goto(phone.url)
    desktop.set_viewport_size(DESKTOP)
    desktop.screenshot(path=artifacts / "support-producer-1366.png", full_page=True)
