"""Loading the plan records a user may open, and what every planning page shares: the plan's address, the
breadcrumbs, the period chosen."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.planning.domain import progress
from ocop.planning.domain.periods import default_period
from ocop.planning.domain.queries import visible_plans
from ocop.planning.models import Plan, Quota, ReportedValue, ReportingObligation, Target, Task, TaskUpdate
from ocop.reports.models import PlanReport


def load_plan(request, pk, **_route):
    return get_object_or_404(visible_plans(request.user).select_related("unit", "parent", "office"), pk=pk)


def load_target(request, pk, **_route):
    return get_object_or_404(
        Target.objects.filter(plan__in=visible_plans(request.user)).select_related("plan__unit", "owner"), pk=pk
    )


def load_quota(request, pk, **_route):
    return get_object_or_404(
        Quota.objects.filter(plan__in=visible_plans(request.user)).select_related("plan__unit", "unit"), pk=pk
    )


def load_task(request, pk, **_route):
    return get_object_or_404(
        Task.objects.filter(plan__in=visible_plans(request.user))
        .select_related("plan__unit")
        .prefetch_related("lead_agencies", "outputs"),
        pk=pk,
    )


def load_obligation(request, pk, **_route):
    return get_object_or_404(
        ReportingObligation.objects.filter(plan__in=visible_plans(request.user)).select_related("plan"), pk=pk
    )


def load_update(request, pk, **_route):
    return get_object_or_404(TaskUpdate.objects.filter(task__plan__in=visible_plans(request.user)), pk=pk)


def load_value(request, pk, **_route):
    return get_object_or_404(ReportedValue.objects.filter(target__plan__in=visible_plans(request.user)), pk=pk)


def load_report(request, pk, **_route):
    if not request.user.has_perm("planning.view_plans"):
        raise Http404
    return get_object_or_404(
        PlanReport.objects.filter(plan__in=visible_plans(request.user)).select_related(
            "plan__unit", "obligation", "issued_by"
        ),
        pk=pk,
    )


def plan_url(plan: Plan, period=None) -> str:
    url = reverse("backoffice:plan_detail", args=[plan.pk])
    return f"{url}?period={period.key}" if period is not None else url


def crumbs(plan: Plan | None = None, *extra):
    crumbs = [(_("Plans and targets"), reverse("backoffice:plan_list"))]
    if plan is not None:
        crumbs.append((plan.reference, plan_url(plan)))
    return [*crumbs, *extra]


def chosen_period(request, plan: Plan):
    periods = progress.plan_periods(plan)
    key = request.GET.get("period")
    chosen = next((period for period in periods if period.key == key), None)
    return chosen or default_period(periods, timezone.localdate()), periods
