"""A product's record for the national traceability portal: what Thông tư 02/2024 asks for, bounded, with a stable
fingerprint; pending after a change, sent and answered through logged domain functions."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ocop.common.models import ActivityLog
from ocop.producers.models import Product
from ocop.traceability.domain import national_portal
from ocop.traceability.domain.national_portal import (
    fingerprint,
    mark_pending_changes,
    portal_record,
    portal_records,
    record_answer,
    record_sent,
    refresh_sync,
)
from ocop.traceability.domain.stamps import void_stamps
from ocop.traceability.enums import SyncStatus
from ocop.traceability.models import PortalSync
from tests.factories import make_product
from tests.national_portal.helpers import trace_event, traced_product

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = "https://ocop.khanhhoa.gov.vn"


def _verbs() -> list[str]:
    return list(
        ActivityLog.objects.filter(verb__startswith="traceability.portal").order_by("pk").values_list("verb", flat=True)
    )


def _sent(product) -> None:
    record_sent(actor=None, sent=[(product, fingerprint(portal_record(product)))])


def test_the_record_holds_what_the_circular_asks_for():
    product = traced_product(stamps=3, description="Nước mắm truyền thống")
    record = portal_record(product)
    assert record["product"] | {"images": None} == {
        "name": product.name,
        "ocop_code": product.code,
        "gtin": "08930000000125",
        "product_set": {"number": 7, "name": product.product_set_info.name},
        "description": "Nước mắm truyền thống",
        "packaging": "",
        "shelf_life": "12 tháng",
        "standards": ["TCCS 01:2024/HTX"],
        "images": None,
        "raw_material_zones": [],
        "withdrawn_on": None,
    }
    producer = record["producer"]
    assert producer["name"] == product.producer.name and producer["province"] and producer["commune"]
    assert record["certificate"]["stars"] == 4 and record["certificate"]["in_force"] is True
    assert record["certificate"]["public_page"].startswith("https://ocop.khanhhoa.gov.vn/c/")
    [batch] = record["codes"]
    assert (batch["issued"], batch["voided"], batch["valid"], len(batch["serials"])) == (3, 0, 3, 3)
    assert batch["serials"][0]["digital_link"] == (
        f"https://ocop.khanhhoa.gov.vn/01/08930000000125/21/{batch['serials'][0]['serial']}"
    )
    [event] = record["events"]["latest"]
    assert record["events"]["total"] == 1
    assert event["business_step"] == "shipping" and event["lot"] == "L1" and event["place"] == "Khánh Hòa"
    assert event["time"].endswith("+07:00")
    assert json.loads(national_portal.canonical_json(record)) == record  # JSON-ready as it is


def test_the_record_is_bounded(monkeypatch):
    monkeypatch.setattr(national_portal, "MOST_SERIALS_PER_BATCH", 2)
    monkeypatch.setattr(national_portal, "MOST_EVENTS", 1)
    product = traced_product(stamps=5)
    trace_event(product, biz_step="receiving", lot="L1", place="Ninh Thuận")
    record = portal_record(product)
    assert record["codes"][0]["valid"] == 5 and len(record["codes"][0]["serials"]) == 2
    assert record["events"]["total"] == 2
    assert [event["business_step"] for event in record["events"]["latest"]] == ["receiving"]  # the latest kept


def test_voided_and_retracted_things_are_left_out():
    product = traced_product(stamps=4)
    batch = product.stamp_batches.get()
    void_stamps(actor=None, batch=batch, first=1, last=2, reason="Mất cuộn tem")
    product.trace_events.update(retracted_at=batch.decided_at)
    record = portal_record(product)
    assert (record["codes"][0]["voided"], record["codes"][0]["valid"], len(record["codes"][0]["serials"])) == (2, 2, 2)
    assert record["events"] == {"total": 0, "latest": []}


def test_the_fingerprint_is_stable_and_follows_the_content():
    product = traced_product()
    first = fingerprint(portal_record(product))
    assert first == fingerprint(portal_record(product)) and len(first) == 64
    assert fingerprint({"b": 1, "a": [1, 2]}) == fingerprint({"a": [1, 2], "b": 1})
    Product.objects.filter(pk=product.pk).update(shelf_life="18 tháng")
    assert fingerprint(portal_record(product)) != first


def test_products_without_trace_data_are_not_for_the_portal():
    make_product()
    assert mark_pending_changes() == 0
    assert not PortalSync.objects.exists()


@pytest.mark.parametrize("change", ["event", "void"])
def test_a_sent_record_goes_pending_after_a_change(change):
    product = traced_product(stamps=3)
    assert mark_pending_changes() == 1  # never sent
    _sent(product)
    assert mark_pending_changes() == 0 and refresh_sync(product).status == SyncStatus.SENT
    if change == "event":
        trace_event(product, biz_step="receiving", lot="L1", place="Ninh Thuận")
    else:
        void_stamps(actor=None, batch=product.stamp_batches.get(), first=3, last=3, reason="Hỏng")
    assert refresh_sync(product).status == SyncStatus.PENDING
    assert mark_pending_changes() == 0  # already pending
    assert _verbs() == [
        "traceability.portal_changes_found",
        "traceability.portal_record_sent",
        "traceability.portal_changes_found",
    ]


def test_sent_then_answered_each_logged():
    product, other = traced_product(), traced_product()
    records = list(portal_records(Product.objects.filter(pk__in=[product.pk, other.pk])))
    assert record_sent(actor=None, sent=[(p, fingerprint(record)) for p, record in records]) == 2
    sync = PortalSync.objects.get(product=product)
    assert sync.status == SyncStatus.SENT and sync.sent_at and sync.fingerprint == fingerprint(records[0][1])
    assert record_answer(actor=None, product=product, ok=True).status == SyncStatus.SYNCED
    failed = record_answer(actor=None, product=other, ok=False, message="  Thiếu ảnh sản phẩm ")
    assert (failed.status, failed.message) == (SyncStatus.FAILED, "Thiếu ảnh sản phẩm")
    assert mark_pending_changes() == 0  # nothing changed: the failure stands until the record changes
    assert _verbs() == ["traceability.portal_record_sent"] * 2 + ["traceability.portal_answered"] * 2


def test_an_answer_needs_a_record_sent_and_leaves_a_changed_record_pending():
    product = traced_product()
    mark_pending_changes()
    with pytest.raises(ValidationError):
        record_answer(actor=None, product=product, ok=True)
    _sent(product)
    trace_event(product, biz_step="receiving")
    refresh_sync(product)
    sync = record_answer(actor=None, product=product, ok=True, message="OK")
    assert sync.status == SyncStatus.PENDING and sync.answered_at and sync.message == "OK"


def test_records_are_read_in_a_constant_number_of_queries():
    products = [traced_product() for _ in range(2)]
    with CaptureQueriesContext(connection) as few:
        list(portal_records(Product.objects.filter(pk__in=[p.pk for p in products])))
    products += [traced_product() for _ in range(4)]
    with CaptureQueriesContext(connection) as more:
        list(portal_records(Product.objects.filter(pk__in=[p.pk for p in products])))
    assert len(more) == len(few) < 15
