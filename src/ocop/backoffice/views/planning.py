"""Plans, targets, quotas, tasks and their reports: the plan at a glance, drill-downs to the records behind each
computed figure, progress reporting by the agencies, and the report drafted, issued and downloaded by the office."""

import datetime

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ocop.accounts.domain.scope import scope_of
from ocop.backoffice.access import paginate, require_perm
from ocop.backoffice.files import attachment_response
from ocop.backoffice.forms import act_and_return, add_domain_errors, form_page, save_form
from ocop.common.domain.activity import history_of
from ocop.planning.domain import indicators, plans, progress
from ocop.planning.domain.areas import AreaMap
from ocop.planning.domain.figures import (
    new_products_breakdown,
    plan_figures,
    quota_query,
    quota_rows,
    quota_totals,
    target_figures,
    task_figures,
)
from ocop.planning.domain.indicators import CERTIFICATES, CRAFT_VILLAGES, DOSSIERS, PRODUCERS, IndicatorQuery
from ocop.planning.domain.loader import load_plan_data
from ocop.planning.domain.periods import default_period
from ocop.planning.domain.queries import sees_whole_area, visible_plans, visible_quota_units
from ocop.planning.enums import Source, TaskStatus
from ocop.planning.interfaces.forms import (
    ClosePeriodForm,
    ObligationForm,
    PlanFileForm,
    PlanForm,
    QuotaForm,
    ReportCreateForm,
    TargetForm,
    TaskForm,
    TaskOutputForm,
    TaskProgressForm,
    ValueForm,
)
from ocop.planning.models import Plan, Quota, ReportedValue, ReportingObligation, Target, Task, TaskUpdate
from ocop.reports.domain import plan_reports
from ocop.reports.domain.wording import auto_narrative
from ocop.reports.interfaces import charts, files
from ocop.reports.interfaces.document import official_document
from ocop.reports.interfaces.forms import ReportEditForm, ReportIssueForm
from ocop.reports.models import PlanReport, ReportStatus

STATUS_TONE = {
    TaskStatus.DONE: "ok",
    TaskStatus.IN_PROGRESS: "warn",
    TaskStatus.NOT_STARTED: "off",
    TaskStatus.CANCELLED: "bad",
}


# Loading and helpers ------------------------------------------------------------------------------------------------


def _load_plan(request, pk, **_route):
    return get_object_or_404(visible_plans(request.user).select_related("unit", "parent", "office"), pk=pk)


def _load_target(request, pk, **_route):
    return get_object_or_404(
        Target.objects.filter(plan__in=visible_plans(request.user)).select_related("plan__unit", "owner"), pk=pk
    )


def _load_quota(request, pk, **_route):
    return get_object_or_404(
        Quota.objects.filter(plan__in=visible_plans(request.user)).select_related("plan__unit", "unit"), pk=pk
    )


def _load_task(request, pk, **_route):
    return get_object_or_404(
        Task.objects.filter(plan__in=visible_plans(request.user))
        .select_related("plan__unit")
        .prefetch_related("lead_agencies", "outputs"),
        pk=pk,
    )


def _load_obligation(request, pk, **_route):
    return get_object_or_404(
        ReportingObligation.objects.filter(plan__in=visible_plans(request.user)).select_related("plan"), pk=pk
    )


def _load_update(request, pk, **_route):
    return get_object_or_404(TaskUpdate.objects.filter(task__plan__in=visible_plans(request.user)), pk=pk)


def _load_value(request, pk, **_route):
    return get_object_or_404(ReportedValue.objects.filter(target__plan__in=visible_plans(request.user)), pk=pk)


def _load_report(request, pk, **_route):
    if not request.user.has_perm("planning.view_plans"):
        raise Http404
    return get_object_or_404(PlanReport.objects.select_related("plan__unit", "obligation", "issued_by"), pk=pk)


