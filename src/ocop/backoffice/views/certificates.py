"""Certificates for the office: lists (all, expiring and expired) with export, a certificate's page with its
history, the PDF, corrections, suspension, revocation, and post-certification supervision."""

import segno
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, OuterRef, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ocop.backoffice.access import paginate, paginate_keys, require_perm
from ocop.backoffice.forms import act_and_return, form_page, save_form
from ocop.certificates.domain import issuing, revocation, supervision
from ocop.certificates.domain.actions import CertificateAction, allowed_actions
from ocop.certificates.domain.expiring import expired, expiring
from ocop.certificates.domain.queries import visible_inspection_plans, visible_inspections, visible_proposals
from ocop.certificates.domain.status import (
    certificate_status,
    visible_certificates,
    with_status,
)
from ocop.certificates.enums import ProposalOutcome, ReminderStage
from ocop.certificates.interfaces.exporters import certificates_workbook
from ocop.certificates.interfaces.forms import (
    EXPIRY_TABS,
    ActionDoneForm,
    ActionForm,
    CertificateFilterForm,
    CloseProposalForm,
    ConcludeForm,
    CorrectionForm,
    DecideRevocationForm,
    ExpiryFilterForm,
    FindingForm,
    InForceForm,
    InspectionForm,
    InspectionPlanForm,
    LiftForm,
    ProposeRevocationForm,
    RegisterForm,
    SuspendForm,
)
from ocop.certificates.interfaces.pdf import certificate_pdf as render_certificate_pdf
from ocop.certificates.interfaces.pdf import check_url, pdf_filename
from ocop.certificates.models import Certificate, CertificateReminder, CorrectiveAction
from ocop.common.domain.activity import history_of
from ocop.common.xlsx import xlsx_response
from ocop.evaluation.models import RuleSet
from ocop.geo.domain.queries import scope_unit_ids

LIST_RELATED = ("decision", "product", "producer__unit__parent")


def _crumbs(*extra):
    return [(_("Certificates"), reverse("backoffice:certificate_list")), *extra]


def _load_certificate(request, pk, **_route):
    certificates = with_status(visible_certificates(request.user)).select_related(
        *LIST_RELATED, "replaces", "revocation__proposal"
    )
    return get_object_or_404(certificates, pk=pk)


def _detail(certificate):
    return reverse("backoffice:certificate_detail", args=[certificate.pk])


# Lists --------------------------------------------------------------------------------------------------------------


@require_perm("certificates.view_certificates")
def certificate_list(request):
    filters = CertificateFilterForm(request.GET or None, actor=request.user)
    rows = filters.filter(with_status(visible_certificates(request.user))).select_related(*LIST_RELATED)
    rows = rows.order_by("-issued_on", "-pk")
    if request.GET.get("format") == "xlsx":
        return xlsx_response(certificates_workbook(rows, _("OCOP certificates")), "giay-chung-nhan-ocop.xlsx")
    return render(
        request,
        "certificates/certificate_list.html",
        {
            "filters": filters,
            "page": paginate_keys(
                request,
                rows,
                lambda keys: with_status(Certificate.objects.filter(pk__in=keys)).select_related(*LIST_RELATED),
            ),
            "breadcrumbs": _crumbs(),
            "can_register": request.user.has_perm("certificates.register_certificate"),
        },
    )


