"""What agencies report between plans and reports: task progress, values of targets nothing can compute, and the
closing of a period. A period once closed keeps its figures; anything entered for it later is a late correction,
recorded as such with its reason."""

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.common.domain.activity import log_action, user_or_none
from ocop.common.text import clean_text
from ocop.common.uploads import DOCUMENT_TYPES, check_upload, safe_file_name
from ocop.planning.domain.periods import Period, parse_period, periods_between
from ocop.planning.enums import Cutoff, Source, TaskStatus
from ocop.planning.models import PeriodLock, Plan, ReportedValue, Target, Task, TaskOutputProgress, TaskUpdate


def plan_periods(plan: Plan) -> list[Period]:
    return periods_between(plan.starts_on, plan.ends_on)


def plan_period(plan: Plan, key: str, cutoff: str = Cutoff.CALENDAR) -> Period:
    """The period ``key`` of the plan (its days by ``cutoff``), or a clear error when the plan does not run then."""
    period = parse_period(key, cutoff)
    if period.key not in {p.key for p in plan_periods(plan)}:
        raise ValidationError(
            _("Plan %(plan)s does not run in %(period)s.") % {"plan": plan.reference, "period": period.key},
            code="period_outside_plan",
        )
    return period


def locks_covering(plan: Plan, start: datetime.date, end: datetime.date) -> list[PeriodLock]:
    """Closed periods of the plan that contain the whole of ``start``–``end``."""
    return [
        lock
        for lock in PeriodLock.objects.filter(plan=plan)
        if parse_period(lock.period_key).start <= start and end <= parse_period(lock.period_key).end
    ]


def _late(locks: list[PeriodLock], late_reason: str) -> tuple[bool, str]:
    if not locks:
        return False, ""
    reason = clean_text(late_reason)
    if not reason:
        raise ValidationError(
            {
                "late_reason": _(
                    "Period %(period)s is closed: say why this is corrected late; it will be recorded as a late "
                    "correction."
                )
                % {"period": ", ".join(lock.period_key for lock in locks)}
            },
            code="late_reason_required",
        )
    return True, reason


def _evidence(upload) -> tuple[object, str]:
    if not upload:
        return None, ""
    checked = check_upload(upload, DOCUMENT_TYPES)
    upload.name = safe_file_name(upload.name, checked.extension, "minh-chung")
    return checked.file, checked.mime_type


def _decimal(value, field: str) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation as error:
        raise ValidationError({field: _("Enter a number.")}) from error
    if number < 0:
        raise ValidationError({field: _("The number cannot be negative.")})
    return number


@transaction.atomic
def record_task_update(
    *,
    actor,
    task: Task,
    reported_on: datetime.date,
    status: str,
    note: str = "",
    spent=None,
    achieved: dict | None = None,
    evidence=None,
    late_reason: str = "",
) -> TaskUpdate:
    """The lead agency says where a task stands on ``reported_on``; quantities are what was done so far."""
    if status not in TaskStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    if reported_on > timezone.localdate():
        raise ValidationError({"reported_on": _("The situation cannot be reported for a day still to come.")})
    if reported_on < task.plan.starts_on:
        raise ValidationError({"reported_on": _("The plan had not started on that day.")})
    outputs = {output.pk: output for output in task.outputs.all()}
    amounts = {}
    for output_id, value in (achieved or {}).items():
        if int(output_id) not in outputs:
            raise ValidationError(_("This output does not belong to the task."), code="output")
        amount = _decimal(value, f"output_{output_id}")
        if amount is not None:
            amounts[int(output_id)] = amount
    is_late, reason = _late(locks_covering(task.plan, reported_on, reported_on), late_reason)
    file, mime = _evidence(evidence)
    update = TaskUpdate(
        task=task,
        reported_on=reported_on,
        status=status,
        note=(note or "").strip(),
        spent=_decimal(spent, "spent"),
        evidence_type=mime,
        is_late=is_late,
        late_reason=reason,
        entered_by=user_or_none(actor),
    )
    if file is not None:
        update.evidence.save(file.name, file, save=False)
    update.save()
    TaskOutputProgress.objects.bulk_create(
        TaskOutputProgress(update=update, output=outputs[output_id], achieved=amount)
        for output_id, amount in amounts.items()
    )
    log_action(
        actor=actor,
        verb="planning.task_progress_late" if is_late else "planning.task_progress",
        target=task,
        data={
            "reported_on": reported_on,
            "status": status,
            "achieved": {outputs[output_id].name: amount for output_id, amount in amounts.items()},
            "spent": update.spent,
            "late_reason": reason,
        },
    )
    return update


@transaction.atomic
def record_value(
    *, actor, target: Target, period_key: str, value, note: str = "", evidence=None, late_reason: str = ""
) -> ReportedValue:
    """The owning agency reports a figure for a target no query computes (yet). A newer value supersedes the older
    one; both stay."""
    from ocop.planning.domain.figures import source_of

    if source_of(target) == Source.COMPUTED:
        raise ValidationError(
            _("This target is computed from the records; its figure cannot be typed in."), code="computed"
        )
    period = plan_period(target.plan, period_key)
    number = _decimal(value, "value")
    if number is None:
        raise ValidationError({"value": _("Enter the figure.")})
    is_late, reason = _late(locks_covering(target.plan, period.start, period.end), late_reason)
    file, mime = _evidence(evidence)
    reported = ReportedValue(
        target=target,
        period_key=period.key,
        value=number,
        note=(note or "").strip(),
        evidence_type=mime,
        is_late=is_late,
        late_reason=reason,
        entered_by=user_or_none(actor),
    )
    if file is not None:
        reported.evidence.save(file.name, file, save=False)
    reported.save()
    log_action(
        actor=actor,
        verb="planning.value_reported_late" if is_late else "planning.value_reported",
        target=target,
        data={"period": period.key, "value": number, "late_reason": reason},
    )
    return reported


@transaction.atomic
def closing_refusal(plan: Plan, period: Period, *, today: datetime.date) -> ValidationError | None:
    """Why the period of the plan cannot be closed on ``today``, or None when it may be: a period is closed once it
    is over, and only once."""
    if today <= period.end:
        return ValidationError(_("A period can only be closed once it is over."), code="period_running")
    if PeriodLock.objects.filter(plan=plan, period_key=period.key).exists():
        return ValidationError(_("This period is already closed."), code="period_closed")
    return None


def may_close_period(plan: Plan, period: Period, *, today: datetime.date) -> bool:
    return closing_refusal(plan, period, today=today) is None


def close_period(*, actor, plan: Plan, period_key: str, today: datetime.date | None = None) -> PeriodLock:
    """Close a period of the plan: its figures are kept as they stand; later entries for it are late corrections."""
    from ocop.planning.domain.figures import plan_figures

    period = plan_period(plan, period_key)
    today = today or timezone.localdate()
    if (refusal := closing_refusal(plan, period, today=today)) is not None:
        raise refusal
    figures = plan_figures(plan, period, today=today)
    lock = PeriodLock.objects.create(
        plan=plan,
        period_key=period.key,
        locked_by=user_or_none(actor),
        figures={
            "targets": {
                str(figure.target.pk): None if figure.actual is None else str(figure.actual)
                for figure in figures.targets
            }
        },
    )
    log_action(actor=actor, verb="planning.period_closed", target=plan, data={"period": period.key, **lock.figures})
    return lock
