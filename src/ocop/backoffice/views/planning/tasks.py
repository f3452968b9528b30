"""A plan's tasks: the filtered list, adding and editing a task, its progress reports, outputs and evidence."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ocop.backoffice.access import paginate, require_perm
from ocop.backoffice.files import attachment_response
from ocop.backoffice.forms import act_and_return, form_page, save_form
from ocop.backoffice.views.planning.loading import chosen_period, crumbs, load_plan, load_task, load_update
from ocop.common.domain.activity import history_of
from ocop.planning.domain import plans, progress
from ocop.planning.domain.figures import task_figures
from ocop.planning.interfaces.forms import TaskFilterForm, TaskForm, TaskOutputForm, TaskProgressForm
from ocop.support.domain.funding import sources_summary
from ocop.support.domain.queries import visible_ip_cases


@require_perm("planning.view_plans", load_object=load_plan)
def plan_task_list(request, pk, obj):
    period, periods = chosen_period(request, obj)
    if period is None:
        raise Http404
    rows = task_figures(obj, period, today=timezone.localdate())
    filters = TaskFilterForm(request.GET or None, tasks=[row.task for row in rows])
    rows = filters.matching(rows, request.user)
    return render(
        request,
        "planning/task_list.html",
        {
            "plan": obj,
            "period": period,
            "periods": periods,
            "filters": filters,
            "page": paginate(request, rows, per_page=30),
            "can_manage": request.user.has_perm("planning.manage_plans"),
            "breadcrumbs": crumbs(obj, (_("Tasks"), None)),
        },
    )


@require_perm("planning.manage_plans", load_object=load_plan)
def plan_task_create(request, pk, obj):
    form = TaskForm(request.POST or None, actor=request.user)
    task = save_form(request, form, lambda data: plans.create_task(actor=request.user, plan=obj, **data))
    if task:
        messages.success(request, _("Task %(code)s added.") % {"code": task.code})
        return redirect("backoffice:plan_task_detail", pk=task.pk)
    return form_page(request, form, title=_("New task"), breadcrumbs=crumbs(obj, (_("New task"), None)))


@require_perm("planning.manage_plans", load_object=load_task)
def plan_task_edit(request, pk, obj):
    form = TaskForm(request.POST or None, instance=obj, actor=request.user)
    if save_form(request, form, lambda data: plans.update_task(actor=request.user, task=obj, **data)):
        messages.success(request, _("Task saved."))
        return redirect("backoffice:plan_task_detail", pk=obj.pk)
    return form_page(
        request,
        form,
        title=_("Edit task %(code)s") % {"code": obj.code},
        breadcrumbs=crumbs(obj.plan, (obj.code, None)),
    )


@require_perm("planning.view_plans", load_object=load_task)
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
            "can_update": user.has_perm("planning.update_task", obj),
            "can_manage": user.has_perm("planning.manage_plans"),
            "output_form": TaskOutputForm() if user.has_perm("planning.manage_plans") else None,
            "funding_summary": sources_summary(obj.funding_entries.all())
            if user.has_perm("support.view_funding")
            else None,
            "can_add_funding": user.has_perm("support.manage_funding"),
            "served_classes": obj.training_classes.count() if user.has_perm("support.view_training") else 0,
            "served_cases": visible_ip_cases(user).filter(task=obj).count(),
            "history": history_of(obj)[:20],
            "breadcrumbs": crumbs(
                obj.plan, (_("Tasks"), reverse("backoffice:plan_task_list", args=[obj.plan.pk])), (obj.code, None)
            ),
        },
    )


@require_perm("planning.update_task", load_object=load_task)
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
        breadcrumbs=crumbs(
            obj.plan, (obj.code, reverse("backoffice:plan_task_detail", args=[obj.pk])), (_("Progress"), None)
        ),
        intro=obj.content,
    )


@require_POST
@require_perm("planning.manage_plans", load_object=load_task)
def plan_task_output_add(request, pk, obj):
    form = TaskOutputForm(request.POST)
    return act_and_return(
        request,
        form,
        lambda data: plans.add_task_output(actor=request.user, task=obj, **data),
        _("Output added."),
        reverse("backoffice:plan_task_detail", args=[obj.pk]),
    )


@require_perm("planning.view_plans", load_object=load_update)
def plan_task_evidence(request, pk, obj):
    return attachment_response(obj.evidence)
