"""Records for the national portal's tests: a certified product with an issued stamp batch and value-chain events
(stored as rows, as a capture stores them)."""

import datetime
import itertools

from django.utils import timezone

from ocop.traceability.domain.stamps import issue_stamps, request_stamps
from ocop.traceability.models import TraceEvent
from tests.certificates.helpers import days_ago, registered
from tests.factories import make_product

_numbers = itertools.count(1)


def traced_product(stamps: int = 3, **fields):
    """A product holding a certificate, a batch of ``stamps`` issued stamps and one shipping event."""
    product = make_product(gtin="8930000000125", shelf_life="12 tháng", standard="TCCS 01:2024/HTX", **fields)
    registered(product, days_ago(100), stars=4)
    issue_stamps(actor=None, batch=request_stamps(actor=None, product=product, quantity=stamps))
    trace_event(product, biz_step="shipping", lot="L1", place="Khánh Hòa")
    return product


def trace_event(product, *, biz_step: str, lot: str = "", place: str = "", when=None) -> TraceEvent:
    number = next(_numbers)
    moment = when or timezone.now() - datetime.timedelta(days=1) + datetime.timedelta(minutes=number)  # in order
    return TraceEvent.objects.create(
        hash_id=f"ni:///sha-256;{number:064x}?ver=CBV2.0",
        event_type="ObjectEvent",
        event_time=moment,
        time_zone_offset="+07:00",
        record_time=timezone.now(),
        biz_step=biz_step,
        body={"type": "ObjectEvent", "bizStep": biz_step},
        product=product,
        lot=lot,
        public_place=place,
    )
