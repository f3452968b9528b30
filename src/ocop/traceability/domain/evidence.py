"""Whether a product carries an electronic trace code on a given day, and what shows it (QĐ 26/2026: criterion 2.3
asks for "mã truy xuất nguồn gốc điện tử", criterion 5.1 for the product story in the trace content).

- A product **has an electronic trace code** on a day when, by the end of that day, the office had issued it a stamp
  batch with at least one stamp not voided by then (a refused or waiting request is no code; nor is a roll voided
  whole).
- It **has active trace data** when, besides, at least one of its value-chain events not declared an error by then
  happened in the ``ACTIVE_MONTHS`` months up to that day.

Everything is read "as of" the day: a stamp voided or an event retracted later still counted on the days before.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, IntegerField, Max, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from ocop.common.dates import add_months
from ocop.producers.models import Product
from ocop.traceability.domain.scan import digital_link
from ocop.traceability.enums import BatchStatus
from ocop.traceability.models import Stamp, TraceEvent

ACTIVE_MONTHS = 12


@dataclass(frozen=True)
class TraceEvidence:
    """What shows that a product has an electronic trace code on a day."""

    stamps_issued: int  # stamps of the batches issued to it by that day, voided or not
    active_stamps: int  # of those, the ones not voided by then
    events: int  # value-chain events standing, in the ACTIVE_MONTHS months up to the day
    last_event_at: datetime.datetime | None  # its latest event standing by the day, however old
    link: str  # the Digital Link of one of its active stamps: the public trace page

    @property
    def active(self) -> bool:
        return self.events > 0


def _end_of(day: datetime.date) -> datetime.datetime:
    """The first moment after ``day`` in the system's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min))


def issued_stamps(day: datetime.date) -> QuerySet[Stamp]:
    """Stamps of the batches the office issued by the end of ``day``."""
    return Stamp.objects.filter(batch__status=BatchStatus.ISSUED, batch__decided_at__lt=_end_of(day))


def active_stamps(day: datetime.date) -> QuerySet[Stamp]:
    """Issued stamps not voided by the end of ``day``."""
    return issued_stamps(day).filter(Q(voided_at__isnull=True) | Q(voided_at__gte=_end_of(day)))


def standing_events(day: datetime.date) -> QuerySet[TraceEvent]:
    """Value-chain events that happened by the end of ``day`` and were not declared an error by then."""
    end = _end_of(day)
    return TraceEvent.objects.filter(event_time__lt=end).filter(Q(retracted_at__isnull=True) | Q(retracted_at__gte=end))


def recent_events(day: datetime.date) -> QuerySet[TraceEvent]:
    """Standing events of the ``ACTIVE_MONTHS`` months up to ``day`` (from the day after the same day a year before)."""
    return standing_events(day).filter(event_time__gte=_end_of(add_months(day, -ACTIVE_MONTHS)))


def products_with_trace_code(day: datetime.date) -> QuerySet[Product]:
    return Product.objects.filter(Exists(active_stamps(day).filter(batch__product=OuterRef("pk"))))


def products_with_active_trace_data(day: datetime.date) -> QuerySet[Product]:
    return products_with_trace_code(day).filter(Exists(recent_events(day).filter(product=OuterRef("pk"))))


def _count(queryset: QuerySet, product_path: str) -> Coalesce:
    counted = queryset.filter(**{product_path: OuterRef("pk")}).order_by().values(product_path)
    return Coalesce(Subquery(counted.annotate(n=Count("pk")).values("n")), Value(0), output_field=IntegerField())


def trace_evidences(product_ids: list[int], day: datetime.date) -> dict[int, TraceEvidence]:
    """The evidence of each of the products that has a trace code on ``day``, by product id, in one query."""
    mine = OuterRef("pk")
    first_active = active_stamps(day).filter(batch__product=mine).order_by("batch__decided_at", "batch", "position")
    last_event = standing_events(day).filter(product=mine).order_by().values("product").annotate(at=Max("event_time"))
    products = (
        products_with_trace_code(day)
        .filter(pk__in=product_ids)
        .annotate(
            stamps_issued=_count(issued_stamps(day), "batch__product"),
            active_stamps=_count(active_stamps(day), "batch__product"),
            events=_count(recent_events(day), "product"),
            last_event_at=Subquery(last_event.values("at")),
            serial=Subquery(first_active.values("serial")[:1]),
        )
        .only("pk", "code", "gtin")
    )
    return {
        product.pk: TraceEvidence(
            stamps_issued=product.stamps_issued,
            active_stamps=product.active_stamps,
            events=product.events,
            last_event_at=product.last_event_at,
            link=digital_link(product, product.serial),
        )
        for product in products
    }


def trace_evidence(product: Product, day: datetime.date) -> TraceEvidence | None:
    """The product's evidence on ``day``; None when it has no electronic trace code then."""
    return trace_evidences([product.pk], day).get(product.pk)