@require_perm("certificates.view_expiry")
def expiry_list(request):
    tab = request.GET.get("tab") if request.GET.get("tab") in dict(EXPIRY_TABS) else "expiring"
    filters = ExpiryFilterForm(request.GET or None, actor=request.user)
    today = timezone.localdate()
    visible = visible_certificates(request.user)
    rows = filters.filter((expiring if tab == "expiring" else expired)(visible, today)).select_related(*LIST_RELATED)
    rows = rows.annotate(
        notified=Exists(
            CertificateReminder.objects.filter(
                certificate=OuterRef("pk"), stage__in=[ReminderStage.NOTICE, ReminderStage.EXPIRED]
            )
        )
    ).order_by("valid_until" if tab == "expiring" else "-valid_until", "pk")
    if request.GET.get("format") == "xlsx":
        title = dict(EXPIRY_TABS)[tab]
        return xlsx_response(certificates_workbook(rows, str(title)), f"giay-chung-nhan-{tab}.xlsx")
    counts = {"expiring": expiring(visible, today).count(), "expired": expired(visible, today).count()}
    return render(
        request,
        "certificates/expiry_list.html",
        {
            "filters": filters,
            "tab": tab,
            "tabs": [(value, label, counts[value]) for value, label in EXPIRY_TABS],
            "page": paginate(request, rows),
            "today": today,
            "breadcrumbs": [(_("Expiring and expired certificates"), None)],
        },
    )


# One certificate ----------------------------------------------------------------------------------------------------


@require_perm("certificates.register_certificate")
def certificate_register(request):
    form = RegisterForm(request.POST or None, actor=request.user)
    certificate = save_form(
        request, form, lambda data: issuing.register_certificate_from_records(actor=request.user, **data)
    )
    if certificate:
        messages.success(request, _("Certificate %(number)s registered.") % {"number": certificate.number})
        return redirect(_detail(certificate))
    return form_page(
        request,
        form,
        title=_("Register a certificate issued before the system"),
        breadcrumbs=_crumbs((_("Register"), None)),
        intro=_(
            "Enter a certificate from its recognition decision. Its validity follows the rules in force on the "
            "decision date; it replaces the product's certificate then in force."
        ),
    )


@require_perm("certificates.view_certificates", load_object=_load_certificate)
def certificate_detail(request, pk, obj):
    user = request.user
    status = certificate_status(obj)
    chain = with_status(obj.product.certificates.all()).select_related("decision").order_by("-issued_on", "-pk")
    suspensions = list(obj.suspensions.select_related("inspection"))
    active_suspension = next((s for s in suspensions if not s.lifted_on), None)
    proposals = list(obj.revocation_proposals.select_related("proposed_by", "revocation", "inspection"))
    open_proposal = next((p for p in proposals if p.outcome == ProposalOutcome.OPEN), None)
    actions = allowed_actions(obj, user)
    context = {
        "certificate": obj,
        "status": status,
        "chain": chain,
        "suspensions": suspensions,
        "active_suspension": active_suspension,
        "proposals": proposals,
        "open_proposal": open_proposal,
        "inspections": obj.inspections.select_related("plan").order_by("-scheduled_on"),
        "reminders": obj.reminders.order_by("sent_on", "pk"),
        "history": history_of(obj)[:40],
        "rule_set": RuleSet.objects.filter(identifier=obj.decision.rule_set).first(),
        "check_url": check_url(obj),
        "qr": segno.make(check_url(obj), error="m").svg_inline(scale=4, border=2),
        "today": timezone.localdate(),
        "can_pdf": CertificateAction.DOWNLOAD in actions,
        "can_correct": CertificateAction.CORRECT in actions,
        "can_decide": CertificateAction.DECIDE_REVOCATION in actions,
        "breadcrumbs": _crumbs((obj.number, None)),
    }
    if CertificateAction.SUSPEND in actions:
        context["suspend_form"] = SuspendForm()
    if CertificateAction.LIFT_SUSPENSION in actions:
        context["lift_form"] = LiftForm()
    if CertificateAction.PROPOSE_REVOCATION in actions:
        context["propose_form"] = ProposeRevocationForm()
    if CertificateAction.DECIDE_REVOCATION in actions:
        context["close_form"] = CloseProposalForm()
    return render(request, "certificates/certificate_detail.html", context)


@require_perm("certificates.download_certificate", load_object=_load_certificate)
def certificate_pdf(request, pk, obj):
    response = HttpResponse(render_certificate_pdf(obj), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, pdf_filename(obj))
    return response


