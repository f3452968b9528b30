"""Evaluation councils: members and conflicts, sessions, the scoring screen, results and the decision."""

import re

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ocop.backoffice.access import require_perm
from ocop.backoffice.files import pdf_response
from ocop.backoffice.forms import act_and_return, form_page, save_form
from ocop.common.papers.official import render_pdf
from ocop.councils.domain import decisions, membership, results, sessions, sheets
from ocop.councils.domain.queries import sheets_of, visible_councils, visible_sessions
from ocop.councils.interfaces.forms import (
    ConfirmForm,
    ConflictForm,
    CouncilForm,
    DecisionForm,
    MemberForm,
    NoteForm,
    RescoreForm,
    SessionForm,
    SpreadReasonForm,
)
from ocop.councils.interfaces.minutes import minutes
from ocop.councils.models import CouncilMember
from ocop.dossiers.domain.trace_evidence import criterion_evidence
from ocop.dossiers.models import Dossier
from ocop.evaluation.domain.scoring import answers_from_form, score_sheet, usable_answers
from ocop.producers.domain.queries import visible_producers


def _crumbs(*extra):
    return [(_("Councils"), reverse("backoffice:council_list")), *extra]


def _load_council(request, pk, **_route):
    return get_object_or_404(visible_councils(request.user).select_related("unit"), pk=pk)


def _load_session(request, pk, **_route):
    return get_object_or_404(visible_sessions(request.user).select_related("council__unit", "round__unit"), pk=pk)


def _load_sheet(request, pk):
    return get_object_or_404(
        sheets_of(request.user).select_related(
            "session__council", "dossier__product__producer", "dossier__rule_set", "member"
        ),
        pk=pk,
    )


@require_perm("councils.view_councils")
def council_list(request):
    councils = visible_councils(request.user).select_related("unit").annotate(member_count=Count("members"))
    return render(
        request,
        "councils/council_list.html",
        {
            "councils": councils.order_by("name"),
            "breadcrumbs": _crumbs(),
            "can_add": request.user.has_perm("councils.manage_council"),
            "my_sheets": sheets_of(request.user).filter(submitted_at__isnull=True, session__state="open").count(),
        },
    )


@require_perm("councils.manage_council")
def council_create(request):
    form = CouncilForm(request.POST or None, actor=request.user)
    council = save_form(request, form, lambda data: membership.create_council(actor=request.user, **data))
    if council:
        messages.success(request, _("Council created. Add its members."))
        return redirect("backoffice:council_detail", pk=council.pk)
    return form_page(request, form, title=_("New council"), breadcrumbs=_crumbs((_("New council"), None)))


@require_perm("councils.view_council", load_object=_load_council)
def council_detail(request, pk, obj):
    manage = request.user.has_perm("councils.manage_council", obj)
    return render(
        request,
        "councils/council_detail.html",
        {
            "council": obj,
            "members": obj.members.select_related("user__organisation")
            .prefetch_related("conflicts__producer")
            .order_by("role", "user__full_name"),
            "sessions": obj.sessions.select_related("round").annotate(
                dossier_count=Count("assignments__dossier", distinct=True)
            ),
            "manage": manage,
            "can_open_sessions": request.user.has_perm("councils.oversee_session", obj),
            "member_form": MemberForm(council=obj) if manage else None,
            "producers": visible_producers(request.user).order_by("name").only("pk", "name") if manage else None,
            "breadcrumbs": _crumbs((obj.name, None)),
        },
    )


@require_POST
@require_perm("councils.manage_council", load_object=_load_council)
def council_member_add(request, pk, obj):
    return act_and_return(
        request,
        MemberForm(request.POST, council=obj),
        lambda data: membership.add_member(actor=request.user, council=obj, **data),
        _("Member added."),
        reverse("backoffice:council_detail", args=[pk]),
    )


@require_POST
@require_perm("councils.manage_council", load_object=_load_council)
def council_conflict_add(request, pk, obj):
    form = ConflictForm(request.POST)

    def declare(data):
        member = get_object_or_404(obj.members, pk=data["member"])
        producer = get_object_or_404(visible_producers(request.user), pk=data["producer"])
        return membership.declare_conflict(actor=request.user, member=member, producer=producer, reason=data["reason"])

    return act_and_return(
        request,
        form,
        declare,
        _("Conflict of interest recorded."),
        reverse("backoffice:council_detail", args=[pk]),
    )


@require_perm("councils.manage_council", load_object=_load_council)
def session_create(request, pk, obj):
    form = SessionForm(request.POST or None, council=obj)
    session = save_form(request, form, lambda data: sessions.open_session(actor=request.user, council=obj, **data))
    if session:
        messages.success(request, _("Session opened. Record who is present and assign the products."))
        return redirect("backoffice:session_detail", pk=session.pk)
    return form_page(
        request,
        form,
        title=_("New scoring session"),
        breadcrumbs=_crumbs(
            (obj.name, reverse("backoffice:council_detail", args=[pk])), (_("New scoring session"), None)
        ),
    )


