"""Quotas by unit: the table against the products recognised, adding and editing a quota, the records behind a
quota."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.backoffice.access import paginate, require_perm
from ocop.backoffice.forms import form_page, save_form
from ocop.backoffice.views.planning.loading import chosen_period, crumbs, load_plan, load_quota
from ocop.planning.domain import indicators, plans
from ocop.planning.domain.areas import AreaMap
from ocop.planning.domain.figures import quota_rows, quota_totals, quota_unit_query
from ocop.planning.domain.queries import sees_whole_area, visible_quota_units, visible_records
from ocop.planning.interfaces.forms import QuotaForm


@require_perm("planning.view_plans", load_object=load_plan)
def plan_quota_list(request, pk, obj):
    period, periods = chosen_period(request, obj)
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
            "breadcrumbs": crumbs(obj, (_("Quotas by unit"), None)),
        },
    )


@require_perm("planning.manage_plans", load_object=load_plan)
def plan_quota_create(request, pk, obj):
    form = QuotaForm(request.POST or None, plan=obj)
    quota = save_form(request, form, lambda data: plans.create_quota(actor=request.user, plan=obj, **data))
    if quota:
        messages.success(request, _("Quota added."))
        return redirect("backoffice:plan_quota_list", pk=obj.pk)
    return form_page(request, form, title=_("New quota"), breadcrumbs=crumbs(obj, (_("New quota"), None)))


@require_perm("planning.manage_plans", load_object=load_quota)
def plan_quota_edit(request, pk, obj):
    form = QuotaForm(request.POST or None, instance=obj, plan=obj.plan)
    if save_form(request, form, lambda data: plans.update_quota(actor=request.user, quota=obj, **data)):
        messages.success(request, _("Quota saved."))
        return redirect("backoffice:plan_quota_list", pk=obj.plan.pk)
    return form_page(request, form, title=_("Edit quota"), breadcrumbs=crumbs(obj.plan, (_("Edit quota"), None)))


@require_perm("planning.view_plans", load_object=load_quota)
def plan_quota_detail(request, pk, obj):
    plan = obj.plan
    area = AreaMap(plan.unit)
    visible = visible_quota_units(request.user, area, [obj.unit_id])
    if obj.unit_id not in visible:
        raise Http404
    period, periods = chosen_period(request, plan)
    if period is None:
        raise Http404
    query = quota_unit_query(plan, period, area, unit_id=obj.unit_id, stars=obj.stars, today=timezone.localdate())
    indicator = indicators.get("recognised_products")
    records = visible_records(request.user, indicator, query)
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
            "breadcrumbs": crumbs(
                plan,
                (_("Quotas by unit"), reverse("backoffice:plan_quota_list", args=[plan.pk])),
                (str(obj.unit), None),
            ),
        },
    )