@require_perm("certificates.correct_certificate", load_object=_load_certificate)
def certificate_correct(request, pk, obj):
    form = CorrectionForm(request.POST or None, initial={"issuing_body": obj.decision.issuing_body})
    corrected = save_form(
        request, form, lambda data: issuing.correct_certificate(actor=request.user, certificate=obj, **data)
    )
    if corrected:
        messages.success(
            request,
            _("Certificate %(new)s issued; it replaces %(old)s.") % {"new": corrected.number, "old": obj.number},
        )
        return redirect(_detail(corrected))
    return form_page(
        request,
        form,
        title=_("Correct certificate %(number)s") % {"number": obj.number},
        breadcrumbs=_crumbs((obj.number, _detail(obj)), (_("Correct"), None)),
        cancel_url=_detail(obj),
        submit_label=_("Issue the corrected certificate"),
        intro=_(
            "An issued certificate is never edited. Correct the registry first (product name, producer, address), "
            "then record the correcting decision: a new certificate with the same stars and validity replaces this "
            "one, and both stay in the history."
        ),
    )


@require_POST
@require_perm("certificates.suspend_certificate", load_object=_load_certificate)
def certificate_suspend(request, pk, obj):
    return act_and_return(
        request,
        SuspendForm(request.POST),
        lambda data: revocation.suspend_certificate(actor=request.user, certificate=obj, **data),
        _("The certificate is suspended."),
        _detail(obj),
    )


@require_POST
@require_perm("certificates.suspend_certificate", load_object=_load_certificate)
def certificate_lift(request, pk, obj):
    suspension = get_object_or_404(obj.suspensions, lifted_on__isnull=True)
    return act_and_return(
        request,
        LiftForm(request.POST),
        lambda data: revocation.lift_suspension(actor=request.user, suspension=suspension, **data),
        _("The suspension is lifted."),
        _detail(obj),
    )


@require_POST
@require_perm("certificates.propose_revocation", load_object=_load_certificate)
def certificate_propose_revocation(request, pk, obj):
    return act_and_return(
        request,
        ProposeRevocationForm(request.POST),
        lambda data: revocation.propose_revocation(actor=request.user, certificate=obj, **data),
        _("Revocation proposed; the deciding level is told."),
        _detail(obj),
    )


# Revocations --------------------------------------------------------------------------------------------------------


def _load_proposal(request, pk, **_route):
    proposals = visible_proposals(request.user).select_related("certificate__decision", "certificate__producer__unit")
    return get_object_or_404(proposals, pk=pk)


@require_perm("certificates.view_revocations")
def revocation_list(request):
    proposals = visible_proposals(request.user).select_related(
        "certificate__product", "certificate__producer__unit", "revocation"
    )
    return render(
        request,
        "certificates/revocation_list.html",
        {
            "open": proposals.filter(outcome=ProposalOutcome.OPEN).order_by("due_on", "pk"),
            "page": paginate(request, proposals.exclude(outcome=ProposalOutcome.OPEN).order_by("-closed_on", "-pk")),
            "today": timezone.localdate(),
            "breadcrumbs": [(_("Revocations"), None)],
        },
    )


@require_perm("certificates.decide_revocation", load_object=_load_proposal)
def revocation_decide(request, pk, obj):
    certificate = obj.certificate
    form = DecideRevocationForm(request.POST or None, initial={"issuing_body": certificate.decision.issuing_body})
    decided = save_form(
        request, form, lambda data: revocation.decide_revocation(actor=request.user, proposal=obj, **data)
    )
    if decided:
        messages.success(request, _("Certificate %(number)s is revoked.") % {"number": certificate.number})
        return redirect(_detail(certificate))
    return form_page(
        request,
        form,
        title=_("Revoke certificate %(number)s") % {"number": certificate.number},
        breadcrumbs=_crumbs((certificate.number, _detail(certificate)), (_("Revoke"), None)),
        cancel_url=_detail(certificate),
        submit_label=_("Record the revocation decision"),
        intro=_("Ground: %(ground)s. Found on %(found)s; to be decided by %(due)s.")
        % {
            "ground": obj.get_ground_display(),
            "found": f"{obj.found_on:%d/%m/%Y}",
            "due": f"{obj.due_on:%d/%m/%Y}",
        },
    )


