"""Plans: the list, creating, editing and loading one from a file, the plan at a glance, closing a period."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ocop.backoffice.access import paginate, require_perm
from ocop.backoffice.forms import act_and_return, form_page, save_form
from ocop.backoffice.views.planning.loading import chosen_period, crumbs, load_plan, plan_url
from ocop.planning.domain import plans, progress, review
from ocop.planning.domain.figures import new_products_breakdown, plan_figures
from ocop.planning.domain.loader import load_plan_data
from ocop.planning.domain.progress import may_close_period
from ocop.planning.domain.queries import sees_whole_area, visible_plans, visible_quota_units
from ocop.planning.enums import Source, TaskStatus
from ocop.planning.interfaces.forms import ClosePeriodForm, PlanFileForm, PlanForm
from ocop.planning.models import Plan, ReportingObligation
from ocop.reports.interfaces import charts


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
    form = PlanForm(request.POST or None, actor=request.user)
    plan = save_form(request, form, lambda data: plans.create_plan(actor=request.user, **data))
    if plan:
        messages.success(request, _("Plan %(reference)s created.") % {"reference": plan.reference})
        return redirect(plan_url(plan))
    return form_page(request, form, title=_("New plan"), breadcrumbs=crumbs(None, (_("New plan"), None)))


@require_perm("planning.manage_plans", load_object=load_plan)
def plan_edit(request, pk, obj):
    form = PlanForm(request.POST or None, instance=obj, actor=request.user)
    if save_form(request, form, lambda data: plans.update_plan(actor=request.user, plan=obj, **data)):
        messages.success(request, _("Plan saved."))
        return redirect(plan_url(obj))
    return form_page(request, form, title=_("Edit plan"), breadcrumbs=crumbs(obj, (_("Edit"), None)))


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
        return redirect(plan_url(result.plans[-1]))
    return form_page(
        request,
        form,
        title=_("Load a plan from a file"),
        breadcrumbs=crumbs(None, (_("Load from a file"), None)),
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


@require_perm("planning.view_plans", load_object=load_plan)
def plan_detail(request, pk, obj):
    user = request.user
    period, periods = chosen_period(request, obj)
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
        "funding": review.funding(figures),
        "obligations": _obligation_routes(obj),
        "children": obj.children.order_by("starts_on"),
        "reports": obj.reports.select_related("issued_by").order_by("-created_at")[:5],
        "can_manage": user.has_perm("planning.manage_plans"),
        "can_report": user.has_perm("reports.manage_reports"),
        "breadcrumbs": crumbs(None, (obj.reference, None)),
    }
    if user.has_perm("planning.close_period") and may_close_period(obj, period, today=timezone.localdate()):
        context["close_form"] = ClosePeriodForm(plan=obj, initial={"period_key": period.key})
    return render(request, "planning/plan_detail.html", context)


@require_POST
@require_perm("planning.close_period", load_object=load_plan)
def plan_close_period(request, pk, obj):
    form = ClosePeriodForm(request.POST, plan=obj)
    return act_and_return(
        request,
        form,
        lambda data: progress.close_period(actor=request.user, plan=obj, period_key=data["period_key"]),
        _("The period is closed; later entries for it will be recorded as late corrections."),
        plan_url(obj),
    )
