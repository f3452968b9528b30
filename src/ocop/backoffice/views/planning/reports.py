"""Plan reports: the list, drafting, the draft's header and narrative, issuing, the four downloads."""

import datetime
import re

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ocop.backoffice.access import paginate, require_perm
from ocop.backoffice.forms import add_domain_errors, form_page, save_form
from ocop.backoffice.views.planning.loading import crumbs, load_plan, load_report
from ocop.common.domain.activity import history_of
from ocop.common.replica import reads_from_replica
from ocop.planning.domain.queries import visible_plans
from ocop.planning.interfaces.forms import ReportCreateForm
from ocop.reports.domain import plan_reports
from ocop.reports.domain.wording import auto_narrative
from ocop.reports.interfaces import files
from ocop.reports.interfaces.document import official_document
from ocop.reports.interfaces.forms import NARRATIVE_LABELS, ReportEditForm, ReportIssueForm
from ocop.reports.models import PlanReport, ReportStatus


def _report_crumbs(*extra):
    return [(_("Plan reports"), reverse("backoffice:report_list")), *extra]


@require_perm("reports.view_reports")
def report_list(request):
    rows = (
        PlanReport.objects.filter(plan__in=visible_plans(request.user))
        .select_related("plan", "issued_by", "created_by")
        .order_by("-created_at", "-pk")
    )
    plan = None
    if re.fullmatch(r"[0-9]{1,10}", request.GET.get("plan", "")):
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


@require_perm("reports.manage_reports", load_object=load_plan)
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
        breadcrumbs=crumbs(obj, (_("New report"), None)),
        submit_label=_("Create the draft"),
    )


@require_perm("reports.view_reports", load_object=load_report)
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
            "narrative_sections": [
                (NARRATIVE_LABELS.get(key, key), text) for key, text in payload["narrative"].items() if text
            ],
            "causes_missing": is_draft
            and bool(payload["narrative"].get("shortcomings"))
            and not payload["narrative"].get("causes"),
            "as_of": datetime.date.fromisoformat(payload["figures"]["as_of"]),
            "period_days": [datetime.date.fromisoformat(payload["figures"]["period"][key]) for key in ("start", "end")],
            "document": official_document(payload),
            "formats": list(files.FORMATS),
            "can_edit": can_manage and is_draft,
            "issue_form": ReportIssueForm() if can_manage and is_draft else None,
            "history": history_of(obj)[:20],
            "breadcrumbs": _report_crumbs((str(obj), None)),
        },
    )


@require_perm("reports.manage_reports", load_object=load_report)
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
@require_perm("reports.manage_reports", load_object=load_report)
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


@require_perm("reports.view_reports", load_object=load_report)
@reads_from_replica
def report_download(request, pk, fmt, obj):
    if fmt not in files.FORMATS:
        raise Http404
    payload = plan_reports.report_payload(obj)
    response = HttpResponse(files.render(payload, fmt), content_type=files.FORMATS[fmt])
    # The plan's reference is typed by users: the header helper quotes or percent-encodes it, never pastes it.
    response["Content-Disposition"] = content_disposition_header(True, files.filename(payload, fmt))
    return response