def _plan_url(plan: Plan, period=None) -> str:
    url = reverse("backoffice:plan_detail", args=[plan.pk])
    return f"{url}?period={period.key}" if period is not None else url


def _crumbs(plan: Plan | None = None, *extra):
    crumbs = [(_("Plans and targets"), reverse("backoffice:plan_list"))]
    if plan is not None:
        crumbs.append((plan.reference, _plan_url(plan)))
    return [*crumbs, *extra]


def _period(request, plan: Plan):
    periods = progress.plan_periods(plan)
    key = request.GET.get("period")
    chosen = next((period for period in periods if period.key == key), None)
    return chosen or default_period(periods, timezone.localdate()), periods


def _visible_records(user, indicator, query):
    """The records behind a computed figure that the user may open (the figure itself counts the whole area)."""
    from ocop.producers.domain.queries import producer_visibility

    records = indicator.records(query)
    kind = indicator.record_kind
    if kind in (CERTIFICATES, DOSSIERS):
        condition = producer_visibility(user, "producer__")
        records = records.none() if condition is None else records.filter(condition)
        if kind == CERTIFICATES:
            return records.select_related("product", "producer__unit__parent", "decision").order_by("-issued_on", "pk")
        return records.select_related("product", "producer__unit").order_by("-filed_on", "pk")
    if kind == PRODUCERS:
        condition = producer_visibility(user)
        records = records.none() if condition is None else records.filter(condition)
        return records.select_related("unit__parent", "craft_village").order_by("name", "pk")
    if kind == CRAFT_VILLAGES:
        scope = scope_of(user)
        if not scope.everything:
            records = records.filter(unit__in=scope.unit_ids)
        return records.select_related("unit__parent").order_by("name", "pk")
    return records


# Plans --------------------------------------------------------------------------------------------------------------


@require_perm("planning.view_plans")
def plan_list(request):
    rows = visible_plans(request.user).select_related("unit", "parent", "office").order_by("-starts_on", "reference")
    return render(
        request,
        "planning/plan_list.html",
        {
            "page": paginate(request, rows),
            "breadcrumbs": [(_("Plans and targets"), None)],
            "can_manage": request.user.has_perm("planning.manage_plans"),
        },
    )


@require_perm("planning.manage_plans")
def plan_create(request):
    form = PlanForm(request.POST or None)
    plan = save_form(request, form, lambda data: plans.create_plan(actor=request.user, **data))
    if plan:
        messages.success(request, _("Plan %(reference)s created.") % {"reference": plan.reference})
        return redirect(_plan_url(plan))
    return form_page(request, form, title=_("New plan"), breadcrumbs=_crumbs(None, (_("New plan"), None)))


@require_perm("planning.manage_plans", load_object=_load_plan)
def plan_edit(request, pk, obj):
    form = PlanForm(request.POST or None, instance=obj)
    if save_form(request, form, lambda data: plans.update_plan(actor=request.user, plan=obj, **data)):
        messages.success(request, _("Plan saved."))
        return redirect(_plan_url(obj))
    return form_page(request, form, title=_("Edit plan"), breadcrumbs=_crumbs(obj, (_("Edit"), None)))


@require_perm("planning.manage_plans")
def plan_load(request):
    form = PlanFileForm(request.POST or None, request.FILES or None)
    result = save_form(request, form, lambda data: load_plan_data(data["file"], actor=request.user))
    if result:
        created = sum(result.created.values())
        updated = sum(result.updated.values())
        messages.success(
            request,
            _("Loaded %(plans)s: %(created)s records created, %(updated)s updated.")
            % {"plans": ", ".join(plan.reference for plan in result.plans), "created": created, "updated": updated},
        )
        return redirect(_plan_url(result.plans[-1]))
    return form_page(
        request,
        form,
        title=_("Load a plan from a file"),
        breadcrumbs=_crumbs(None, (_("Load from a file"), None)),
        submit_label=_("Check and load"),
        intro=_(
            "The file is checked as a whole first: nothing is written unless every part is correct. Loading the same "
            "file again changes nothing; a corrected file updates what it names. The format is described in the "
            "documentation (docs/planning.md)."
        ),
    )


