"""Writing a plan and its parts: one function per write, each logged. The loader and the screens call these."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ocop.common.domain.activity import log_action
from ocop.common.domain.changes import apply_changes, ensure_editable
from ocop.common.text import clean_text
from ocop.planning.domain import indicators
from ocop.planning.enums import Cutoff, Direction, Frequency, PlanKind
from ocop.planning.models import Plan, Quota, ReportingObligation, Target, Task, TaskOutput

PLAN_FIELDS = (
    "reference",
    "kind",
    "title",
    "issuing_body",
    "issued_on",
    "signer_authority",
    "signer_title",
    "signer_name",
    "unit",
    "starts_on",
    "ends_on",
    "parent",
    "office",
    "legal_basis",
    "general_objective",
    "funding_note",
    "source_note",
)
TARGET_FIELDS = (
    "code",
    "position",
    "section",
    "text",
    "indicator",
    "filters",
    "unit_label",
    "direction",
    "low",
    "high",
    "baseline",
    "baseline_note",
    "owner",
    "note",
)
QUOTA_FIELDS = ("unit", "stars", "expected", "position", "agency_text")
TASK_FIELDS = (
    "code",
    "section",
    "position",
    "content",
    "lead_text",
    "partner_text",
    "period_text",
    "starts_on",
    "ends_on",
    "funding_source",
    "budget",
    "note",
    "source_note",
)
OUTPUT_FIELDS = ("name", "unit_label", "planned", "position")
OBLIGATION_FIELDS = (
    "position",
    "reporter",
    "reporter_text",
    "recipient_text",
    "frequency",
    "due_days",
    "note",
    "header_superior",
    "header_body",
    "symbol",
    "place",
    "signer_authority",
    "signer_title",
    "signer_name",
    "recipients",
    "cutoff",
)
_MULTILINE = {
    "legal_basis",
    "general_objective",
    "funding_note",
    "source_note",
    "text",
    "content",
    "note",
    "recipients",
}


def _clean(values: dict) -> dict:
    """NFC and trimmed; multi-line fields keep their lines."""
    cleaned = {}
    for name, value in values.items():
        if isinstance(value, str):
            if name in _MULTILINE:
                lines = [clean_text(line) for line in value.replace("\r\n", "\n").split("\n")]
                value = "\n".join(line for line in lines if line)
            else:
                value = clean_text(value)
        cleaned[name] = value
    return cleaned


def _changed_data(changed: dict) -> dict:
    return {"changed": changed}


# Plans --------------------------------------------------------------------------------------------------------------


def _check_plan(plan: Plan) -> None:
    errors = {}
    if not plan.reference:
        errors["reference"] = _("The number and symbol are required.")
    elif Plan.objects.filter(reference__iexact=plan.reference).exclude(pk=plan.pk).exists():
        errors["reference"] = _("A plan with this number and symbol already exists.")
    if not plan.title:
        errors["title"] = _("The title is required.")
    if plan.kind not in PlanKind.values:
        errors["kind"] = _("Unknown kind of plan.")
    if plan.starts_on and plan.ends_on and plan.ends_on < plan.starts_on:
        errors["ends_on"] = _("The period cannot end before it starts.")
    if plan.parent_id and plan.parent_id == plan.pk:
        errors["parent"] = _("A plan cannot be its own parent.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_plan(*, actor, **values) -> Plan:
    ensure_editable(values, PLAN_FIELDS)
    plan = Plan(**_clean(values))
    _check_plan(plan)
    plan.save()
    log_action(
        actor=actor,
        verb="planning.plan_created",
        target=plan,
        data={"reference": plan.reference, "period": [plan.starts_on, plan.ends_on]},
    )
    return plan


@transaction.atomic
def update_plan(*, actor, plan: Plan, **changes) -> Plan:
    changed = apply_changes(plan, _clean(changes), PLAN_FIELDS)
    if not changed:
        return plan
    _check_plan(plan)
    plan.save()
    log_action(actor=actor, verb="planning.plan_updated", target=plan, data=_changed_data(changed))
    return plan


# Targets ------------------------------------------------------------------------------------------------------------


def _check_target(target: Target) -> None:
    errors = {}
    if not target.code:
        errors["code"] = _("The code is required.")
    elif Target.objects.filter(plan=target.plan, code=target.code).exclude(pk=target.pk).exists():
        errors["code"] = _("This plan already has a target with this code.")
    if not target.text:
        errors["text"] = _("Write the target as the plan words it.")
    if target.indicator and indicators.get(target.indicator) is None:
        errors["indicator"] = _("Unknown indicator.")
    else:
        try:
            target.filters = indicators.clean_filters(target.indicator, target.filters)
        except ValidationError as error:
            errors["filters"] = error.messages
    if target.direction not in Direction.values:
        errors["direction"] = _("Unknown direction.")
    if target.low is None or Decimal(target.low) < 0:
        errors["low"] = _("The target value must be zero or more.")
    elif target.high is not None and Decimal(target.high) < Decimal(target.low):
        errors["high"] = _("The top of the range must not be below its bottom.")
    if not target.unit_label:
        errors["unit_label"] = _("The unit is required.")
    if errors:
        raise ValidationError(errors)


def _default_unit_label(values: dict) -> dict:
    indicator = indicators.get(values.get("indicator") or "")
    if not values.get("unit_label") and indicator is not None:
        values["unit_label"] = indicator.unit_label
    return values


@transaction.atomic
def create_target(*, actor, plan: Plan, **values) -> Target:
    ensure_editable(values, TARGET_FIELDS)
    target = Target(plan=plan, **_default_unit_label(_clean(values)))
    _check_target(target)
    target.save()
    log_action(
        actor=actor,
        verb="planning.target_created",
        target=target,
        data={"code": target.code, "indicator": target.indicator, "low": target.low, "high": target.high},
    )
    return target


@transaction.atomic
def update_target(*, actor, target: Target, **changes) -> Target:
    changes = _clean(changes)
    if "unit_label" in changes and not changes["unit_label"]:
        changes = _default_unit_label({"indicator": changes.get("indicator", target.indicator), **changes})
    if "filters" in changes:
        changes["filters"] = indicators.clean_filters(changes.get("indicator", target.indicator), changes["filters"])
    changed = apply_changes(target, changes, TARGET_FIELDS)
    if not changed:
        return target
    _check_target(target)
    target.save()
    log_action(actor=actor, verb="planning.target_updated", target=target, data=_changed_data(changed))
    return target


# Quotas -------------------------------------------------------------------------------------------------------------


def _check_quota(quota: Quota) -> None:
    errors = {}
    if quota.stars not in (3, 4, 5):
        errors["stars"] = _("Stars must be 3, 4 or 5.")
    if quota.expected is None or quota.expected < 0:
        errors["expected"] = _("The number of products must be zero or more.")
    duplicate = Quota.objects.filter(plan=quota.plan, unit=quota.unit, stars=quota.stars).exclude(pk=quota.pk)
    if quota.unit_id and duplicate.exists():
        errors["unit"] = _("This unit already has a quota at this star level.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_quota(*, actor, plan: Plan, **values) -> Quota:
    ensure_editable(values, QUOTA_FIELDS)
    quota = Quota(plan=plan, **_clean(values))
    _check_quota(quota)
    quota.save()
    log_action(
        actor=actor,
        verb="planning.quota_created",
        target=quota,
        data={"unit": quota.unit.code, "stars": quota.stars, "expected": quota.expected},
    )
    return quota


@transaction.atomic
def update_quota(*, actor, quota: Quota, **changes) -> Quota:
    changed = apply_changes(quota, _clean(changes), QUOTA_FIELDS)
    if not changed:
        return quota
    _check_quota(quota)
    quota.save()
    log_action(actor=actor, verb="planning.quota_updated", target=quota, data=_changed_data(changed))
    return quota


# Tasks --------------------------------------------------------------------------------------------------------------


def _check_task(task: Task) -> None:
    errors = {}
    if not task.code:
        errors["code"] = _("The code is required.")
    elif Task.objects.filter(plan=task.plan, code=task.code).exclude(pk=task.pk).exists():
        errors["code"] = _("This plan already has a task with this code.")
    if not task.content:
        errors["content"] = _("Describe the task.")
    if task.starts_on and task.ends_on and task.ends_on < task.starts_on:
        errors["ends_on"] = _("The period cannot end before it starts.")
    if task.budget is not None and task.budget < 0:
        errors["budget"] = _("The budget cannot be negative.")
    if errors:
        raise ValidationError(errors)


def _agency_names(agencies) -> list[str]:
    return sorted(agency.name for agency in agencies)


@transaction.atomic
def create_task(*, actor, plan: Plan, lead_agencies=(), **values) -> Task:
    ensure_editable(values, TASK_FIELDS)
    task = Task(plan=plan, **_clean(values))
    _check_task(task)
    task.save()
    task.lead_agencies.set(lead_agencies)
    log_action(
        actor=actor,
        verb="planning.task_created",
        target=task,
        data={"code": task.code, "lead_agencies": _agency_names(lead_agencies)},
    )
    return task


@transaction.atomic
def update_task(*, actor, task: Task, lead_agencies=None, **changes) -> Task:
    changed = apply_changes(task, _clean(changes), TASK_FIELDS)
    if lead_agencies is not None:
        before = set(task.lead_agencies.values_list("pk", flat=True))
        if before != {agency.pk for agency in lead_agencies}:
            task.lead_agencies.set(lead_agencies)
            changed["lead_agencies"] = ", ".join(_agency_names(lead_agencies))
    if not changed:
        return task
    _check_task(task)
    task.save()
    log_action(actor=actor, verb="planning.task_updated", target=task, data=_changed_data(changed))
    return task


def _check_output(output: TaskOutput) -> None:
    errors = {}
    if not output.name:
        errors["name"] = _("Name the output.")
    elif TaskOutput.objects.filter(task=output.task, name=output.name).exclude(pk=output.pk).exists():
        errors["name"] = _("This task already has an output with this name.")
    if not output.unit_label:
        errors["unit_label"] = _("The unit is required.")
    if output.planned is None or Decimal(output.planned) < 0:
        errors["planned"] = _("The planned quantity must be zero or more.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def add_task_output(*, actor, task: Task, **values) -> TaskOutput:
    ensure_editable(values, OUTPUT_FIELDS)
    output = TaskOutput(task=task, **_clean(values))
    _check_output(output)
    output.save()
    log_action(
        actor=actor,
        verb="planning.task_output_added",
        target=task,
        data={"output": output.name, "planned": output.planned, "unit": output.unit_label},
    )
    return output


@transaction.atomic
def update_task_output(*, actor, output: TaskOutput, **changes) -> TaskOutput:
    changed = apply_changes(output, _clean(changes), OUTPUT_FIELDS)
    if not changed:
        return output
    _check_output(output)
    output.save()
    log_action(
        actor=actor,
        verb="planning.task_output_updated",
        target=output.task,
        data={"output": output.name, **_changed_data(changed)},
    )
    return output


# Reporting obligations ----------------------------------------------------------------------------------------------


def _check_obligation(obligation: ReportingObligation) -> None:
    errors = {}
    if not obligation.recipient_text:
        errors["recipient_text"] = _("Say to whom the report goes.")
    if not obligation.reporter_id and not obligation.reporter_text:
        errors["reporter"] = _("Say who reports.")
    if obligation.frequency not in Frequency.values:
        errors["frequency"] = _("Unknown frequency.")
    if obligation.cutoff not in Cutoff.values:
        errors["cutoff"] = _("Unknown reporting cut-off.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_obligation(*, actor, plan: Plan, **values) -> ReportingObligation:
    ensure_editable(values, OBLIGATION_FIELDS)
    obligation = ReportingObligation(plan=plan, **_clean(values))
    _check_obligation(obligation)
    obligation.save()
    log_action(
        actor=actor,
        verb="planning.obligation_created",
        target=plan,
        data={
            "reporter": obligation.reporter_text or str(obligation.reporter),
            "recipient": obligation.recipient_text,
            "frequency": obligation.frequency,
        },
    )
    return obligation


@transaction.atomic
def update_obligation(*, actor, obligation: ReportingObligation, **changes) -> ReportingObligation:
    changed = apply_changes(obligation, _clean(changes), OBLIGATION_FIELDS)
    if not changed:
        return obligation
    _check_obligation(obligation)
    obligation.save()
    log_action(
        actor=actor,
        verb="planning.obligation_updated",
        target=obligation.plan,
        data={"obligation": obligation.pk, **_changed_data(changed)},
    )
    return obligation
