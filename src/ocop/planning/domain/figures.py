"""A plan's figures for one period: every target with its actual, percent achieved and light, the quotas by unit,
the tasks and their progress. The dashboard, the reports and ``ocop report`` all read them from here, and
``snapshot()`` turns them into the JSON that an issued report freezes."""

import datetime
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from ocop.planning.domain import indicators
from ocop.planning.domain.areas import AreaMap
from ocop.planning.domain.assessment import Assessment, assess, cut
from ocop.planning.domain.indicators import IndicatorQuery, Measurement
from ocop.planning.domain.periods import Period
from ocop.planning.enums import Direction, Source, TaskStatus
from ocop.planning.models import PeriodLock, Plan, ReportedValue, Target, Task, TaskOutput, TaskUpdate
from ocop.producers import product_sets

QUOTA_INDICATOR = "recognised_products"
FINISHED = (TaskStatus.DONE, TaskStatus.CANCELLED)

# Task outputs counted from records: a module above planning registers a function (output, start, end) → the quantity
# its records achieved, or None when it does not count that output (promotion: the fairs and sales points serving a
# task). The first answer that is not None replaces the quantity the agency reported.
OutputCount = Callable[[TaskOutput, datetime.date, datetime.date], Decimal | None]
_OUTPUT_COUNTS: list[OutputCount] = []


def register_output_count(count: OutputCount) -> None:
    if count not in _OUTPUT_COUNTS:
        _OUTPUT_COUNTS.append(count)


def _counted_outputs(task: Task, start: datetime.date, end: datetime.date) -> dict[int, Decimal]:
    counted = {}
    for output in task.outputs.all():
        for count in _OUTPUT_COUNTS:
            if (value := count(output, start, end)) is not None:
                counted[output.pk] = value
                break
    return counted


def source_of(target: Target) -> Source:
    indicator = indicators.get(target.indicator) if target.indicator else None
    return Source.COMPUTED if indicator is not None and indicator.is_computed else Source.REPORTED


def target_text(target_or_row) -> str:
    """The target value as a document prints it: "20–30", "≥ 30", "≤ 5"."""
    low, high, direction = _bounds(target_or_row)
    if direction == Direction.AT_MOST:
        return f"≤ {_plain(high if high is not None else low)}"
    if high is not None and high != low:
        return f"{_plain(low)}–{_plain(high)}"
    return f"≥ {_plain(low)}"


def _bounds(item):
    if isinstance(item, dict):
        return (
            Decimal(str(item["target"]["low"])),
            None if item["target"]["high"] is None else Decimal(str(item["target"]["high"])),
            item["direction"],
        )
    return item.low, item.high, item.direction


def _plain(value: Decimal) -> str:
    value = Decimal(value)
    text = f"{value.normalize():f}" if value == value.to_integral() else f"{value:f}".rstrip("0")
    return text.replace(".", ",")


@dataclass
class TargetFigure:
    target: Target
    source: Source
    query: IndicatorQuery
    measurement: Measurement | None
    reported: ReportedValue | None
    assessment: Assessment
    locked_actual: Decimal | None = None
    locked: bool = False

    @property
    def indicator(self):
        return indicators.get(self.target.indicator) if self.target.indicator else None

    @property
    def actual(self) -> Decimal | None:
        return self.assessment.actual

    @property
    def changed_since_lock(self) -> bool:
        return self.locked and self.locked_actual != self.actual

    @property
    def text(self) -> str:
        return target_text(self.target)


@dataclass
class QuotaRow:
    unit_id: int
    unit_name: str
    unit_code: str
    agency_text: str
    expected: dict[int, int] = field(default_factory=dict)
    actual: dict[int, int] = field(default_factory=dict)
    quota_ids: dict[int, int] = field(default_factory=dict)

    @property
    def total_expected(self) -> int:
        return sum(self.expected.values())

    @property
    def total_actual(self) -> int:
        return sum(self.actual.get(stars, 0) for stars in self.expected)

    @property
    def percent(self) -> Decimal | None:
        if not self.total_expected:
            return None
        return cut(Decimal(self.total_actual) * 100 / Decimal(self.total_expected))


@dataclass
class TaskFigure:
    task: Task
    latest: TaskUpdate | None
    overdue: bool
    achieved: dict[int, Decimal]

    @property
    def status(self) -> TaskStatus:
        return TaskStatus(self.latest.status) if self.latest else TaskStatus.NOT_STARTED

    @property
    def output_lines(self) -> list[tuple]:
        """Each output of the task with what was done so far (None when nothing was reported)."""
        return [(output, self.achieved.get(output.pk)) for output in self.task.outputs.all()]


