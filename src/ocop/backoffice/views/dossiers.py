"""Evaluation dossiers: the producer's filing, the commune's review, the evaluation level's intake."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, F, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from ocop.backoffice.access import paginate, require_perm
from ocop.backoffice.files import attachment_response, pdf_response
from ocop.backoffice.forms import act_and_return, form_page, save_form
from ocop.common.domain.activity import history_of
from ocop.common.papers.official import render_pdf
from ocop.common.text import fold
from ocop.councils.domain.outcome import outcome_of
from ocop.dossiers import checklist
from ocop.dossiers.domain import drafting, next_steps, workflow
from ocop.dossiers.domain.queries import visible_dossiers
from ocop.dossiers.domain.trace_evidence import criterion_evidence
from ocop.dossiers.enums import DossierState, Level
from ocop.dossiers.interfaces import papers
from ocop.dossiers.interfaces.forms import (
    CommuneReportForm,
    DossierFilterForm,
    DossierForm,
    EvidenceForm,
    MarkForm,
    NewDossierForm,
    RejectForm,
    SubmitForm,
    SupplementForm,
)
from ocop.dossiers.models import Evidence
from ocop.evaluation.domain.scoring import answers_from_form, score_sheet, usable_answers
from ocop.promotion.domain.evidence import CRITERION_CODE, CRITERION_PART, fair_participation

FAIR_CRITERION = (CRITERION_PART, CRITERION_CODE)
FAIRS_SHOWN = 10  # the latest fairs beside criterion B.4.3


def _load(request, pk, **_route):
    dossiers = visible_dossiers(request.user).select_related(
        "product__producer__unit", "commune", "evaluation_unit", "rule_set", "round"
    )
    return get_object_or_404(dossiers, pk=pk)


def _crumbs(*extra):
    return [(_("Dossiers"), reverse("backoffice:dossier_list")), *extra]


def _detail(dossier):
    return redirect("backoffice:dossier_detail", pk=dossier.pk)


@require_perm("dossiers.view_dossiers")
def dossier_list(request):
    filters = DossierFilterForm(request.GET or None)
    rows = visible_dossiers(request.user).select_related("product", "producer", "commune")
    if filters.is_valid():
        if query := filters.cleaned_data["q"].strip():
            rows = rows.filter(
                Q(product__search_name__contains=fold(query))
                | Q(producer__search_name__contains=fold(query))
                | Q(receipt_number__icontains=query)
            )
        if filters.cleaned_data["state"]:
            rows = rows.filter(state=filters.cleaned_data["state"])
    rows = rows.order_by(F("deadline").asc(nulls_last=True), "-updated_at")  # the most urgent first
    counts = dict(visible_dossiers(request.user).values_list("state").annotate(n=Count("id", distinct=True)))
    return render(
        request,
        "backoffice/dossier_list.html",
        {
            "filters": filters,
            "page": paginate(request, rows),
            "today": timezone.localdate(),
            "counts": [(state, label, counts[state]) for state, label in DossierState.choices if state in counts],
            "breadcrumbs": _crumbs(),
            "can_add": request.user.has_perm("dossiers.add_dossier"),
        },
    )


@require_perm("dossiers.add_dossier")
def dossier_create(request):
    form = NewDossierForm(request.POST or None, actor=request.user, initial={"product": request.GET.get("product")})
    dossier = save_form(request, form, lambda data: drafting.create_dossier(actor=request.user, **data))
    if dossier:
        messages.success(request, _("Dossier created. Add the evidence and the self-assessment, then submit it."))
        return _detail(dossier)
    return form_page(
        request, form, title=_("New evaluation dossier"), breadcrumbs=_crumbs((_("New evaluation dossier"), None))
    )


def _self_score(dossier):
    if not dossier.self_score_answers:
        return None
    sheet = drafting.scoring_sheet(dossier)
    return score_sheet(sheet, usable_answers(sheet, dossier.self_score_answers))


@require_perm("dossiers.view_dossiers", load_object=_load)
def dossier_detail(request, pk, obj):
    user = request.user
    product_set = obj.filed_product_set
    evidence = list(obj.evidence.select_related("document"))
    marks = {(m.requirement, m.level): m for m in obj.marks.select_related("marked_by")}
    items = [
        {
            "requirement": r,
            "required": r.required(product_set),
            "evidence": [e for e in evidence if e.requirement == r.code],
            "commune_mark": marks.get((r.code, Level.COMMUNE)),
            "evaluation_mark": marks.get((r.code, obj.evaluation_level)) if obj.evaluation_level else None,
        }
        for r in checklist.requirements_for(product_set)
    ]
    can_change = user.has_perm("dossiers.change_dossier", obj)
    context = {
        "dossier": obj,
        "items": items,
        "history": history_of(obj)[:40],
        "open_requests": [
            (supplement, next_steps.asked_for(supplement))
            for supplement in obj.supplement_requests.filter(answered_at__isnull=True)
        ],
        "rejection_reasons": next_steps.rejection_reasons(obj),
        "report": getattr(obj, "commune_report", None),
        "reviews": list(obj.commune_reviews.all()),
        "self_score": _self_score(obj),
        "outcome": outcome_of(obj),
        "next": _next_step_rows(request, obj),
        "can_change": can_change,
        "can_review": user.has_perm("dossiers.review_at_commune", obj),
        "can_decide": user.has_perm("dossiers.decide_at_evaluation_level", obj),
        "reusable": drafting.reusable_documents(obj) if can_change else {},
        "breadcrumbs": _crumbs((str(obj), None)),
    }
    if can_change:
        context["evidence_form"] = EvidenceForm(dossier=obj)
    return render(request, "backoffice/dossier_detail.html", context)


# Where each next step of dossiers.domain.next_steps is taken (a POST, or a page for a new dossier).
STEP_URLS = {
    "submit": "backoffice:dossier_submit",
    "resubmit": "backoffice:dossier_resubmit",
    "forward": "backoffice:dossier_forward",
    "accept": "backoffice:dossier_accept",
    "return": "backoffice:dossier_return",
    "reject": "backoffice:dossier_reject",
    "withdraw": "backoffice:dossier_withdraw",
}


def _next_step_rows(request, dossier) -> dict:
    """The dossier's next steps for this user, each with where it is taken and the form it needs, if any."""
    steps = next_steps.next_actions(dossier, request.user)
    forms_needed = {
        "return": SupplementForm(dossier=dossier),
        "reject": RejectForm(),
        # Officers may record the day a paper dossier was received.
        "submit": SubmitForm() if request.user.has_perm("dossiers.receive_paper_dossier") else None,
    }
    rows = []
    for action in steps.actions:
        if action.key == "new_dossier":
            url = f"{reverse('backoffice:dossier_create')}?product={dossier.product_id}"
        else:
            url = reverse(STEP_URLS[action.key], args=[dossier.pk])
        rows.append(
            {
                "action": action,
                "url": url,
                "form": forms_needed.get(action.key),
                "page": action.key == "new_dossier",
                "folded": action.key in ("return", "reject"),  # written first: the form opens on a click
            }
        )
    return {"situation": steps.situation, "rows": rows}


