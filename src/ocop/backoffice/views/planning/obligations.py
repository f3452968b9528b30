"""Reporting obligations of a plan: who reports to whom, added and edited by the office."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from ocop.backoffice.access import require_perm
from ocop.backoffice.forms import form_page, save_form
from ocop.backoffice.views.planning.loading import crumbs, load_obligation, load_plan, plan_url
from ocop.planning.domain import plans
from ocop.planning.interfaces.forms import ObligationForm


@require_perm("planning.manage_plans", load_object=load_plan)
def plan_obligation_create(request, pk, obj):
    form = ObligationForm(request.POST or None, actor=request.user)
    if save_form(request, form, lambda data: plans.create_obligation(actor=request.user, plan=obj, **data)):
        messages.success(request, _("Reporting obligation added."))
        return redirect(plan_url(obj))
    return form_page(
        request, form, title=_("New reporting obligation"), breadcrumbs=crumbs(obj, (_("Reporting obligation"), None))
    )


@require_perm("planning.manage_plans", load_object=load_obligation)
def plan_obligation_edit(request, pk, obj):
    form = ObligationForm(request.POST or None, instance=obj, actor=request.user)
    if save_form(request, form, lambda data: plans.update_obligation(actor=request.user, obligation=obj, **data)):
        messages.success(request, _("Reporting obligation saved."))
        return redirect(plan_url(obj.plan))
    return form_page(
        request,
        form,
        title=_("Edit reporting obligation"),
        breadcrumbs=crumbs(obj.plan, (_("Reporting obligation"), None)),
    )
