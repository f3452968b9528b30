"""Permission matrix entries of the plan, target, quota, task and report screens."""

from tests.matrix import NOTHING, OFFICE, OFFICERS

CONTEXT_ORDER = 70


def extend_context(ctx):
    from tests.planning.helpers import make_plan

    ctx |= {"planning": make_plan(with_records=True)}


def _plan(ctx, user):
    return {"pk": ctx["planning"]["plan"].pk}


def _computed_target(ctx, user):
    return {"pk": ctx["planning"]["computed"].pk}


def _reported_target(ctx, user):
    return {"pk": ctx["planning"]["reported"].pk}


def _value(ctx, user):
    return {"pk": ctx["planning"]["value"].pk}


def _quota(ctx, user):
    return {"pk": ctx["planning"]["quota"].pk}


def _task(ctx, user):
    return {"pk": ctx["planning"]["task"].pk}


def _update(ctx, user):
    return {"pk": ctx["planning"]["update"].pk}


def _obligation(ctx, user):
    return {"pk": ctx["planning"]["obligation"].pk}


def _report(ctx, user):
    return {"pk": ctx["planning"]["report"].pk}


def _report_file(ctx, user):
    return {"pk": ctx["planning"]["report"].pk, "fmt": "json"}


ENTRIES = {
    "backoffice:plan_list": ("get", None, OFFICERS, 200),
    "backoffice:plan_create": ("get", None, OFFICE, 200),
    "backoffice:plan_load": ("get", None, OFFICE, 200),
    "backoffice:plan_detail": ("get", _plan, OFFICERS, 200),
    "backoffice:plan_edit": ("get", _plan, OFFICE, 200),
    "backoffice:plan_close_period": ("post", _plan, OFFICE, 302),
    "backoffice:plan_target_create": ("get", _plan, OFFICE, 200),
    "backoffice:plan_target_detail": ("get", _computed_target, OFFICERS, 200),
    "backoffice:plan_target_edit": ("get", _computed_target, OFFICE, 200),
    # Department staff in the matrix work for no organisation: the reported target's agency is another one.
    "backoffice:plan_value_add": ("get", _reported_target, OFFICE, 200),
    "backoffice:plan_value_evidence": ("get", _value, OFFICERS, 200),
    "backoffice:plan_quota_list": ("get", _plan, OFFICERS, 200),
    "backoffice:plan_quota_create": ("get", _plan, OFFICE, 200),
    # The quota is huyện Ninh Phước's: the district officer's unit, and the commune officer's former district.
    "backoffice:plan_quota_detail": ("get", _quota, OFFICERS, 200),
    "backoffice:plan_quota_edit": ("get", _quota, OFFICE, 200),
    "backoffice:plan_task_list": ("get", _plan, OFFICERS, 200),
    "backoffice:plan_task_create": ("get", _plan, OFFICE, 200),
    "backoffice:plan_task_detail": ("get", _task, OFFICERS, 200),
    "backoffice:plan_task_edit": ("get", _task, OFFICE, 200),
    "backoffice:plan_task_progress": ("get", _task, OFFICE, 200),
    "backoffice:plan_task_output_add": ("post", _task, OFFICE, 302),
    "backoffice:plan_task_evidence": ("get", _update, OFFICERS, 200),
    "backoffice:plan_obligation_create": ("get", _plan, OFFICE, 200),
    "backoffice:plan_obligation_edit": ("get", _obligation, OFFICE, 200),
    "backoffice:report_list": ("get", None, OFFICERS, 200),
    "backoffice:report_create": ("get", _plan, OFFICE, 200),
    "backoffice:report_detail": ("get", _report, OFFICERS, 200),
    "backoffice:report_edit": ("get", _report, OFFICE, 200),
    "backoffice:report_issue": ("post", _report, OFFICE, 302),
    "backoffice:report_download": ("get", _report_file, OFFICERS, 200),
}

# What each POST above writes when allowed (tests/matrix.py).
EFFECTS = {
    "backoffice:plan_close_period": NOTHING,
    "backoffice:plan_task_output_add": NOTHING,
    "backoffice:report_issue": NOTHING,
}
