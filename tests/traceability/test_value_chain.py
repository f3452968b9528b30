"""The phone screens of the value chain: each step becomes a valid EPCIS 2.0 event of the product; packing puts
stamps on a lot; the scan page shows the steps of the stamp's lot with their day and province, and forgets a step
declared an error; a producer records steps only for its own products; the same step twice is refused."""

import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ocop.accounts.enums import Role
from ocop.producers.models import RawMaterialZone
from ocop.traceability.domain.epcis_document import events_of, faults
from ocop.traceability.domain.events import Step, capture_document, record_step
from ocop.traceability.domain.scan import stamp_path
from ocop.traceability.domain.stamps import issue_stamps, request_stamps
from ocop.traceability.enums import EventType, ValueChainStep
from ocop.traceability.models import TraceEvent
from tests.factories import make_producer, make_producer_account, make_product, make_user

pytestmark = pytest.mark.django_db

JULY = timezone.make_aware(datetime.datetime(2024, 7, 1, 8, 30))
DAY = datetime.timedelta(days=1)


@pytest.fixture
def product():
    producer = make_producer(name="HTX Nho Thái An")
    product = make_product(producer, name="Nho sấy dẻo")
    zone = RawMaterialZone.objects.create(
        producer=producer, name="Vùng nho Thái An", material="nho", growing_area_code="NT-0123", unit=producer.unit
    )
    product.raw_material_zones.add(zone)
    return product


def _stamps(product, quantity=10):
    return issue_stamps(actor=None, batch=request_stamps(actor=None, product=product, quantity=quantity))


def _chain(product, batch):
    zone = product.raw_material_zones.get()
    steps = [
        Step(ValueChainStep.HARVEST, JULY, "H-07", "Ninh Thuận", zone=zone, quantity=500.0),
        Step(ValueChainStep.PROCESS, JULY + 2 * DAY, "L-07", "Ninh Thuận", input_lot="H-07"),
        Step(ValueChainStep.PACK, JULY + 3 * DAY, "L-07", "Ninh Thuận", batch=batch, first=1, last=5),
        Step(ValueChainStep.SHIP, JULY + 4 * DAY, "L-07", "Ninh Thuận", quantity=40.0),
        Step(ValueChainStep.RECEIVE, JULY + 5 * DAY, "L-07", "TP. Hồ Chí Minh", quantity=40.0),
    ]
    return [record_step(actor=None, product=product, step=step) for step in steps]


def test_every_step_is_a_valid_epcis_event_of_the_product(product):
    events = _chain(product, _stamps(product))
    assert [event.event_type for event in events] == [
        EventType.OBJECT,
        EventType.TRANSFORMATION,
        EventType.OBJECT,
        EventType.OBJECT,
        EventType.OBJECT,
    ]
    assert [event.biz_step for event in events] == [
        "creating_class_instance",
        "commissioning",
        "packing",
        "shipping",
        "receiving",
    ]
    assert all(event.product == product for event in events)
    assert events[0].zone == product.raw_material_zones.get() and events[1].lot == "L-07"
    assert events[0].event_time == JULY and events[0].time_zone_offset == "+07:00"


def test_packing_puts_the_stamps_on_the_lot(product):
    batch = _stamps(product)
    _chain(product, batch)
    on_lot = batch.stamps.filter(lot="L-07", activated_at__isnull=False)
    assert sorted(on_lot.values_list("position", flat=True)) == [1, 2, 3, 4, 5]
    assert not batch.stamps.filter(position=6, activated_at__isnull=False).exists()


def test_the_same_step_twice_is_refused(product):
    step = Step(ValueChainStep.SHIP, JULY, "L-07", "Ninh Thuận", quantity=40.0)
    record_step(actor=None, product=product, step=step)
    with pytest.raises(ValidationError, match=r"đã được ghi|already been recorded"):
        record_step(actor=None, product=product, step=step)
    assert TraceEvent.objects.count() == 1


def test_the_export_of_the_chain_is_valid_epcis(client, product):
    _chain(product, _stamps(product))
    client.force_login(make_producer_account(product.producer))
    response = client.get(reverse("backoffice:epcis_export"), {"product": product.pk})
    document = json.loads(response.content)
    assert response["Content-Type"] == "application/ld+json" and faults(document) == []
    assert len(events_of(document)) == 5


