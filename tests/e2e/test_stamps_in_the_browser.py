"""The stamp journey as its people walk it: the producer asks for stamps, the provincial office issues them, prints a
sheet and voids a lost run; the batch page fits a phone."""

import pytest

from ocop.accounts.enums import Role
from ocop.traceability.models import Stamp, StampBatch
from tests.e2e.conftest import PHONE, post
from tests.factories import make_producer, make_producer_account, make_product, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_the_producer_asks_the_office_issues_prints_and_voids(reference_data, login, browser, live_server):
    product = make_product(make_producer(), name="Nho sấy dẻo Thái An")
    producer = login(make_producer_account(product.producer), "/backoffice/stamps/")
    producer.click("text=Đề nghị cấp tem")
    producer.fill("#id_quantity", "60")
    post(producer, producer.locator("main button[type=submit].primary"))
    assert "Đang chờ cơ quan thường trực OCOP cấp tem." in producer.inner_text("main")
    batch = StampBatch.objects.get()

    office = login(make_user(Role.PROVINCE_OFFICE), f"/backoffice/stamps/{batch.pk}/")
    post(office, office.locator("text=Cấp 60 tem"))
    assert "Đã cấp tem" in office.inner_text("main") and Stamp.objects.count() == 60
    with office.expect_download() as download:
        office.click("text=Tải tờ tem (PDF)")
    assert download.value.suggested_filename == f"tem-ocop-{batch.pk}-1-60.pdf"
    office.click("text=Hủy tem bị mất hoặc hỏng")
    office.fill("#id_void-first", "51")
    office.fill("#id_void-last", "60")
    office.fill("#id_void-reason", "Mất cuộn tem")
    post(office, office.locator("text=Hủy các tem này"))
    assert "(10 tem đã hủy)" in office.inner_text("main")

    phone = browser.new_context(viewport=PHONE, storage_state=office.context.storage_state()).new_page()
    phone.goto(office.url)
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    phone.context.close()
