"""A plan's targets: adding and editing them, a target's figure with the records behind it, reported figures."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.backoffice.access import paginate, require_perm
from ocop.backoffice.files import attachment_response
from ocop.backoffice.forms import form_page, save_form
from ocop.backoffice.views.planning.loading import chosen_period, crumbs, load_plan, load_target, load_value, plan_url
from ocop.common.domain.activity import history_of
from ocop.planning.domain import plans, progress
from ocop.planning.domain.areas import AreaMap
from ocop.planning.domain.figures import target_figures
from ocop.planning.domain.queries import visible_records
from ocop.planning.enums import Source
from ocop.planning.interfaces.forms import TargetForm, ValueForm


@require_perm("planning.manage_plans", load_object=load_plan)
def plan_target_create(request, pk, obj):
    form = TargetForm(request.POST or None, actor=request.user)
    target = save_form(
        request, form, lambda _data: plans.create_target(actor=request.user, plan=obj, **form.domain_values())
    )
    if target:
        messages.success(request, _("Target %(code)s added.") % {"code": target.code})
        return redirect(plan_url(obj))
    return form_page(request, form, title=_("New target"), breadcrumbs=crumbs(obj, (_("New target"), None)))


@require_perm("planning.manage_plans", load_object=load_target)
def plan_target_edit(request, pk, obj):
    form = TargetForm(request.POST or None, target=obj, actor=request.user)
    if save_form(
        request, form, lambda _data: plans.update_target(actor=request.user, target=obj, **form.domain_values())
    ):
        messages.success(request, _("Target saved."))
        return redirect("backoffice:plan_target_detail", pk=obj.pk)
    return form_page(
        request,
        form,
        title=_("Edit target %(code)s") % {"code": obj.code},
        breadcrumbs=crumbs(obj.plan, (obj.code, None)),
    )


@require_perm("planning.view_plans", load_object=load_target)
def plan_target_detail(request, pk, obj):
    plan = obj.plan
    period, periods = chosen_period(request, plan)
    if period is None:
        raise Http404
    area = AreaMap(plan.unit)
    lock = plan.locks.filter(period_key=period.key).first()
    figure = target_figures(plan, period, [obj], area, today=timezone.localdate(), lock=lock)[0]
    indicator = figure.indicator
    page = None
    if figure.source == Source.COMPUTED and indicator.records is not None and figure.measurement is not None:
        page = paginate(request, visible_records(request.user, indicator, figure.query))
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
            "breadcrumbs": crumbs(plan, (obj.code, None)),
        },
    )


@require_perm("planning.report_value", load_object=load_target)
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
        breadcrumbs=crumbs(
            obj.plan, (obj.code, reverse("backoffice:plan_target_detail", args=[obj.pk])), (_("Report"), None)
        ),
        intro=obj.text,
    )


@require_perm("planning.view_plans", load_object=load_value)
def plan_value_evidence(request, pk, obj):
    return attachment_response(obj.evidence)