def _target_rows(user, figures, period):
    rows = []
    for figure in figures.targets:
        assessment = figure.assessment
        rows.append(
            {
                "figure": figure,
                "bar": charts.progress_bar(
                    assessment.percent,
                    assessment.light.value,
                    title=_("%(code)s: %(percent)s%% achieved")
                    % {"code": figure.target.code, "percent": assessment.percent if assessment.percent else "–"},
                ),
                "can_report": figure.source == Source.REPORTED
                and user.has_perm("planning.report_value", figure.target),
            }
        )
    return rows


def _obligation_routes(plan: Plan) -> list[tuple[str, list[ReportingObligation]]]:
    """Reporting obligations grouped by who reports to whom."""
    routes: dict[str, list[ReportingObligation]] = {}
    for obligation in plan.obligations.select_related("reporter"):
        reporter = obligation.reporter_text or (obligation.reporter.name if obligation.reporter else "")
        routes.setdefault(f"{reporter} → {obligation.recipient_text}", []).append(obligation)
    return list(routes.items())


@require_perm("planning.view_plans", load_object=_load_plan)
def plan_detail(request, pk, obj):
    user = request.user
    period, periods = _period(request, obj)
    if period is None:
        raise Http404
    figures = plan_figures(obj, period)
    visible_units = visible_quota_units(user, figures.area, [row.unit_id for row in figures.quotas])
    whole_area = sees_whole_area(user, figures.area)
    quota_rows = [row for row in figures.quotas if row.unit_id in visible_units]
    quota_bars = [
        charts.QuotaBar(row.agency_text or row.unit_name, row.total_expected, row.actual)
        for row in quota_rows + (figures.outside_quotas if whole_area else [])
    ]
    breakdown = new_products_breakdown(figures)
    counts = figures.task_counts
    status_parts = [
        (TaskStatus(status).label, counts[status], colour)
        for status, colour in (
            (TaskStatus.DONE, charts.GREEN),
            (TaskStatus.IN_PROGRESS, charts.GOLD),
            (TaskStatus.NOT_STARTED, charts.GREY),
            (TaskStatus.CANCELLED, charts.RED),
        )
    ]
    tiles = [
        charts.Tile(unit.short_name or unit.name, breakdown["by_unit"].get(unit.id, 0))
        for unit in figures.area.current_communes()
    ]
    context = {
        "plan": obj,
        "period": period,
        "periods": periods,
        "figures": figures,
        "target_rows": _target_rows(user, figures, period),
        "quota_rows": quota_rows,
        "quota_totals": figures.quota_totals if whole_area and figures.quotas else None,
        "outside_quotas": figures.outside_quotas if whole_area else [],
        "quota_chart": charts.quota_chart(
            quota_bars,
            figures.quota_stars,
            title=_("Products recognised against the quotas"),
            labels={"expected": _("Planned"), "actual": _("Recognised")},
        )
        if quota_bars
        else "",
        "by_stars": breakdown["by_stars"],
        "by_group": breakdown["by_group"],
        "tile_chart": charts.tile_map(tiles, title=_("New products by today's commune")) if tiles else "",
        "task_chart": charts.stacked_bar(status_parts, title=_("Tasks by status")) if figures.tasks else "",
        "overdue": figures.overdue_tasks[:10],
        "overdue_count": len(figures.overdue_tasks),
        "obligations": _obligation_routes(obj),
        "children": obj.children.order_by("starts_on"),
        "reports": obj.reports.select_related("issued_by").order_by("-created_at")[:5],
        "can_manage": user.has_perm("planning.manage_plans"),
        "can_report": user.has_perm("reports.manage_reports"),
        "breadcrumbs": _crumbs(None, (obj.reference, None)),
    }
    if (
        user.has_perm("planning.close_period")
        and figures.lock is None
        and timezone.localdate() > period.end
        and period.start <= obj.ends_on
    ):
        context["close_form"] = ClosePeriodForm(plan=obj, initial={"period_key": period.key})
    return render(request, "planning/plan_detail.html", context)


