"""A plan's figures as plain JSON: what ``ocop report --format json`` prints and what an issued report freezes.

Labels are the Vietnamese wording official documents use (data, whatever the screen language); codes sit beside
them for machines. Numbers are JSON numbers: counts as integers, values and percentages with their decimals.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from ocop.planning.domain import review
from ocop.planning.domain.figures import PlanFigures, new_products_breakdown, target_text
from ocop.planning.enums import Direction, Frequency, Progress, Source, TaskStatus

SCHEMA = "ocop-plan-figures/1"
PROGRESS_VI = {
    Progress.MET: "Đạt",
    Progress.EXCEEDED: "Vượt kế hoạch",
    Progress.ON_TRACK: "Đúng tiến độ",
    Progress.AT_RISK: "Có nguy cơ không đạt",
    Progress.BEHIND: "Chậm tiến độ",
    Progress.MISSED: "Không đạt",
    Progress.NO_DATA: "Chưa có số liệu",
}
TASK_STATUS_VI = {
    TaskStatus.NOT_STARTED: "Chưa triển khai",
    TaskStatus.IN_PROGRESS: "Đang thực hiện",
    TaskStatus.DONE: "Hoàn thành",
    TaskStatus.CANCELLED: "Dừng thực hiện",
}
SOURCE_VI = {Source.COMPUTED: "Tính từ cơ sở dữ liệu", Source.REPORTED: "Đơn vị báo cáo"}
FREQUENCY_VI = {
    Frequency.SIX_MONTHLY: "6 tháng",
    Frequency.ANNUAL: "hằng năm",
    Frequency.PERIODIC: "định kỳ",
    Frequency.AD_HOC: "đột xuất",
}


def number(value):
    """Decimal → int when whole, float otherwise; None stays None."""
    if value is None:
        return None
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


def _day(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def _targets(figures: PlanFigures) -> list[dict]:
    rows = []
    for figure in figures.targets:
        target = figure.target
        indicator = figure.indicator
        measurement = figure.measurement
        reported = figure.reported
        rows.append(
            {
                "id": target.pk,
                "code": target.code,
                "section": target.section,
                "text": target.text,
                "indicator": target.indicator or None,
                "indicator_name": str(indicator.name) if indicator else None,
                "filters": target.filters,
                "source": figure.source.value,
                "source_label": SOURCE_VI[figure.source],
                "unit": target.unit_label,
                "direction": target.direction,
                "target": {"low": number(target.low), "high": number(target.high)},
                "target_text": target_text(target),
                "baseline": number(target.baseline),
                "actual": number(figure.actual),
                "numerator": measurement.numerator if measurement else None,
                "denominator": measurement.denominator if measurement else None,
                "percent": number(figure.assessment.percent),
                "met": figure.assessment.met,
                "progress": figure.assessment.progress.value,
                "progress_label": PROGRESS_VI[figure.assessment.progress],
                "light": figure.assessment.light.value,
                "owner": target.owner.name if target.owner else None,
                "reported": None
                if reported is None
                else {
                    "value": number(reported.value),
                    "entered_at": reported.entered_at.isoformat(),
                    "entered_by": str(reported.entered_by) if reported.entered_by else None,
                    "late": reported.is_late,
                    "late_reason": reported.late_reason,
                    "note": reported.note,
                },
                "closed_actual": number(figure.locked_actual) if figure.locked else None,
                "changed_since_closing": figure.changed_since_lock,
                "note": target.note,
            }
        )
    return rows


def _quota_row(row, stars_levels: list[int]) -> dict:
    return {
        "unit": row.unit_name,
        "unit_code": row.unit_code,
        "agency": row.agency_text,
        "expected": {str(stars): row.expected.get(stars, 0) for stars in stars_levels} | {"total": row.total_expected},
        "actual": {str(stars): row.actual.get(stars, 0) for stars in stars_levels}
        | {"total": sum(row.actual.get(stars, 0) for stars in stars_levels)},
        "percent": number(row.percent),
    }


def _quotas(figures: PlanFigures) -> dict:
    stars = figures.quota_stars
    return {
        "indicator": "recognised_products",
        "stars": stars,
        "rows": [_quota_row(row, stars) for row in figures.quotas],
        "total": _quota_row(figures.quota_totals, stars) if figures.quotas else None,
        "outside": [_quota_row(row, stars) for row in figures.outside_quotas],
    }


def _tasks(figures: PlanFigures) -> dict:
    rows = []
    for figure in figures.tasks:
        task, update = figure.task, figure.latest
        rows.append(
            {
                "code": task.code,
                "section": task.section,
                "content": task.content,
                "topic": review.topic_of(task),
                "lead": task.lead_text or ", ".join(org.name for org in task.lead_agencies.all()),
                "partners": task.partner_text,
                "period": task.period_text,
                "starts_on": _day(task.starts_on),
                "ends_on": _day(task.ends_on),
                "budget": number(task.budget),
                "funding_source": task.funding_source,
                "outputs": [
                    {
                        "name": output.name,
                        "unit": output.unit_label,
                        "planned": number(output.planned),
                        "achieved": number(figure.achieved.get(output.pk)),
                    }
                    for output in task.outputs.all()
                ],
                "status": figure.status.value,
                "status_label": TASK_STATUS_VI[figure.status],
                "overdue": figure.overdue,
                "reported_on": _day(update.reported_on) if update else None,
                "progress_note": update.note if update else "",
                "spent": number(update.spent) if update else None,
                "late": update.is_late if update else False,
                "source_note": task.source_note,
            }
        )
    counts = figures.task_counts
    return {
        "rows": rows,
        "total": len(rows),
        "counts": {status: counts[status] for status in TaskStatus.values},
        "overdue": len(figures.overdue_tasks),
    }


def _stars(counts: dict[int, int]) -> dict[str, int]:
    return {str(stars): count for stars, count in counts.items()}


def _review(figures: PlanFigures) -> dict:
    span = review.window(figures)
    evaluation = review.evaluation(figures)
    return {
        "start": _day(span.start),
        "end": _day(span.end),
        "evaluation": {
            **evaluation,
            "new": _stars(evaluation["new"]),
            "recognised": _stars(evaluation["recognised"]),
            "holding": _stars(evaluation["holding"]),
        },
        "supervision": review.supervision(figures),
        "funding": [
            {"source": row["source"], "planned": number(row["planned"]), "spent": number(row["spent"])}
            for row in review.funding(figures)
        ],
        "annex": review.annex(figures),
    }


def snapshot(figures: PlanFigures) -> dict:
    plan = figures.plan
    breakdown = new_products_breakdown(figures)
    units = figures.area.units
    return {
        "schema": SCHEMA,
        "generated_at": timezone.localtime().isoformat(timespec="seconds"),
        "as_of": _day(figures.as_of),
        "plan": {
            "reference": plan.reference,
            "title": plan.title,
            "kind": plan.kind,
            "issuing_body": plan.issuing_body,
            "issued_on": _day(plan.issued_on),
            "signer": plan.signer_name,
            "area": plan.unit.name,
            "starts_on": _day(plan.starts_on),
            "ends_on": _day(plan.ends_on),
            "parent": plan.parent.reference if plan.parent_id else None,
            "office": plan.office.name if plan.office_id else None,
        },
        "period": {
            "key": figures.period.key,
            "label": figures.period.label_vi,
            "start": _day(figures.start),
            "end": _day(figures.end),
            "cutoff": figures.period.cutoff,
            "closed": figures.lock is not None,
        },
        "targets": _targets(figures),
        "quotas": _quotas(figures),
        "new_products": {
            "by_stars": {str(stars): count for stars, count in breakdown["by_stars"].items()},
            "by_group": breakdown["by_group"],
            "by_unit": [
                {"unit": units[unit_id].name, "unit_code": units[unit_id].code, "count": count}
                for unit_id, count in sorted(breakdown["by_unit"].items(), key=lambda item: units[item[0]].code)
                if unit_id in units
            ],
        },
        "tasks": _tasks(figures),
        "review": _review(figures),
        "obligations": [
            {
                "reporter": obligation.reporter_text or (obligation.reporter.name if obligation.reporter else ""),
                "recipient": obligation.recipient_text,
                "frequency": obligation.frequency,
                "frequency_label": FREQUENCY_VI[obligation.frequency],
                "due_days": obligation.due_days,
            }
            for obligation in plan.obligations.select_related("reporter")
        ],
        "directions": {Direction.AT_LEAST: "tối thiểu", Direction.AT_MOST: "tối đa"},
    }
