"""The value chain as a producer records it from a phone: harvest in its zone, processing, packing stamps on the
lot, shipping, receiving; then a consumer scans a stamp of the lot and sees the steps with their days and
provinces. Both pages fit a phone."""

import pytest

from ocop.producers.models import RawMaterialZone
from ocop.traceability.domain.scan import stamp_path
from ocop.traceability.domain.stamps import issue_stamps, request_stamps
from ocop.traceability.models import TraceEvent
from tests.e2e.conftest import PHONE, post
from tests.factories import make_producer, make_producer_account, make_product

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def _record(page, step_name, fields, shot):
    page.click(f"text={step_name}")
    for selector, value in fields.items():
        page.fill(selector, value)
    page.screenshot(path=shot, full_page=True)
    post(page, page.locator("main button[type=submit].primary"))
    assert "Đã ghi công đoạn" in page.inner_text("main")


def test_the_producer_records_the_chain_and_a_consumer_sees_it(reference_data, login, browser, live_server, artifacts):
    producer = make_producer(name="HTX Nho Thái An")
    product = make_product(producer, name="Nho sấy dẻo Thái An")
    zone = RawMaterialZone.objects.create(
        producer=producer, name="Vùng nho Thái An", material="nho", growing_area_code="NT-0123", unit=producer.unit
    )
    product.raw_material_zones.add(zone)
    batch = issue_stamps(actor=None, batch=request_stamps(actor=None, product=product, quantity=20))

    desktop = login(make_producer_account(producer), f"/backoffice/products/{product.pk}/")
    page = browser.new_context(viewport=PHONE, storage_state=desktop.context.storage_state()).new_page()
    page.goto(desktop.url)
    page.click("main >> text=Nhật ký chuỗi giá trị")
    steps = [
        ("Thu hoạch tại vùng nguyên liệu", {"#id_lot": "H-07", "#id_quantity": "500"}),
        ("Chế biến thành lô", {"#id_input_lot": "H-07", "#id_lot": "L-07", "#id_quantity": "120"}),
        ("Đóng gói: gắn tem cho lô", {"#id_first": "1", "#id_last": "10", "#id_lot": "L-07"}),
        ("Vận chuyển", {"#id_lot": "L-07", "#id_quantity": "40"}),
        ("Nhận hàng tại điểm bán", {"#id_lot": "L-07", "#id_public_place": "TP. Hồ Chí Minh"}),
    ]
    for number, (name, fields) in enumerate(steps, start=1):
        _record(page, name, fields, artifacts / f"value-chain-step-{number}-390.png")
    assert TraceEvent.objects.filter(product=product).count() == 5
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=artifacts / "value-chain-events-390.png", full_page=True)
    desktop.goto(page.url)
    desktop.screenshot(path=artifacts / "value-chain-events-1366.png", full_page=True)

    consumer = browser.new_context(viewport=PHONE).new_page()
    consumer.goto(live_server.url + stamp_path(product, batch.stamps.get(position=3).serial))
    timeline = consumer.inner_text(".check-timeline")
    for words in ("Thu hoạch tại vùng nguyên liệu", "Chế biến thành lô", "Đóng gói", "Vận chuyển", "TP. Hồ Chí Minh"):
        assert words in timeline
    assert consumer.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    consumer.screenshot(path=artifacts / "value-chain-scan-390.png", full_page=True)
    page.context.close()
    consumer.context.close()