@dataclass
class PlanFigures:
    plan: Plan
    period: Period
    start: datetime.date
    end: datetime.date
    as_of: datetime.date
    today: datetime.date
    area: AreaMap
    targets: list[TargetFigure]
    quota_stars: list[int]
    quotas: list[QuotaRow]
    outside_quotas: list[QuotaRow]
    tasks: list[TaskFigure]
    lock: PeriodLock | None

    @property
    def quota_totals(self) -> QuotaRow:
        return quota_totals(self.quotas, self.quota_stars)

    @property
    def task_counts(self) -> dict[str, int]:
        counts = Counter(figure.status for figure in self.tasks)
        return {status: counts.get(status, 0) for status in TaskStatus.values}

    @property
    def overdue_tasks(self) -> list[TaskFigure]:
        return [figure for figure in self.tasks if figure.overdue]

    @property
    def has_started(self) -> bool:
        return self.today >= self.start


def _window(plan: Plan, period: Period, today: datetime.date) -> tuple[datetime.date, datetime.date, datetime.date]:
    """Figures for a period are the situation at its end: counted from the start of the plan (cumulative) up to the
    end of the period, or today while it runs, and judged against the plan's own end. The six-monthly figures of an
    annual plan are thus the first half's progress toward the year's targets. A period cut off on 15/12 (Nghị định
    09/2019) starts the plan's count on 15/12 of the year before when the plan starts later."""
    end = min(period.end, plan.ends_on)
    start = min(plan.starts_on, period.start) if period.starts_before_its_year else plan.starts_on
    return start, end, min(end, today)


def latest_reported_values(targets: list[Target], period_key: str) -> dict[int, ReportedValue]:
    """The newest value reported for each target in the period (one query)."""
    latest: dict[int, ReportedValue] = {}
    rows = ReportedValue.objects.filter(target__in=targets, period_key=period_key).select_related("entered_by")
    for value in rows.order_by("target_id", "-entered_at", "-pk"):
        latest.setdefault(value.target_id, value)
    return latest


def target_figures(
    plan: Plan, period: Period, targets: list[Target], area: AreaMap, *, today: datetime.date, lock=None
) -> list[TargetFigure]:
    start, _end, as_of = _window(plan, period, today)
    reported = latest_reported_values(targets, period.key)
    locked = lock.figures.get("targets", {}) if lock is not None else {}
    figures = []
    for target in targets:
        source = source_of(target)
        query = IndicatorQuery(start=start, end=as_of, unit_ids=area.unit_ids, filters=target.filters)
        measurement = None
        value = reported.get(target.pk)
        if source == Source.COMPUTED and today >= start:
            measurement = indicators.get(target.indicator).compute(query)
            actual = measurement.value
        else:
            actual = value.value if value is not None else None
        indicator = indicators.get(target.indicator) if target.indicator else None
        assessment = assess(
            direction=target.direction,
            low=target.low,
            high=target.high,
            actual=actual,
            cumulative=indicator.cumulative if indicator else True,
            start=plan.starts_on,
            end=plan.ends_on,
            as_of=as_of,
        )
        locked_value = locked.get(str(target.pk))
        figures.append(
            TargetFigure(
                target=target,
                source=source,
                query=query,
                measurement=measurement,
                reported=value,
                assessment=assessment,
                locked_actual=None if locked_value is None else Decimal(locked_value),
                locked=str(target.pk) in locked,
            )
        )
    return figures


def quota_query(plan: Plan, period: Period, area: AreaMap, *, stars: int, today: datetime.date) -> IndicatorQuery:
    start, _end, as_of = _window(plan, period, today)
    return IndicatorQuery(start=start, end=as_of, unit_ids=area.unit_ids, filters={"stars": [stars]})


def _quotas_in_order(plan: Plan):
    return plan.quotas.select_related("unit").order_by("position", "unit__code", "stars")


def _quota_unit_order(quotas) -> list[int]:
    """The quota units in the plan's order: a commune counts toward the first one that contains it."""
    return list(dict.fromkeys(quota.unit_id for quota in quotas))


def quota_communes(plan: Plan, area: AreaMap, unit_id: int) -> frozenset[int]:
    """The communes (of both eras) whose products count toward the quota of ``unit_id``."""
    order = _quota_unit_order(_quotas_in_order(plan))
    return frozenset(
        unit.id
        for unit in area.units.values()
        if unit.level == "commune" and area.quota_unit_for(unit.id, order) == unit_id
    )


def quota_unit_query(
    plan: Plan, period: Period, area: AreaMap, *, unit_id: int, stars: int, today: datetime.date
) -> IndicatorQuery:
    """The query behind one cell of the quota table: the products of ``stars`` recognised toward ``unit_id``."""
    base = quota_query(plan, period, area, stars=stars, today=today)
    return IndicatorQuery(
        start=base.start, end=base.end, unit_ids=quota_communes(plan, area, unit_id), filters=base.filters
    )