@require_perm("dossiers.change_dossier", load_object=_load)
def dossier_edit(request, pk, obj):
    form = DossierForm(request.POST or None, instance=obj)
    if save_form(request, form, lambda data: drafting.update_dossier(actor=request.user, dossier=obj, **data)):
        messages.success(request, _("Changes saved."))
        return _detail(obj)
    detail = reverse("backoffice:dossier_detail", args=[obj.pk])
    return form_page(
        request,
        form,
        title=_("Registration form and self-assessment report"),
        cancel_url=detail,
        breadcrumbs=_crumbs((str(obj), detail), (_("Edit"), None)),
    )


@require_perm("dossiers.change_dossier", load_object=_load)
def dossier_self_score(request, pk, obj):
    sheet = drafting.scoring_sheet(obj)
    answers = (
        answers_from_form(sheet, request.POST)
        if request.method == "POST"
        else usable_answers(sheet, obj.self_score_answers)
    )
    evidence = (
        {code: request.POST.get(f"evidence-{code}", "") for code in sheet.leaves_by_code}
        if request.method == "POST"
        else obj.self_score_evidence
    )
    errors = []
    if request.method == "POST":
        try:
            saved = drafting.save_self_score(actor=request.user, dossier=obj, answers=answers, evidence=evidence)
        except ValidationError as error:
            errors = error.messages
        else:
            if not saved.unanswered:
                messages.success(request, _("Self-assessment saved."))
                return _detail(obj)
            messages.success(
                request,
                ngettext(
                    "Saved as a draft: %(count)s criterion is still open; answer it before submitting the dossier.",
                    "Saved as a draft: %(count)s criteria are still open; answer them before submitting the dossier.",
                    len(saved.unanswered),
                )
                % {"count": len(saved.unanswered)},
            )
            return redirect("backoffice:dossier_self_score", pk=obj.pk)
    detail = reverse("backoffice:dossier_detail", args=[obj.pk])
    traced = criterion_evidence(obj, sheet, timezone.localdate())
    # Criterion B.4.3 (promotion of the product) shows the fairs the producer took part in (the view composes it:
    # promotion sits above dossiers).
    fairs_attended = list(fair_participation(obj.producer, timezone.localdate())[:FAIRS_SHOWN])
    parts = [
        (
            part,
            [
                (
                    leaf,
                    answers.get(leaf.code),
                    evidence.get(leaf.code, ""),
                    traced.get(leaf.code),
                    fairs_attended if (leaf.part, leaf.code) == FAIR_CRITERION else None,
                )
                for leaf in sheet.leaves
                if leaf.part == part
            ],
        )
        for part in sheet.parts
    ]
    return render(
        request,
        "backoffice/dossier_self_score.html",
        {
            "dossier": obj,
            "sheet": sheet,
            "parts": parts,
            "errors": errors,
            # The total as the scoring module computes it from what is saved (or was just sent back with errors).
            "score": score_sheet(sheet, usable_answers(sheet, answers)),
            "detail_url": detail,
            "breadcrumbs": _crumbs((str(obj), detail), (_("Self-score"), None)),
        },
    )


