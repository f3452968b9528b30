"""Programme support: training classes (list, new, detail with participants and attendance ticks), trademark and IP
support cases (list, new, detail with where the application stands), the plan's funding entries by task and source
(list with totals, new entry with evidence), and the support each producer received (list, new; a producer's page
shows its own)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ocop.backoffice.access import paginate, require_perm
from ocop.backoffice.files import attachment_response
from ocop.backoffice.forms import act_and_return, form_page, save_form
from ocop.common.domain.activity import history_of
from ocop.common.xlsx import xlsx_response
from ocop.planning.domain.queries import tasks_of_province
from ocop.support.domain import funding, ip_cases, training
from ocop.support.domain.queries import (
    visible_classes,
    visible_funding_entries,
    visible_ip_cases,
    visible_producer_support,
)
from ocop.support.interfaces.exporters import (
    classes_workbook,
    funding_workbook,
    ip_cases_workbook,
    producer_support_workbook,
)
from ocop.support.interfaces.forms import (
    EnrolForm,
    FundingEntryForm,
    FundingFilterForm,
    IPCaseFilterForm,
    IPCaseForm,
    IPStatusForm,
    ProducerSupportFilterForm,
    ProducerSupportForm,
    TrainingClassFilterForm,
    TrainingClassForm,
)


def _chosen_task(request):
    """The plan task a list is narrowed to (``?task=``), or None."""
    raw = request.GET.get("task", "")
    return tasks_of_province(request.user).select_related("plan").filter(pk=int(raw)).first() if raw.isdigit() else None


# Training classes ---------------------------------------------------------------------------------------------------


def _load_class(request, pk, **_route):
    return get_object_or_404(visible_classes(request.user).select_related("unit", "task__plan"), pk=pk)


def _class_crumbs(*extra):
    return [(_("Training classes"), reverse("backoffice:training_class_list")), *extra]


@require_perm("support.view_training")
def training_class_list(request):
    filters = TrainingClassFilterForm(request.GET or None)
    task = _chosen_task(request)
    classes = visible_classes(request.user) if task is None else visible_classes(request.user).filter(task=task)
    rows = (
        filters.filter(classes)
        .select_related("unit", "task__plan")
        .annotate(enrolled=Count("participants"), present=Count("participants", filter=Q(participants__attended=True)))
        .order_by("-starts_on", "pk")
    )
    if request.GET.get("format") == "xlsx":
        return xlsx_response(classes_workbook(rows.iterator()), "lop-tap-huan-ocop.xlsx")
    return render(
        request,
        "backoffice/support_class_list.html",
        {
            "filters": filters,
            "page": paginate(request, rows),
            "breadcrumbs": _class_crumbs(),
            "task": task,
            "can_add": request.user.has_perm("support.manage_training"),
        },
    )


@require_perm("support.manage_training")
def training_class_create(request):
    form = TrainingClassForm(request.POST or None, actor=request.user)
    created = save_form(request, form, lambda data: training.create_training_class(actor=request.user, **data))
    if created:
        messages.success(request, _("Training class added. Enrol its participants below."))
        return redirect("backoffice:training_class_detail", pk=created.pk)
    return form_page(
        request,
        form,
        title=_("New training class"),
        breadcrumbs=_class_crumbs((_("New training class"), None)),
        intro=_("A class counts toward the plan's training classes once its last day has passed."),
    )


@require_perm("support.view_training", load_object=_load_class)
def training_class_detail(request, pk, obj):
    manages = request.user.has_perm("support.manage_training")
    participants = obj.participants.select_related("user", "producer__unit").order_by(
        "producer__name", "user__last_name", "pk"
    )
    return render(
        request,
        "backoffice/support_class_detail.html",
        {
            "training_class": obj,
            "participants": participants,
            "attended_count": sum(1 for participant in participants if participant.attended),
            "can_manage": manages,
            "enrol_form": EnrolForm(actor=request.user) if manages else None,
            "history": history_of(obj)[:30] if manages else [],
            "breadcrumbs": _class_crumbs((obj.topic, None)),
        },
    )


@require_POST
@require_perm("support.manage_training", load_object=_load_class)
def training_class_enrol(request, pk, obj):
    form = EnrolForm(request.POST, actor=request.user)
    return act_and_return(
        request,
        form,
        lambda data: (
            training.enrol(actor=request.user, training_class=obj, users=data["users"], producers=data["producers"])
            or True
        ),
        _("Participants enrolled."),
        reverse("backoffice:training_class_detail", args=[obj.pk]),
    )


@require_POST
@require_perm("support.manage_training", load_object=_load_class)
def training_class_attendance(request, pk, obj):
    ticked = {value for value in request.POST.getlist("attended") if value.isdigit()}
    try:
        count = training.record_attendance(actor=request.user, training_class=obj, attended=ticked)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Attendance saved: %(count)s present.") % {"count": count})
    return redirect("backoffice:training_class_detail", pk=obj.pk)


# IP support cases ---------------------------------------------------------------------------------------------------


def _load_case(request, pk, **_route):
    return get_object_or_404(
        visible_ip_cases(request.user).select_related("producer__unit", "task__plan", "document"), pk=pk
    )


def _case_crumbs(*extra):
    return [(_("Trademarks and IP"), reverse("backoffice:ip_case_list")), *extra]


@require_perm("support.view_ip_cases")
def ip_case_list(request):
    filters = IPCaseFilterForm(request.GET or None)
    task = _chosen_task(request)
    cases = visible_ip_cases(request.user) if task is None else visible_ip_cases(request.user).filter(task=task)
    rows = filters.filter(cases).select_related("producer__unit", "task__plan")
    rows = rows.order_by("-created_at", "-pk")
    if request.GET.get("format") == "xlsx":
        return xlsx_response(ip_cases_workbook(rows.iterator()), "ho-tro-nhan-hieu-so-huu-tri-tue.xlsx")
    return render(
        request,
        "backoffice/support_ip_case_list.html",
        {
            "filters": filters,
            "page": paginate(request, rows),
            "breadcrumbs": _case_crumbs(),
            "task": task,
            "can_add": request.user.has_perm("support.manage_ip_cases"),
        },
    )


@require_perm("support.manage_ip_cases")
def ip_case_create(request):
    form = IPCaseForm(request.POST or None, actor=request.user, initial={"producer": request.GET.get("producer")})
    case = save_form(request, form, lambda data: ip_cases.open_ip_case(actor=request.user, **data))
    if case:
        messages.success(request, _("IP support case added."))
        return redirect("backoffice:ip_case_detail", pk=case.pk)
    return form_page(
        request,
        form,
        title=_("New IP support case"),
        breadcrumbs=_case_crumbs((_("New IP support case"), None)),
        intro=_("A case granted in the period counts toward the plan's trademarks registered."),
    )


@require_perm("support.view_ip_cases", load_object=_load_case)
def ip_case_detail(request, pk, obj):
    manages = request.user.has_perm("support.manage_ip_cases")
    return render(
        request,
        "backoffice/support_ip_case_detail.html",
        {
            "case": obj,
            "status_form": IPStatusForm(instance=obj) if manages else None,
            "history": history_of(obj)[:30] if manages else [],
            "breadcrumbs": _case_crumbs((obj.mark, None)),
        },
    )


@require_POST
@require_perm("support.manage_ip_cases", load_object=_load_case)
def ip_case_status(request, pk, obj):
    form = IPStatusForm(request.POST, instance=obj)
    return act_and_return(
        request,
        form,
        lambda data: ip_cases.update_ip_status(actor=request.user, case=obj, **data),
        _("Where the application stands was saved."),
        reverse("backoffice:ip_case_detail", args=[obj.pk]),
    )


# Funding ------------------------------------------------------------------------------------------------------------


def _load_entry(request, pk, **_route):
    return get_object_or_404(visible_funding_entries(request.user), pk=pk)


def _funding_crumbs(*extra):
    return [(_("Funding"), reverse("backoffice:funding_list")), *extra]


@require_perm("support.view_funding")
def funding_list(request):
    filters = FundingFilterForm(request.GET or None)
    entries = filters.filter(visible_funding_entries(request.user))
    task = _chosen_task(request)
    if task is not None:
        entries = entries.filter(task=task)
    rows = entries.select_related("task__plan").order_by("-entered_on", "-pk")
    if request.GET.get("format") == "xlsx":
        return xlsx_response(funding_workbook(rows.iterator()), "kinh-phi-theo-nguon.xlsx")
    return render(
        request,
        "backoffice/support_funding_list.html",
        {
            "filters": filters,
            "page": paginate(request, rows),
            "summary": funding.sources_summary(entries),
            "task": task,
            "breadcrumbs": _funding_crumbs(),
            "can_add": request.user.has_perm("support.manage_funding"),
        },
    )


@require_perm("support.manage_funding")
def funding_create(request):
    form = FundingEntryForm(
        request.POST or None, request.FILES or None, actor=request.user, initial={"task": request.GET.get("task")}
    )
    entry = save_form(request, form, lambda data: funding.record_funding(actor=request.user, **data))
    if entry:
        messages.success(request, _("Funding entry recorded."))
        return redirect(f"{reverse('backoffice:funding_list')}?task={entry.task_id}")
    return form_page(
        request,
        form,
        title=_("New funding entry"),
        breadcrumbs=_funding_crumbs((_("New funding entry"), None)),
        intro=_(
            "Money allocated to a task of the plan or spent on it, from one source. The plan's dashboard and report "
            "read these entries for every task that has any."
        ),
    )


@require_perm("support.view_funding", load_object=_load_entry)
def funding_evidence(request, pk, obj):
    return attachment_response(obj.evidence)


# Support received by producers --------------------------------------------------------------------------------------


@require_perm("support.view_producer_support")
def support_received_list(request):
    filters = ProducerSupportFilterForm(request.GET or None)
    rows = (
        filters.filter(visible_producer_support(request.user))
        .select_related("producer__unit", "task__plan")
        .order_by("-received_on", "-pk")
    )
    if request.GET.get("format") == "xlsx":
        return xlsx_response(producer_support_workbook(rows.iterator()), "ho-tro-chu-the.xlsx")
    return render(
        request,
        "backoffice/support_received_list.html",
        {
            "filters": filters,
            "page": paginate(request, rows),
            "breadcrumbs": [(_("Support received"), None)],
            "can_add": request.user.has_perm("support.manage_producer_support"),
        },
    )


@require_perm("support.manage_producer_support")
def support_received_create(request):
    form = ProducerSupportForm(
        request.POST or None, actor=request.user, initial={"producer": request.GET.get("producer")}
    )
    support = save_form(request, form, lambda data: funding.record_producer_support(actor=request.user, **data))
    if support:
        messages.success(request, _("Support recorded."))
        return redirect("backoffice:producer_detail", pk=support.producer_id)
    return form_page(
        request,
        form,
        title=_("Record support received"),
        breadcrumbs=[
            (_("Support received"), reverse("backoffice:support_received_list")),
            (_("Record support received"), None),
        ],
    )