def quota_rows(
    plan: Plan, period: Period, area: AreaMap, *, today: datetime.date
) -> tuple[list[int], list[QuotaRow], list[QuotaRow]]:
    """Quotas by unit with the products recognised toward each, and the units that delivered outside any quota."""
    quotas = list(_quotas_in_order(plan))
    if not quotas:
        return [], [], []
    rows: dict[int, QuotaRow] = {}
    for quota in quotas:
        row = rows.setdefault(
            quota.unit_id, QuotaRow(quota.unit_id, quota.unit.name, quota.unit.code, quota.agency_text)
        )
        row.expected[quota.stars] = quota.expected
        row.quota_ids[quota.stars] = quota.pk
    stars_levels = sorted({quota.stars for quota in quotas})
    order = _quota_unit_order(quotas)
    outside: dict[int, QuotaRow] = {}
    indicator = indicators.get(QUOTA_INDICATOR)
    for stars in stars_levels:
        query = quota_query(plan, period, area, stars=stars, today=today)
        counts = indicator.by_unit(query) if today >= query.start else {}
        for commune_id, count in counts.items():
            unit_id = area.quota_unit_for(commune_id, order)
            if unit_id is not None:
                rows[unit_id].actual[stars] = rows[unit_id].actual.get(stars, 0) + count
                continue
            home = _district_or_self(area, commune_id)
            info = area.units.get(home)
            row = outside.setdefault(home, QuotaRow(home, info.name if info else "", info.code if info else "", ""))
            row.actual[stars] = row.actual.get(stars, 0) + count
    for row in outside.values():
        row.expected = dict.fromkeys(stars_levels, 0)
    return stars_levels, [rows[unit_id] for unit_id in order], sorted(outside.values(), key=lambda r: r.unit_code)


def quota_totals(rows: list[QuotaRow], stars_levels: list[int]) -> QuotaRow:
    """The quota rows added up, star level by star level (units outside the quotas are not in them)."""
    total = QuotaRow(0, "", "", "")
    for row in rows:
        for stars in stars_levels:
            total.expected[stars] = total.expected.get(stars, 0) + row.expected.get(stars, 0)
            total.actual[stars] = total.actual.get(stars, 0) + row.actual.get(stars, 0)
    return total


def _district_or_self(area: AreaMap, commune_id: int) -> int:
    candidates = [commune_id, *area.predecessors.get(commune_id, [])]
    for candidate in candidates:
        for unit_id in area.ancestors_and_self(candidate):
            if area.units[unit_id].level == "district":
                return unit_id
    return commune_id


def task_figures(plan: Plan, period: Period, *, today: datetime.date) -> list[TaskFigure]:
    start, end, as_of = _window(plan, period, today)
    tasks = list(plan.tasks.prefetch_related("lead_agencies", "outputs").order_by("position", "pk"))
    updates = (
        TaskUpdate.objects.filter(task__plan=plan, reported_on__lte=end)
        .select_related("entered_by")
        .prefetch_related("outputs")
        .order_by("task_id", "-reported_on", "-entered_at", "-pk")
    )
    latest: dict[int, TaskUpdate] = {}
    for update in updates:
        latest.setdefault(update.task_id, update)
    figures = []
    for task in tasks:
        update = latest.get(task.pk)
        finished = update is not None and update.status in FINISHED
        overdue = (
            not finished
            and task.ends_on is not None
            and task.ends_on < today
            and task.ends_on <= end
            and today >= start
        )
        achieved = {progress.output_id: progress.achieved for progress in update.outputs.all()} if update else {}
        if _OUTPUT_COUNTS and today >= start:
            achieved.update(_counted_outputs(task, start, as_of))
        figures.append(TaskFigure(task=task, latest=update, overdue=overdue, achieved=achieved))
    return figures


def plan_figures(plan: Plan, period: Period, *, today: datetime.date | None = None) -> PlanFigures:
    today = today or timezone.localdate()
    start, end, as_of = _window(plan, period, today)
    area = AreaMap(plan.unit)
    lock = PeriodLock.objects.filter(plan=plan, period_key=period.key).first()
    targets = list(plan.targets.select_related("owner").order_by("position", "pk"))
    stars, quotas, outside = quota_rows(plan, period, area, today=today)
    return PlanFigures(
        plan=plan,
        period=period,
        start=start,
        end=end,
        as_of=as_of,
        today=today,
        area=area,
        targets=target_figures(plan, period, targets, area, today=today, lock=lock),
        quota_stars=stars,
        quotas=quotas,
        outside_quotas=outside,
        tasks=task_figures(plan, period, today=today),
        lock=lock,
    )


def new_products_breakdown(figures: PlanFigures) -> dict:
    """New products of the period by stars, by product group and by today's commune (for the charts)."""
    if not figures.has_started:
        return {"by_stars": {}, "by_group": {}, "by_unit": {}}
    query = IndicatorQuery(start=figures.start, end=figures.as_of, unit_ids=figures.area.unit_ids)
    indicator = indicators.get("new_products")
    certificates = indicator.records(query)
    by_stars: Counter = Counter()
    by_group: Counter = Counter()
    for stars, product_set in certificates.values_list("stars", "product__product_set"):
        by_stars[stars] += 1
        by_group[product_sets.BY_NUMBER[product_set].group] += 1
    return {
        "by_stars": dict(sorted(by_stars.items())),
        "by_group": dict(by_group.most_common()),
        "by_unit": figures.area.roll_up(indicator.by_unit(query)),
    }