def test_the_scan_page_shows_the_lots_steps_with_day_and_province_and_nothing_private(client, product):
    batch = _stamps(product)
    _chain(product, batch)
    stamp = batch.stamps.get(position=1)
    page = client.get(stamp_path(product, stamp.serial)).content.decode()
    assert "Từ vùng nguyên liệu đến quầy hàng" in page
    for words in ("Thu hoạch tại vùng nguyên liệu", "Chế biến thành lô", "Vận chuyển", "TP. Hồ Chí Minh"):
        assert words in page
    assert "01/07/2024" in page and "06/07/2024" in page
    assert "40" not in page.split("Từ vùng nguyên liệu đến quầy hàng")[1].split("</ol>")[0]  # no quantities


def test_a_step_declared_an_error_leaves_the_scan_page(client, product):
    batch = _stamps(product)
    shipped = _chain(product, batch)[3]
    declaration = dict(shipped.body, errorDeclaration={"declarationTime": "2024-07-10T00:00:00+07:00"})
    document = {
        "@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld", shipped.namespaces],
        "type": "EPCISDocument",
        "schemaVersion": "2.0",
        "creationDate": "2024-07-10T00:00:00+07:00",
        "epcisBody": {"eventList": [declaration]},
    }
    capture_document(actor=None, document=document, may_capture_any=True)
    shipped.refresh_from_db()
    assert shipped.retracted_at is not None
    page = client.get(stamp_path(product, batch.stamps.get(position=1).serial)).content.decode()
    assert "Vận chuyển" not in page and "Chế biến thành lô" in page


def test_the_producer_records_a_step_from_its_phone(client, product):
    client.force_login(make_producer_account(product.producer))
    url = reverse("backoffice:trace_step_create", args=[product.pk, "harvest"])
    form = client.get(url).content.decode()
    assert "Vùng nho Thái An" in form and "Ninh Thuận" in form
    response = client.post(
        url,
        {
            "when": "2024-07-01T08:30",
            "zone": product.raw_material_zones.get().pk,
            "lot": "H-07",
            "quantity": "500",
            "unit": "kg",
            "public_place": "Ninh Thuận",
        },
    )
    assert response.status_code == 302
    event = TraceEvent.objects.get()
    assert event.biz_step == "creating_class_instance" and event.zone is not None and event.captured_by is not None
    listing = client.get(response["Location"]).content.decode()
    assert "Thu hoạch tại vùng nguyên liệu" in listing and "H-07" in listing


def test_a_step_without_its_fields_says_what_is_missing_and_writes_nothing(client, product):
    client.force_login(make_producer_account(product.producer))
    response = client.post(reverse("backoffice:trace_step_create", args=[product.pk, "pack"]), {"lot": "L"})
    assert response.status_code == 200 and "Trường này là bắt buộc" in response.content.decode()
    assert not TraceEvent.objects.exists()


def test_a_producer_cannot_record_steps_of_another_producers_product(client, product):
    other = make_product(make_producer(name="HTX Khác"))
    client.force_login(make_producer_account(product.producer))
    assert client.get(reverse("backoffice:trace_step_create", args=[other.pk, "ship"])).status_code == 404


def _queries_of(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_event_list_issues_the_same_queries_at_any_length(client, product):
    _chain(product, _stamps(product))
    client.force_login(make_user(Role.PROVINCE_OFFICE))
    url = reverse("backoffice:trace_event_list")
    few = _queries_of(client, url)
    for day in range(10):
        step = Step(ValueChainStep.SHIP, JULY + datetime.timedelta(days=10 + day), f"L-{day}", "Ninh Thuận")
        record_step(actor=None, product=product, step=step)
    assert _queries_of(client, url) == few


def test_processing_without_an_input_lot_is_named_by_the_lot_it_made(product):
    step = Step(ValueChainStep.PROCESS, JULY, "L-08", "Ninh Thuận", quantity=120.0)
    event = record_step(actor=None, product=product, step=step)
    assert event.event_type == EventType.TRANSFORMATION and event.body["transformationID"].endswith("/10/L-08")