@require_perm("councils.oversee_session", load_object=_load_session)
def session_detail(request, pk, obj):
    members = list(obj.council.members.filter(active=True).select_related("user").order_by("role", "user__full_name"))
    closed = obj.state != "open"
    return render(
        request,
        "councils/session_detail.html",
        {
            "session": obj,
            "members": members,
            "present": set(obj.attendees.values_list("pk", flat=True)),
            "rows": results.overview(obj, viewer=request.user),
            "progress": sessions.progress(obj),
            "quorum_problems": results.quorum_problems(obj) if not closed else [],
            "close_form": ConfirmForm() if not closed else None,
            "can_explain_spread": not closed and request.user.has_perm("councils.explain_spread", obj.council),
            "draft": decisions.draft_decision(obj) if closed else None,
            "decision": obj.decision,
            "decision_form": DecisionForm(
                initial={
                    "issuing_body": decisions.default_issuing_body(obj.council),
                    "decided_on": timezone.localdate(),
                }
            )
            if obj.state == "closed"
            else None,
            "notes": sessions.visible_notes(obj, request.user).select_related("author", "dossier__product"),
            "can_manage": request.user.has_perm("councils.manage_council", obj.council),
            "breadcrumbs": _crumbs(
                (obj.council.name, reverse("backoffice:council_detail", args=[obj.council_id])),
                (str(obj.held_on.strftime("%d/%m/%Y")), None),
            ),
        },
    )


def _session_url(session):
    return reverse("backoffice:session_detail", args=[session.pk])


@require_POST
@require_perm("councils.oversee_session", load_object=_load_session)
def session_attendance(request, pk, obj):
    ticked = [value for value in request.POST.getlist("present") if re.fullmatch(r"[0-9]{1,10}", value)]
    present = obj.council.members.filter(pk__in=ticked)
    return act_and_return(
        request,
        forms.Form(request.POST),
        lambda data: sessions.record_attendance(actor=request.user, session=obj, members=list(present)),
        _("Attendance recorded."),
        _session_url(obj),
    )


@require_POST
@require_perm("councils.oversee_session", load_object=_load_session)
def session_auto_assign(request, pk, obj):
    per_dossier = request.POST.get("per_dossier", "").strip()
    per_dossier = int(per_dossier) if re.fullmatch(r"[0-9]{1,3}", per_dossier) else None
    return act_and_return(
        request,
        forms.Form(request.POST),
        lambda data: sessions.auto_assign(
            actor=request.user,
            session=obj,
            per_dossier=per_dossier,
        ),
        _("Products assigned to members."),
        _session_url(obj),
    )


@require_POST
@require_perm("councils.oversee_session", load_object=_load_session)
def session_assign(request, pk, obj):
    dossier = get_object_or_404(Dossier, pk=request.POST.get("dossier"), round=obj.round)
    member = get_object_or_404(CouncilMember, pk=request.POST.get("member"), council=obj.council)
    return act_and_return(
        request,
        forms.Form(request.POST),
        lambda data: sessions.assign(actor=request.user, session=obj, dossier=dossier, member=member),
        _("Assigned."),
        _session_url(obj),
    )


@require_POST
@require_perm("councils.oversee_session", load_object=_load_session)
def session_rescore(request, pk, obj):
    form = RescoreForm(request.POST)

    def rescore(data):
        dossier = get_object_or_404(Dossier, pk=data["dossier"], round=obj.round)
        return sheets.request_rescore(actor=request.user, session=obj, dossier=dossier, reason=data["reason"])

    return act_and_return(
        request, form, rescore, _("The members were asked to score the product again."), _session_url(obj)
    )


@require_POST
@require_perm("councils.explain_spread", load_object=_load_session)
def session_spread_reason(request, pk, obj):
    form = SpreadReasonForm(request.POST)

    def record(data):
        dossier = get_object_or_404(Dossier, pk=data["dossier"], round=obj.round)
        return results.record_spread_reason(actor=request.user, session=obj, dossier=dossier, reason=data["reason"])

    return act_and_return(request, form, record, _("The chair's reason is recorded."), _session_url(obj))


@require_POST
@require_perm("councils.oversee_session", load_object=_load_session)
def session_close(request, pk, obj):
    return act_and_return(
        request,
        ConfirmForm(request.POST),
        lambda data: results.close_session(actor=request.user, session=obj),
        _("The session is closed and its results are final."),
        _session_url(obj),
    )


