"""The plan indicators computed from promotion records, registered into planning from PromotionConfig.ready()
(planning sits below promotion and never imports it).

- ``sales_points_opened``: sales points whose opening date falls in the period, placed by their commune (today's
  map; geo's succession puts them in the plan's area of either era).
- ``fairs_held``: fairs whose last day falls in the period, wherever they were held (the plan counts the "đợt" of
  fairs the province's producers took part in, in Hà Nội as well as at home).

A task output of Phụ lục II counted in "đợt" reads the fairs that serve its task, one counted in "điểm" the sales
points that serve it (``planning.domain.figures.register_output_count``); a task no record serves keeps the
quantities its agency reported.
"""

from decimal import Decimal

from django.db.models import Count, QuerySet

from ocop.common.text import fold
from ocop.planning.domain import figures, indicators
from ocop.planning.domain.indicators import IndicatorQuery, RecordCount
from ocop.promotion.models import Fair, SalesPoint

SALES_POINTS, FAIRS = "sales_points", "fairs"
SALES_POINT_UNIT, FAIR_UNIT = "diem", "dot"  # folded unit labels of the task outputs they count


SALES_POINTS_OPENED = RecordCount(SalesPoint.objects.all, dated_by="opened_on", placed_by="unit")
FAIRS_ENDED = RecordCount(Fair.objects.all, dated_by="ends_on", placed_by="unit", anywhere=True)


def sales_points_opened(query: IndicatorQuery) -> QuerySet[SalesPoint]:
    return SALES_POINTS_OPENED.in_period(query).select_related("unit__parent", "operator").order_by("-opened_on", "pk")


def fairs_held(query: IndicatorQuery) -> QuerySet[Fair]:
    """The fairs ending in the period, with how many products were registered for each."""
    return FAIRS_ENDED.in_period(query).annotate(registered=Count("registrations")).order_by("-ends_on", "pk")


def output_count(output, start, end) -> Decimal | None:
    """What a task output of fairs (đợt) or sales points (điểm) achieved by ``end``, counted from the records that
    serve its task; None when no record serves the task (its agency's reported quantity then stands)."""
    unit = fold(output.unit_label)
    if unit == FAIR_UNIT:
        served = Fair.objects.filter(task=output.task_id)
        if not served.exists():
            return None
        return Decimal(served.filter(ends_on__gte=start, ends_on__lte=end).count())
    if unit == SALES_POINT_UNIT:
        served = SalesPoint.objects.filter(task=output.task_id)
        if not served.exists():
            return None
        return Decimal(served.filter(opened_on__gte=start, opened_on__lte=end).count())
    return None


def register() -> None:
    indicators.register_computation(
        "sales_points_opened",
        compute=SALES_POINTS_OPENED.compute,
        records=sales_points_opened,
        by_unit=SALES_POINTS_OPENED.by_unit,
        record_kind=SALES_POINTS,
        source="ocop.promotion",
    )
    indicators.register_computation(
        "fairs_held",
        compute=FAIRS_ENDED.compute,
        records=fairs_held,
        by_unit=FAIRS_ENDED.by_unit,
        record_kind=FAIRS,
        source="ocop.promotion",
    )
    figures.register_output_count(output_count)