@require_POST
@require_perm("certificates.decide_revocation", load_object=_load_proposal)
def revocation_close(request, pk, obj):
    return act_and_return(
        request,
        CloseProposalForm(request.POST),
        lambda data: revocation.close_proposal(actor=request.user, proposal=obj, **data),
        _("The proposal is closed without revocation."),
        _detail(obj.certificate),
    )


# Supervision --------------------------------------------------------------------------------------------------------


def _plan_crumbs(*extra):
    return [(_("Supervision"), reverse("backoffice:inspection_plan_list")), *extra]


def _load_plan(request, pk, **_route):
    return get_object_or_404(visible_inspection_plans(request.user).select_related("unit"), pk=pk)


def _load_inspection(request, pk, **_route):
    inspections = visible_inspections(request.user).select_related(
        "plan", "certificate__decision", "certificate__product", "certificate__producer__unit"
    )
    return get_object_or_404(inspections, pk=pk)


def _load_action(request, pk, **_route):
    actions = CorrectiveAction.objects.filter(finding__inspection__in=visible_inspections(request.user))
    return get_object_or_404(actions.select_related("finding__inspection"), pk=pk)


@require_perm("certificates.view_supervision")
def inspection_plan_list(request):
    plans = (
        visible_inspection_plans(request.user)
        .select_related("unit")
        .annotate(
            inspections_count=Count("inspections", distinct=True),
            concluded_count=Count("inspections", filter=~Q(inspections__conclusion=""), distinct=True),
        )
    )
    return render(
        request,
        "certificates/inspection_plan_list.html",
        {
            "page": paginate(request, plans.order_by("-starts_on", "-pk")),
            "can_manage": request.user.has_perm("certificates.manage_supervision"),
            "breadcrumbs": _plan_crumbs(),
        },
    )


@require_perm("certificates.manage_supervision")
def inspection_plan_create(request):
    form = InspectionPlanForm(request.POST or None, actor=request.user)
    plan = save_form(request, form, lambda data: supervision.create_plan(actor=request.user, **data))
    if plan:
        messages.success(request, _("Plan created: add the certificates to inspect."))
        return redirect("backoffice:inspection_plan_detail", pk=plan.pk)
    return form_page(
        request, form, title=_("New inspection plan"), breadcrumbs=_plan_crumbs((_("New inspection plan"), None))
    )


@require_perm("certificates.view_supervision", load_object=_load_plan)
def inspection_plan_detail(request, pk, obj):
    can_manage = request.user.has_perm("certificates.manage_supervision")
    inspections = (
        visible_inspections(request.user)
        .filter(plan=obj)
        .select_related("certificate__producer__unit", "certificate__product")
        .annotate(findings_count=Count("findings"))
        .order_by("scheduled_on", "pk")
    )
    return render(
        request,
        "certificates/inspection_plan_detail.html",
        {
            "plan": obj,
            "inspections": inspections,
            "inspection_form": InspectionForm() if can_manage else None,
            "in_force_form": InForceForm() if can_manage else None,
            "history": history_of(obj)[:20],
            "breadcrumbs": _plan_crumbs((obj.title, None)),
        },
    )


def _certificate_by_number(request, number: str) -> Certificate:
    certificate = visible_certificates(request.user).filter(number=number.strip().upper()).first()
    if certificate is None:
        raise ValidationError({"certificate_number": _("No certificate of your area has this number.")})
    return certificate


