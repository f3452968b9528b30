"""When a product has an electronic trace code, and active trace data, on a given day: worked examples."""

import datetime
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ocop.accounts.enums import Role
from ocop.traceability.domain.evidence import (
    products_with_active_trace_data,
    products_with_trace_code,
    trace_evidence,
    trace_evidences,
)
from ocop.traceability.domain.scan import digital_link
from ocop.traceability.domain.stamps import issue_stamps, refuse_stamps, request_stamps, void_stamps
from ocop.traceability.enums import EventType
from ocop.traceability.models import StampBatch, TraceEvent
from tests.factories import make_product, make_user

pytestmark = pytest.mark.django_db

ISSUED_ON = datetime.date(2024, 3, 15)
_hashes = itertools.count(1)


def _at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def office():
    return make_user(Role.PROVINCE_OFFICE)


def _issue(office, product, quantity: int = 10, on: datetime.date = ISSUED_ON) -> StampBatch:
    batch = issue_stamps(actor=office, batch=request_stamps(actor=None, product=product, quantity=quantity))
    StampBatch.objects.filter(pk=batch.pk).update(decided_at=_at(on))
    return batch


def _event(product, on: datetime.date, retracted_on: datetime.date | None = None) -> TraceEvent:
    return TraceEvent.objects.create(
        hash_id=f"ni:///sha-256;{next(_hashes):064x}?ver=CBV2.0",
        event_type=EventType.OBJECT,
        event_time=_at(on),
        time_zone_offset="+07:00",
        record_time=_at(on),
        biz_step="shipping",
        body={},
        product=product,
        retracted_at=_at(retracted_on) if retracted_on else None,
    )


def _traced(day: datetime.date) -> set[int]:
    return set(products_with_trace_code(day).values_list("pk", flat=True))


def _active(day: datetime.date) -> set[int]:
    return set(products_with_active_trace_data(day).values_list("pk", flat=True))


def test_an_issued_batch_gives_a_trace_code_from_the_day_it_was_issued(office):
    product = make_product()
    _issue(office, product)
    assert _traced(ISSUED_ON - datetime.timedelta(days=1)) == set()
    assert _traced(ISSUED_ON) == _traced(datetime.date(2026, 1, 1)) == {product.pk}


def test_a_refused_or_waiting_request_is_no_trace_code(office):
    refused, waiting = make_product(), make_product()
    refuse_stamps(actor=office, batch=request_stamps(actor=None, product=refused, quantity=5), reason="Trùng")
    request_stamps(actor=None, product=waiting, quantity=5)
    assert _traced(timezone.localdate()) == set()
    assert trace_evidence(refused, timezone.localdate()) is None


def test_voiding_every_stamp_takes_the_code_away_from_that_day_on(office):
    product = make_product()
    batch = _issue(office, product, quantity=10)
    void_stamps(actor=office, batch=batch, first=1, last=10, reason="Mất cuộn tem")
    batch.stamps.update(voided_at=_at(datetime.date(2024, 6, 1)))
    assert _traced(datetime.date(2024, 5, 31)) == {product.pk}
    assert _traced(datetime.date(2024, 6, 1)) == set()


def test_active_trace_data_needs_an_event_standing_in_the_twelve_months_up_to_the_day(office):
    product, silent = make_product(), make_product()
    _issue(office, product)
    _issue(office, silent)
    _event(product, datetime.date(2024, 4, 1))
    assert _active(datetime.date(2024, 3, 31)) == set()  # before the event
    assert _active(datetime.date(2024, 4, 1)) == _active(datetime.date(2025, 3, 31)) == {product.pk}
    assert _active(datetime.date(2025, 4, 1)) == set()  # twelve months have passed since the event


def test_an_event_declared_an_error_is_not_active_trace_data(office):
    product = make_product()
    _issue(office, product)
    _event(product, datetime.date(2024, 4, 1), retracted_on=datetime.date(2024, 5, 1))
    assert _active(datetime.date(2024, 4, 30)) == {product.pk}  # it stood until declared an error
    assert _active(datetime.date(2024, 5, 1)) == set()
    assert trace_evidence(product, datetime.date(2024, 5, 1)).last_event_at is None


def test_events_without_a_trace_code_are_not_active_trace_data():
    product = make_product()
    _event(product, datetime.date(2024, 4, 1))
    assert _active(datetime.date(2024, 4, 1)) == set()


def test_the_evidence_counts_the_stamps_and_events_and_links_to_an_active_stamp(office):
    product = make_product()
    first = _issue(office, product, quantity=10)
    void_stamps(actor=office, batch=first, first=1, last=4, reason="Hỏng")
    first.stamps.filter(position__lte=4).update(voided_at=_at(datetime.date(2024, 5, 1)))
    _issue(office, product, quantity=5, on=datetime.date(2024, 9, 1))
    _event(product, datetime.date(2023, 1, 10))  # standing, but over twelve months before the day
    _event(product, datetime.date(2024, 4, 1))
    latest = _event(product, datetime.date(2024, 8, 20))
    _event(product, datetime.date(2024, 9, 30))  # after the day

    evidence = trace_evidence(product, datetime.date(2024, 9, 15))

    assert (evidence.stamps_issued, evidence.active_stamps, evidence.events) == (15, 11, 2)
    assert evidence.last_event_at == latest.event_time and evidence.active
    assert evidence.link == digital_link(product, first.stamps.get(position=5).serial)


def test_the_evidence_of_many_products_takes_one_query(office):
    products = [make_product() for _ in range(4)]
    for product in products[:3]:
        _issue(office, product)
        _event(product, datetime.date(2024, 4, 1))
    with CaptureQueriesContext(connection) as queries:
        evidences = trace_evidences([product.pk for product in products], datetime.date(2024, 6, 1))
    assert len(queries) == 1
    assert set(evidences) == {product.pk for product in products[:3]}