@require_POST
@require_perm("planning.close_period", load_object=_load_plan)
def plan_close_period(request, pk, obj):
    form = ClosePeriodForm(request.POST, plan=obj)
    return act_and_return(
        request,
        form,
        lambda data: progress.close_period(actor=request.user, plan=obj, period_key=data["period_key"]),
        _("The period is closed; later entries for it will be recorded as late corrections."),
        _plan_url(obj),
    )


# Targets ------------------------------------------------------------------------------------------------------------


@require_perm("planning.manage_plans", load_object=_load_plan)
def plan_target_create(request, pk, obj):
    form = TargetForm(request.POST or None)
    target = save_form(
        request, form, lambda _data: plans.create_target(actor=request.user, plan=obj, **form.domain_values())
    )
    if target:
        messages.success(request, _("Target %(code)s added.") % {"code": target.code})
        return redirect(_plan_url(obj))
    return form_page(request, form, title=_("New target"), breadcrumbs=_crumbs(obj, (_("New target"), None)))


@require_perm("planning.manage_plans", load_object=_load_target)
def plan_target_edit(request, pk, obj):
    form = TargetForm(request.POST or None, target=obj)
    if save_form(
        request, form, lambda _data: plans.update_target(actor=request.user, target=obj, **form.domain_values())
    ):
        messages.success(request, _("Target saved."))
        return redirect("backoffice:plan_target_detail", pk=obj.pk)
    return form_page(
        request,
        form,
        title=_("Edit target %(code)s") % {"code": obj.code},
        breadcrumbs=_crumbs(obj.plan, (obj.code, None)),
    )


@require_perm("planning.view_plans", load_object=_load_target)
def plan_target_detail(request, pk, obj):
    plan = obj.plan
    period, periods = _period(request, plan)
    if period is None:
        raise Http404
    area = AreaMap(plan.unit)
    lock = plan.locks.filter(period_key=period.key).first()
    figure = target_figures(plan, period, [obj], area, today=timezone.localdate(), lock=lock)[0]
    indicator = figure.indicator
    page = None
    if figure.source == Source.COMPUTED and indicator.records is not None and figure.measurement is not None:
        page = paginate(request, _visible_records(request.user, indicator, figure.query))
    values = obj.reported_values.select_related("entered_by").order_by("-entered_at", "-pk")
    return render(
        request,
        "planning/target_detail.html",
        {
            "plan": plan,
            "target": obj,
            "period": period,
            "periods": periods,
            "figure": figure,
            "indicator": indicator,
            "record_kind": indicator.record_kind if indicator else "",
            "page": page,
            "values": values,
            "can_report": figure.source == Source.REPORTED and request.user.has_perm("planning.report_value", obj),
            "can_manage": request.user.has_perm("planning.manage_plans"),
            "history": history_of(obj)[:20],
            "breadcrumbs": _crumbs(plan, (obj.code, None)),
        },
    )


@require_perm("planning.report_value", load_object=_load_target)
def plan_value_add(request, pk, obj):
    form = ValueForm(
        request.POST or None, request.FILES or None, plan=obj.plan, initial={"period_key": request.GET.get("period")}
    )
    value = save_form(request, form, lambda data: progress.record_value(actor=request.user, target=obj, **data))
    if value:
        note = _(" (recorded as a late correction)") if value.is_late else ""
        messages.success(request, _("Figure recorded%(note)s.") % {"note": note})
        return redirect(reverse("backoffice:plan_target_detail", args=[obj.pk]) + f"?period={value.period_key}")
    return form_page(
        request,
        form,
        title=_("Report the figure of target %(code)s") % {"code": obj.code},
        breadcrumbs=_crumbs(
            obj.plan, (obj.code, reverse("backoffice:plan_target_detail", args=[obj.pk])), (_("Report"), None)
        ),
        intro=obj.text,
    )