def _act(request, obj, form, call, success):
    """One of the dossier's small forms (a transition, an upload, a tick), then back to the dossier."""
    return act_and_return(request, form, call, success, reverse("backoffice:dossier_detail", args=[obj.pk]))


@require_POST
@require_perm("dossiers.change_dossier", load_object=_load)
def dossier_submit(request, pk, obj):
    # Officers may record the day a paper dossier was received; a producer files today.
    paper = request.user.has_perm("dossiers.receive_paper_dossier")
    return _act(
        request,
        obj,
        SubmitForm(request.POST),
        lambda data: workflow.submit_dossier(actor=request.user, dossier=obj, on=data["filed_on"] if paper else None),
        _("The dossier was filed with the commune."),
    )


@require_POST
@require_perm("dossiers.change_dossier", load_object=_load)
def dossier_resubmit(request, pk, obj):
    return _act(
        request,
        obj,
        forms.Form(request.POST),
        lambda data: workflow.resubmit_dossier(actor=request.user, dossier=obj),
        _("The dossier was sent back."),
    )


@require_POST
@require_perm("dossiers.withdraw_dossier", load_object=_load)
def dossier_withdraw(request, pk, obj):
    return _act(
        request,
        obj,
        forms.Form(request.POST),
        lambda data: workflow.withdraw_dossier(actor=request.user, dossier=obj),
        _("The dossier was withdrawn."),
    )


@require_POST
@require_perm("dossiers.change_dossier", load_object=_load)
def evidence_add(request, pk, obj):
    return _act(
        request,
        obj,
        EvidenceForm(request.POST, request.FILES, dossier=obj),
        lambda data: drafting.add_evidence(actor=request.user, dossier=obj, **data),
        _("Evidence added."),
    )


@require_POST
@require_perm("dossiers.change_dossier", load_object=_load)
def evidence_reuse(request, pk, obj):
    reusable = drafting.reusable_documents(obj)
    requirement = request.POST.get("requirement", "")
    document = next((d for d in reusable.get(requirement, []) if str(d.pk) == request.POST.get("document")), None)
    if document is None:
        messages.error(request, _("This document cannot serve this item."))
        return _detail(obj)
    return _act(
        request,
        obj,
        forms.Form(request.POST),
        lambda data: drafting.reuse_document(
            actor=request.user, dossier=obj, requirement=requirement, document=document
        ),
        _("The registry document is used for this item."),
    )


def _load_evidence(request, pk, evidence_pk):
    return get_object_or_404(
        Evidence.objects.select_related("dossier", "document"), pk=evidence_pk, dossier=_load(request, pk)
    )