@require_POST
@require_perm("councils.manage_council", load_object=_load_session)
def session_decide(request, pk, obj):
    def approve(data):
        del data["confirm"]
        return decisions.approve_decision(actor=request.user, session=obj, **data)

    return act_and_return(
        request,
        DecisionForm(request.POST),
        approve,
        _("The decision was approved and its certificates issued."),
        _session_url(obj),
    )


@require_POST
@require_perm("councils.write_note", load_object=_load_session)
def session_note(request, pk, obj):
    form = NoteForm(request.POST)

    def add(data):
        dossier = get_object_or_404(Dossier, pk=data["dossier"], round=obj.round)
        return sessions.add_note(actor=request.user, session=obj, dossier=dossier, kind=data["kind"], text=data["text"])

    target = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return act_and_return(request, form, add, _("Note saved."), target if safe else _session_url(obj))


@require_perm("councils.view_my_sheets")
def my_scoring(request):
    mine = sheets_of(request.user).select_related("session__council", "dossier__product", "dossier__producer")
    grouped = {}
    for sheet in mine.order_by("-session__held_on", "dossier__receipt_number"):
        grouped.setdefault(sheet.session, []).append(sheet)
    return render(
        request,
        "councils/my_scoring.html",
        {
            "sessions": [
                (session, items, sum(1 for s in items if s.submitted_at)) for session, items in grouped.items()
            ],
            "breadcrumbs": [(_("My score sheets"), None)],
        },
    )


def _sheet_context(request, assignment, answers, problems=()):
    sheet = sheets.sheet_of(assignment)
    dossier = assignment.dossier
    self_answers, self_evidence = dossier.self_score_answers, dossier.self_score_evidence
    traced = criterion_evidence(dossier, sheet, timezone.localdate())
    parts = [
        (
            part,
            [
                (
                    leaf,
                    answers.get(leaf.code),
                    self_answers.get(leaf.code),
                    self_evidence.get(leaf.code, ""),
                    traced.get(leaf.code),
                )
                for leaf in sheet.leaves
                if leaf.part == part
            ],
        )
        for part in sheet.parts
    ]
    others = []
    if sheets.may_see_others(assignment):
        for other in (
            assignment.session.assignments.filter(dossier=dossier)
            .exclude(pk=assignment.pk)
            .select_related("member__user")
        ):
            total = score_sheet(sheet, usable_answers(sheet, other.answers)).total if other.submitted_at else None
            others.append((other.member, total))
    return {
        "assignment": assignment,
        "dossier": dossier,
        "sheet": sheet,
        "parts": parts,
        "problems": problems,
        "score": score_sheet(sheet, usable_answers(sheet, answers), disqualified=assignment.disqualified),
        "evidence": dossier.evidence.select_related("document"),
        "others": others,
        "editable": request.user.has_perm("councils.score", assignment) and not assignment.submitted_at,
        "breadcrumbs": [(_("My score sheets"), reverse("backoffice:my_scoring")), (dossier.product.name, None)],
    }


@require_perm("councils.view_sheet", load_object=_load_sheet)
def score_sheet_view(request, pk, obj):
    saved = usable_answers(sheets.sheet_of(obj), obj.answers)
    if request.method != "POST":
        return render(request, "councils/score_sheet.html", _sheet_context(request, obj, saved))
    if not request.user.has_perm("councils.score", obj):
        return render(request, "councils/score_sheet.html", _sheet_context(request, obj, saved), status=403)
    answers = answers_from_form(sheets.sheet_of(obj), request.POST)
    problems = []
    try:
        score = sheets.save_answers(
            actor=request.user,
            assignment=obj,
            answers=answers,
            disqualified=request.POST.get("disqualified") == "1",
            comment=request.POST.get("comment", ""),
        )
    except ValidationError as error:
        problems, score = error.messages, None
    if request.htmx:
        return render(
            request, "councils/score_sheet.html#saved", {"score": score, "problems": problems, "assignment": obj}
        )
    if not problems:
        messages.success(request, _("Saved."))
        return redirect("backoffice:score_sheet", pk=obj.pk)
    return render(request, "councils/score_sheet.html", _sheet_context(request, obj, answers, problems))


@require_POST
@require_perm("councils.score", load_object=_load_sheet)
def score_sheet_submit(request, pk, obj):
    form = forms.Form(request.POST)
    if save_form(request, form, lambda data: sheets.submit_sheet(actor=request.user, assignment=obj)) is None:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("backoffice:score_sheet", pk=obj.pk)
    messages.success(request, _("Sheet submitted. You can now see the other members' totals."))
    return redirect("backoffice:score_sheet", pk=obj.pk)


@require_perm("councils.oversee_session", load_object=_load_session)
def session_minutes(request, pk, obj):
    document, body = minutes(obj, viewer=request.user)
    return pdf_response(render_pdf(document, body), f"bien-ban-{obj.pk}.pdf")