@require_perm("planning.view_plans", load_object=_load_value)
def plan_value_evidence(request, pk, obj):
    return attachment_response(obj.evidence)


# Quotas -------------------------------------------------------------------------------------------------------------


@require_perm("planning.view_plans", load_object=_load_plan)
def plan_quota_list(request, pk, obj):
    period, periods = _period(request, obj)
    if period is None:
        raise Http404
    area = AreaMap(obj.unit)
    stars, quotas, outside = quota_rows(obj, period, area, today=timezone.localdate())
    visible_units = visible_quota_units(request.user, area, [row.unit_id for row in quotas])
    whole_area = sees_whole_area(request.user, area)
    totals = quota_totals(quotas, stars)

    def line(row, label):
        return {
            "label": label,
            "cells": [(row.expected.get(s), row.actual.get(s, 0), row.quota_ids.get(s)) for s in stars],
            "total_actual": row.total_actual,
            "total_expected": row.total_expected,
            "percent": row.percent,
        }

    return render(
        request,
        "planning/quota_list.html",
        {
            "plan": obj,
            "period": period,
            "periods": periods,
            "stars": stars,
            "rows": [line(row, row.agency_text or row.unit_name) for row in quotas if row.unit_id in visible_units],
            "outside": [line(row, row.unit_name) for row in outside] if whole_area else [],
            "totals": line(totals, _("Total")) if whole_area and quotas else None,
            "can_manage": request.user.has_perm("planning.manage_plans"),
            "breadcrumbs": _crumbs(obj, (_("Quotas by unit"), None)),
        },
    )


@require_perm("planning.manage_plans", load_object=_load_plan)
def plan_quota_create(request, pk, obj):
    form = QuotaForm(request.POST or None, plan=obj)
    quota = save_form(request, form, lambda data: plans.create_quota(actor=request.user, plan=obj, **data))
    if quota:
        messages.success(request, _("Quota added."))
        return redirect("backoffice:plan_quota_list", pk=obj.pk)
    return form_page(request, form, title=_("New quota"), breadcrumbs=_crumbs(obj, (_("New quota"), None)))


@require_perm("planning.manage_plans", load_object=_load_quota)
def plan_quota_edit(request, pk, obj):
    form = QuotaForm(request.POST or None, instance=obj, plan=obj.plan)
    if save_form(request, form, lambda data: plans.update_quota(actor=request.user, quota=obj, **data)):
        messages.success(request, _("Quota saved."))
        return redirect("backoffice:plan_quota_list", pk=obj.plan.pk)
    return form_page(request, form, title=_("Edit quota"), breadcrumbs=_crumbs(obj.plan, (_("Edit quota"), None)))


@require_perm("planning.view_plans", load_object=_load_quota)
def plan_quota_detail(request, pk, obj):
    plan = obj.plan
    area = AreaMap(plan.unit)
    visible = visible_quota_units(request.user, area, [obj.unit_id])
    if obj.unit_id not in visible:
        raise Http404
    period, periods = _period(request, plan)
    if period is None:
        raise Http404
    order = list(plan.quotas.order_by("position", "unit__code").values_list("unit_id", flat=True).distinct())
    order = list(dict.fromkeys(order))
    communes = frozenset(
        unit.id
        for unit in area.units.values()
        if unit.level == "commune" and area.quota_unit_for(unit.id, order) == obj.unit_id
    )
    base = quota_query(plan, period, area, stars=obj.stars, today=timezone.localdate())
    query = IndicatorQuery(start=base.start, end=base.end, unit_ids=communes, filters=base.filters)
    indicator = indicators.get("recognised_products")
    records = _visible_records(request.user, indicator, query)
    return render(
        request,
        "planning/quota_detail.html",
        {
            "plan": plan,
            "quota": obj,
            "period": period,
            "periods": periods,
            "actual": indicator.compute(query).value if timezone.localdate() >= query.start else 0,
            "indicator": indicator,
            "record_kind": indicator.record_kind,
            "page": paginate(request, records),
            "breadcrumbs": _crumbs(
                plan,
                (_("Quotas by unit"), reverse("backoffice:plan_quota_list", args=[plan.pk])),
                (str(obj.unit), None),
            ),
        },
    )