def _load_dossier_of_evidence(request, pk, evidence_pk):
    return _load(request, pk)


@require_POST
@require_perm("dossiers.change_dossier", load_object=_load_dossier_of_evidence)
def evidence_remove(request, pk, evidence_pk, obj):
    evidence = get_object_or_404(obj.evidence, pk=evidence_pk)
    return _act(
        request,
        obj,
        forms.Form(request.POST),
        lambda data: drafting.remove_evidence(actor=request.user, evidence=evidence),
        _("Evidence removed."),
    )


@require_perm("dossiers.view_dossiers", load_object=_load_evidence)
def evidence_file(request, pk, evidence_pk, obj):
    return attachment_response(
        obj.document.file if obj.document_id else obj.file, inline=obj.mime_type.startswith("image/")
    )


@require_POST
@require_perm("dossiers.review_here", load_object=_load)
def dossier_mark(request, pk, obj):
    form = MarkForm(request.POST)

    def mark(data):
        return drafting.mark_item(actor=request.user, dossier=obj, **data)

    if not request.htmx:
        return _act(request, obj, form, mark, _("Checklist updated."))
    # Clicked on the page: the item's cell and the next step (what still keeps the dossier here) change in place.
    saved = save_form(request, form, mark)
    code = request.POST.get("requirement", "")
    return render(
        request,
        "backoffice/dossier_mark_saved.html",
        {
            "dossier": obj,
            "code": code,
            "mark": saved or obj.marks.filter(requirement=code, level=obj.current_level).first(),
            "problems": [str(error) for errors in form.errors.values() for error in errors],
            "next": _next_step_rows(request, obj),
        },
    )


@require_perm("dossiers.review_at_commune", load_object=_load)
def dossier_commune_report(request, pk, obj):
    form = CommuneReportForm(request.POST or None, instance=getattr(obj, "commune_report", None))
    if save_form(request, form, lambda data: drafting.record_commune_report(actor=request.user, dossier=obj, **data)):
        messages.success(request, _("The commune report (form 03) was saved."))
        return _detail(obj)
    detail = reverse("backoffice:dossier_detail", args=[obj.pk])
    return form_page(
        request,
        form,
        title=_("Commune report (form 03)"),
        cancel_url=detail,
        breadcrumbs=_crumbs((str(obj), detail), (_("Form 03"), None)),
        intro=_("Confirm the four facts the commune vouches for before forwarding the dossier."),
    )


@require_POST
@require_perm("dossiers.review_at_commune", load_object=_load)
def dossier_forward(request, pk, obj):
    return _act(
        request,
        obj,
        forms.Form(request.POST),
        lambda data: workflow.forward_dossier(actor=request.user, dossier=obj),
        _("The dossier was forwarded for evaluation."),
    )


@require_POST
@require_perm("dossiers.review_here", load_object=_load)
def dossier_return(request, pk, obj):
    return _act(
        request,
        obj,
        SupplementForm(request.POST, dossier=obj),
        lambda data: workflow.request_supplement(actor=request.user, dossier=obj, **data),
        _("The dossier was returned to the producer."),
    )


@require_POST
@require_perm("dossiers.review_here", load_object=_load)
def dossier_reject(request, pk, obj):
    return _act(
        request,
        obj,
        RejectForm(request.POST),
        lambda data: workflow.reject_dossier(actor=request.user, dossier=obj, **data),
        _("The dossier was rejected."),
    )


@require_POST
@require_perm("dossiers.decide_at_evaluation_level", load_object=_load)
def dossier_accept(request, pk, obj):
    return _act(
        request,
        obj,
        forms.Form(request.POST),
        lambda data: workflow.accept_dossier(actor=request.user, dossier=obj),
        _("The dossier was accepted into a round."),
    )


@require_perm("dossiers.view_dossiers", load_object=_load)
def dossier_receipt(request, pk, obj):
    if not obj.receipt_number:
        raise Http404
    document, body = papers.receipt(obj)
    return pdf_response(render_pdf(document, body), f"phieu-tiep-nhan-{obj.pk}.pdf")


@require_perm("dossiers.view_dossiers", load_object=_load)
def dossier_summary(request, pk, obj):
    document, body = papers.summary(obj)
    return pdf_response(render_pdf(document, body), f"tom-tat-ho-so-{obj.pk}.pdf")