@require_POST
@require_perm("certificates.manage_supervision", load_object=_load_plan)
def inspection_add(request, pk, obj):
    def add(data):
        certificate = _certificate_by_number(request, data.pop("certificate_number"))
        return supervision.add_inspection(actor=request.user, plan=obj, certificate=certificate, **data)

    return act_and_return(
        request,
        InspectionForm(request.POST),
        add,
        _("Inspection scheduled."),
        reverse("backoffice:inspection_plan_detail", args=[obj.pk]),
    )


@require_POST
@require_perm("certificates.manage_supervision", load_object=_load_plan)
def inspection_add_in_force(request, pk, obj):
    def add(data):
        area = visible_certificates(request.user).filter(producer__unit__in=scope_unit_ids(obj.unit))
        added = supervision.add_certificates_in_force(actor=request.user, plan=obj, certificates=area, **data)
        return added or True

    return act_and_return(
        request,
        InForceForm(request.POST),
        add,
        _("Every certificate in force in the plan's area is scheduled."),
        reverse("backoffice:inspection_plan_detail", args=[obj.pk]),
    )


@require_perm("certificates.view_supervision", load_object=_load_inspection)
def inspection_detail(request, pk, obj):
    can_manage = request.user.has_perm("certificates.manage_supervision") and not obj.conclusion
    findings = list(obj.findings.prefetch_related("actions"))
    context = {
        "inspection": obj,
        "certificate": obj.certificate,
        "status": certificate_status(obj.certificate),
        "findings": findings,
        "can_manage": can_manage,
        "can_check_actions": request.user.has_perm("certificates.manage_supervision"),
        "action_done_form": ActionDoneForm(),
        "today": timezone.localdate(),
        "breadcrumbs": _plan_crumbs(
            (obj.plan.title, reverse("backoffice:inspection_plan_detail", args=[obj.plan_id])),
            (obj.certificate.number, None),
        ),
    }
    if can_manage:
        context |= {
            "finding_form": FindingForm(inspection=obj),
            "action_form": ActionForm(inspection=obj) if findings else None,
            "conclude_form": ConcludeForm(),
        }
    return render(request, "certificates/inspection_detail.html", context)


def _back_to(inspection) -> str:
    return reverse("backoffice:inspection_detail", args=[inspection.pk])


@require_POST
@require_perm("certificates.manage_supervision", load_object=_load_inspection)
def inspection_finding_add(request, pk, obj):
    return act_and_return(
        request,
        FindingForm(request.POST, inspection=obj),
        lambda data: supervision.record_finding(actor=request.user, inspection=obj, **data),
        _("Finding recorded."),
        _back_to(obj),
    )


@require_POST
@require_perm("certificates.manage_supervision", load_object=_load_inspection)
def inspection_action_add(request, pk, obj):
    def add(data):
        finding = get_object_or_404(obj.findings, pk=data.pop("finding"))
        return supervision.add_corrective_action(actor=request.user, finding=finding, **data)

    return act_and_return(
        request, ActionForm(request.POST, inspection=obj), add, _("Corrective action added."), _back_to(obj)
    )


@require_POST
@require_perm("certificates.manage_supervision", load_object=_load_action)
def inspection_action_done(request, pk, obj):
    return act_and_return(
        request,
        ActionDoneForm(request.POST),
        lambda data: supervision.complete_corrective_action(actor=request.user, action=obj, **data),
        _("The corrective action is checked as done."),
        _back_to(obj.finding.inspection),
    )


@require_POST
@require_perm("certificates.manage_supervision", load_object=_load_inspection)
def inspection_conclude(request, pk, obj):
    return act_and_return(
        request,
        ConcludeForm(request.POST),
        lambda data: supervision.conclude_inspection(actor=request.user, inspection=obj, **data),
        _("Inspection concluded."),
        _back_to(obj),
    )