# Tasks --------------------------------------------------------------------------------------------------------------


class TaskFilterForm(forms.Form):
    section = forms.ChoiceField(label=_("Section"), required=False)
    lead = forms.ChoiceField(label=_("Lead agency"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All statuses")), *TaskStatus.choices], required=False
    )
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    mine = forms.BooleanField(label=_("My organisation's"), required=False)

    def __init__(self, *args, tasks, **kwargs):
        super().__init__(*args, **kwargs)
        sections = sorted({task.section for task in tasks if task.section})
        self.fields["section"].choices = [("", _("All sections")), *[(s, s) for s in sections]]
        leads = {org.pk: org.name for task in tasks for org in task.lead_agencies.all()}
        self.fields["lead"].choices = [
            ("", _("All agencies")),
            *sorted(((str(k), v) for k, v in leads.items()), key=lambda c: c[1]),
        ]


@require_perm("planning.view_plans", load_object=_load_plan)
def plan_task_list(request, pk, obj):
    period, periods = _period(request, obj)
    if period is None:
        raise Http404
    rows = task_figures(obj, period, today=timezone.localdate())
    filters = TaskFilterForm(request.GET or None, tasks=[row.task for row in rows])
    if filters.is_valid():
        data = filters.cleaned_data
        organisation_id = request.user.organisation_id
        rows = [
            row
            for row in rows
            if (not data["section"] or row.task.section == data["section"])
            and (not data["lead"] or any(str(org.pk) == data["lead"] for org in row.task.lead_agencies.all()))
            and (not data["status"] or row.status == data["status"])
            and (not data["overdue"] or row.overdue)
            and (not data["mine"] or any(org.pk == organisation_id for org in row.task.lead_agencies.all()))
        ]
    return render(
        request,
        "planning/task_list.html",
        {
            "plan": obj,
            "period": period,
            "periods": periods,
            "filters": filters,
            "page": paginate(request, rows, per_page=30),
            "tones": STATUS_TONE,
            "can_manage": request.user.has_perm("planning.manage_plans"),
            "breadcrumbs": _crumbs(obj, (_("Tasks"), None)),
        },
    )


@require_perm("planning.manage_plans", load_object=_load_plan)
def plan_task_create(request, pk, obj):
    form = TaskForm(request.POST or None)
    task = save_form(request, form, lambda data: plans.create_task(actor=request.user, plan=obj, **data))
    if task:
        messages.success(request, _("Task %(code)s added.") % {"code": task.code})
        return redirect("backoffice:plan_task_detail", pk=task.pk)
    return form_page(request, form, title=_("New task"), breadcrumbs=_crumbs(obj, (_("New task"), None)))


@require_perm("planning.manage_plans", load_object=_load_task)
def plan_task_edit(request, pk, obj):
    form = TaskForm(request.POST or None, instance=obj)
    if save_form(request, form, lambda data: plans.update_task(actor=request.user, task=obj, **data)):
        messages.success(request, _("Task saved."))
        return redirect("backoffice:plan_task_detail", pk=obj.pk)
    return form_page(
        request,
        form,
        title=_("Edit task %(code)s") % {"code": obj.code},
        breadcrumbs=_crumbs(obj.plan, (obj.code, None)),
    )


@require_perm("planning.view_plans", load_object=_load_task)
def plan_task_detail(request, pk, obj):
    updates = obj.updates.select_related("entered_by").prefetch_related("outputs__output")
    latest = updates.first()
    achieved = {progress.output_id: progress.achieved for progress in latest.outputs.all()} if latest else {}
    user = request.user
    return render(
        request,
        "planning/task_detail.html",
        {
            "plan": obj.plan,
            "task": obj,
            "latest": latest,
            "outputs": [(output, achieved.get(output.pk)) for output in obj.outputs.all()],
            "updates": updates,
            "tones": STATUS_TONE,
            "can_update": user.has_perm("planning.update_task", obj),
            "can_manage": user.has_perm("planning.manage_plans"),
            "output_form": TaskOutputForm() if user.has_perm("planning.manage_plans") else None,
            "history": history_of(obj)[:20],
            "breadcrumbs": _crumbs(
                obj.plan, (_("Tasks"), reverse("backoffice:plan_task_list", args=[obj.plan.pk])), (obj.code, None)
            ),
        },
    )


@require_perm("planning.update_task", load_object=_load_task)
def plan_task_progress(request, pk, obj):
    form = TaskProgressForm(request.POST or None, request.FILES or None, task=obj)
    update = save_form(
        request, form, lambda _data: progress.record_task_update(actor=request.user, task=obj, **form.domain_values())
    )
    if update:
        note = _(" (recorded as a late correction)") if update.is_late else ""
        messages.success(request, _("Progress recorded%(note)s.") % {"note": note})
        return redirect("backoffice:plan_task_detail", pk=obj.pk)
    return form_page(
        request,
        form,
        title=_("Report progress of task %(code)s") % {"code": obj.code},
        breadcrumbs=_crumbs(
            obj.plan, (obj.code, reverse("backoffice:plan_task_detail", args=[obj.pk])), (_("Progress"), None)
        ),
        intro=obj.content,
    )


@require_POST
@require_perm("planning.manage_plans", load_object=_load_task)
def plan_task_output_add(request, pk, obj):
    form = TaskOutputForm(request.POST)
    return act_and_return(
        request,
        form,
        lambda data: plans.add_task_output(actor=request.user, task=obj, **data),
        _("Output added."),
        reverse("backoffice:plan_task_detail", args=[obj.pk]),
    )


@require_perm("planning.view_plans", load_object=_load_update)
def plan_task_evidence(request, pk, obj):
    return attachment_response(obj.evidence)


# Reporting obligations ----------------------------------------------------------------------------------------------


@require_perm("planning.manage_plans", load_object=_load_plan)
def plan_obligation_create(request, pk, obj):
    form = ObligationForm(request.POST or None)
    if save_form(request, form, lambda data: plans.create_obligation(actor=request.user, plan=obj, **data)):
        messages.success(request, _("Reporting obligation added."))
        return redirect(_plan_url(obj))
    return form_page(
        request, form, title=_("New reporting obligation"), breadcrumbs=_crumbs(obj, (_("Reporting obligation"), None))
    )


@require_perm("planning.manage_plans", load_object=_load_obligation)
def plan_obligation_edit(request, pk, obj):
    form = ObligationForm(request.POST or None, instance=obj)
    if save_form(request, form, lambda data: plans.update_obligation(actor=request.user, obligation=obj, **data)):
        messages.success(request, _("Reporting obligation saved."))
        return redirect(_plan_url(obj.plan))
    return form_page(
        request,
        form,
        title=_("Edit reporting obligation"),
        breadcrumbs=_crumbs(obj.plan, (_("Reporting obligation"), None)),
    )


# Reports ------------------------------------------------------------------------------------------------------------


def _report_crumbs(*extra):
    return [(_("Plan reports"), reverse("backoffice:report_list")), *extra]


@require_perm("reports.view_reports")
def report_list(request):
    rows = PlanReport.objects.select_related("plan", "issued_by", "created_by").order_by("-created_at", "-pk")
    plan = None
    if request.GET.get("plan", "").isdigit():
        plan = visible_plans(request.user).filter(pk=request.GET["plan"]).first()
        if plan is not None:
            rows = rows.filter(plan=plan)
    return render(
        request,
        "planning/report_list.html",
        {
            "page": paginate(request, rows),
            "plan": plan,
            "plans": visible_plans(request.user).order_by("-starts_on"),
            "can_manage": request.user.has_perm("reports.manage_reports"),
            "breadcrumbs": [(_("Plan reports"), None)],
        },
    )


@require_perm("reports.manage_reports", load_object=_load_plan)
def report_create(request, pk, obj):
    form = ReportCreateForm(request.POST or None, plan=obj, initial={"period_key": request.GET.get("period")})
    report = save_form(request, form, lambda data: plan_reports.create_report(actor=request.user, plan=obj, **data))
    if report:
        messages.success(request, _("Draft report created. Check the header and the narrative, then issue it."))
        return redirect("backoffice:report_detail", pk=report.pk)
    return form_page(
        request,
        form,
        title=_("Draft a report on plan %(reference)s") % {"reference": obj.reference},
        breadcrumbs=_crumbs(obj, (_("New report"), None)),
        submit_label=_("Create the draft"),
    )


@require_perm("reports.view_reports", load_object=_load_report)
def report_detail(request, pk, obj):
    payload = plan_reports.report_payload(obj)
    can_manage = request.user.has_perm("reports.manage_reports")
    is_draft = obj.status == ReportStatus.DRAFT
    return render(
        request,
        "planning/report_detail.html",
        {
            "report": obj,
            "payload": payload,
            "figures": payload["figures"],
            "as_of": datetime.date.fromisoformat(payload["figures"]["as_of"]),
            "document": official_document(payload),
            "formats": list(files.FORMATS),
            "can_edit": can_manage and is_draft,
            "issue_form": ReportIssueForm() if can_manage and is_draft else None,
            "history": history_of(obj)[:20],
            "breadcrumbs": _report_crumbs((str(obj), None)),
        },
    )


@require_perm("reports.manage_reports", load_object=_load_report)
def report_edit(request, pk, obj):
    if obj.status != ReportStatus.DRAFT:
        messages.error(request, _("An issued report is frozen: draft a new report instead."))
        return redirect("backoffice:report_detail", pk=obj.pk)
    payload = plan_reports.live_payload(obj)
    automatic = auto_narrative(payload["figures"])
    form = ReportEditForm(request.POST or None, instance=obj, narrative=payload["narrative"])

    def save(_data):
        return plan_reports.update_report(actor=request.user, report=obj, **form.domain_values(automatic))

    if save_form(request, form, save):
        messages.success(request, _("Draft saved."))
        return redirect("backoffice:report_detail", pk=obj.pk)
    return form_page(
        request,
        form,
        title=_("Edit the draft report"),
        breadcrumbs=_report_crumbs((str(obj), reverse("backoffice:report_detail", args=[obj.pk])), (_("Edit"), None)),
    )


@require_POST
@require_perm("reports.manage_reports", load_object=_load_report)
def report_issue(request, pk, obj):
    form = ReportIssueForm(request.POST)
    if form.is_valid():
        try:
            plan_reports.issue_report(actor=request.user, report=obj, **form.cleaned_data)
        except ValidationError as error:
            add_domain_errors(form, error)
    if form.errors:
        problems = [str(error) for errors in form.errors.values() for error in errors]
        messages.error(request, " ".join(problems))
    else:
        messages.success(request, _("Report issued: its figures are now frozen."))
    return redirect("backoffice:report_detail", pk=obj.pk)


@require_perm("reports.view_reports", load_object=_load_report)
def report_download(request, pk, fmt, obj):
    if fmt not in files.FORMATS:
        raise Http404
    payload = plan_reports.report_payload(obj)
    response = HttpResponse(files.render(payload, fmt), content_type=files.FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{files.filename(payload, fmt)}"'
    return response
