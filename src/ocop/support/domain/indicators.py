"""The plan indicators computed from support records, registered into planning from SupportConfig.ready() (planning
sits below support and never imports it).

- ``trainings_held``: training classes whose last day falls in the period (a class is held once it has ended),
  placed by the area they serve (the province, a district or a commune; geo's succession puts 2024 units in the
  plan's area of either era).
- ``trademarks_registered``: IP support cases granted in the period (the grant date of the protection
  certificate), placed by their producer's commune.

A task output of Phụ lục II counted in "lớp" reads the classes that serve its task, one counted in "nhãn hiệu" the
IP cases granted that serve it (``planning.domain.figures.register_output_count``); a task no record serves keeps the
quantities its agency reported. The plan's funding by source reads the funding entries of the tasks that have any
(``planning.domain.review.register_funding``).
"""

import datetime
from decimal import Decimal

from django.db.models import Count, Q, QuerySet

from ocop.common.text import fold
from ocop.planning.domain import figures, indicators, review
from ocop.planning.domain.indicators import IndicatorQuery, RecordCount
from ocop.support.domain.funding import funding_of_tasks
from ocop.support.enums import IPStatus
from ocop.support.models import IPCase, TrainingClass

TRAINING_CLASSES, IP_CASES = "training_classes", "ip_cases"
CLASS_UNIT, MARK_UNIT = "lop", "nhan hieu"  # folded unit labels of the task outputs they count


CLASSES_ENDED = RecordCount(TrainingClass.objects.all, dated_by="ends_on", placed_by="unit")
MARKS_GRANTED = RecordCount(
    lambda: IPCase.objects.filter(status=IPStatus.GRANTED), dated_by="granted_on", placed_by="producer__unit"
)


def classes_held(query: IndicatorQuery) -> QuerySet[TrainingClass]:
    """The classes ended in the period, with how many were enrolled and attended."""
    return (
        CLASSES_ENDED.in_period(query)
        .select_related("unit", "task__plan")
        .annotate(enrolled=Count("participants"), present=Count("participants", filter=Q(participants__attended=True)))
        .order_by("-ends_on", "pk")
    )


def marks_granted(query: IndicatorQuery) -> QuerySet[IPCase]:
    return MARKS_GRANTED.in_period(query).select_related("producer__unit").order_by("-granted_on", "pk")


def output_count(output, start: datetime.date, end: datetime.date) -> Decimal | None:
    """What a task output of classes (lớp) or marks (nhãn hiệu) achieved by ``end``, counted from the records that
    serve its task; None when no record serves the task (its agency's reported quantity then stands)."""
    unit = fold(output.unit_label)
    if unit == CLASS_UNIT:
        served = TrainingClass.objects.filter(task=output.task_id)
        if not served.exists():
            return None
        return Decimal(served.filter(ends_on__gte=start, ends_on__lte=end).count())
    if unit == MARK_UNIT:
        served = IPCase.objects.filter(task=output.task_id)
        if not served.exists():
            return None
        granted = served.filter(status=IPStatus.GRANTED, granted_on__gte=start, granted_on__lte=end)
        return Decimal(granted.count())
    return None


def register() -> None:
    indicators.register_computation(
        "trainings_held",
        compute=CLASSES_ENDED.compute,
        records=classes_held,
        by_unit=CLASSES_ENDED.by_unit,
        record_kind=TRAINING_CLASSES,
        source="ocop.support",
    )
    indicators.register_computation(
        "trademarks_registered",
        compute=MARKS_GRANTED.compute,
        records=marks_granted,
        by_unit=MARKS_GRANTED.by_unit,
        record_kind=IP_CASES,
        source="ocop.support",
    )
    figures.register_output_count(output_count)
    review.register_funding(funding_of_tasks)
