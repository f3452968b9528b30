"""A member's score sheet: autosaved while scoring, submitted once, reopened only by a re-score request."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.common.domain.activity import log_action
from ocop.common.domain.locking import lock
from ocop.common.domain.notifications import notify
from ocop.common.text import clean_text
from ocop.councils.domain.membership import conflicted_producer_ids, ensure_free_of_conflict
from ocop.councils.domain.sessions import ensure_open
from ocop.councils.models import Assignment, RescoreRequest, Session
from ocop.dossiers.domain.drafting import scoring_sheet
from ocop.evaluation.definitions import Sheet
from ocop.evaluation.domain.scoring import SheetScore, answer_problems, score_sheet


def sheet_of(assignment: Assignment) -> Sheet:
    return scoring_sheet(assignment.dossier)


def _ensure_editable(assignment: Assignment) -> None:
    ensure_open(assignment.session)
    lock(assignment)
    if assignment.dossier.producer_id in conflicted_producer_ids(assignment.member):
        raise ValidationError(
            _("%(member)s is linked to %(producer)s and may not score its product.")
            % {"member": assignment.member.user, "producer": assignment.dossier.producer},
            code="conflict",
        )
    if assignment.submitted_at is not None:
        raise ValidationError(_("This sheet was submitted; only a re-score request reopens it."), code="submitted")


@transaction.atomic
def save_answers(
    *, actor, assignment: Assignment, answers: dict[str, int], disqualified: bool = False, comment: str = ""
) -> SheetScore:
    """Autosave: any subset of criteria, checked against the sheet; nothing about it is final."""
    _ensure_editable(assignment)
    sheet = sheet_of(assignment)
    if problems := answer_problems(sheet, answers):
        raise ValidationError(problems)
    assignment.answers = dict(answers)
    assignment.disqualified = disqualified
    assignment.comment = (comment or "").strip()
    assignment.saved_at = timezone.now()
    assignment.save(update_fields=["answers", "disqualified", "comment", "saved_at"])
    return score_sheet(sheet, assignment.answers, disqualified=disqualified)


@transaction.atomic
def submit_sheet(*, actor, assignment: Assignment) -> SheetScore:
    _ensure_editable(assignment)
    score = score_sheet(sheet_of(assignment), assignment.answers, disqualified=assignment.disqualified)
    if score.unanswered:
        raise ValidationError(
            _("Answer every criterion before submitting; %(count)s are still open.") % {"count": len(score.unanswered)},
            code="unanswered",
        )
    assignment.submitted_at = timezone.now()
    assignment.save(update_fields=["submitted_at"])
    log_action(
        actor=actor,
        verb="councils.sheet_submitted",
        target=assignment.session,
        data={
            "dossier": assignment.dossier.receipt_number,
            "member": assignment.member.user.username,
            "total": score.total,
            "disqualified": assignment.disqualified,
        },
    )
    return score


@transaction.atomic
def request_rescore(*, actor, session: Session, dossier, reason: str) -> int:
    """The council discusses a product (e.g. totals too far apart) and its members score it again. Not asked by
    someone whose seat is conflicted with the producer (the chair and the secretary included)."""
    ensure_open(session)
    ensure_free_of_conflict(session.council, actor, dossier.producer)
    reason = clean_text(reason)
    if not reason:
        raise ValidationError({"reason": _("Say why the product is scored again.")})
    sheets = list(
        session.assignments.filter(dossier=dossier, submitted_at__isnull=False).select_related("member__user")
    )
    if not sheets:
        raise ValidationError(_("No member has submitted this product yet."))
    Assignment.objects.filter(pk__in=[s.pk for s in sheets]).update(submitted_at=None)
    RescoreRequest.objects.create(session=session, dossier=dossier, reason=reason, requested_by=actor)
    log_action(
        actor=actor,
        verb="councils.rescore_requested",
        target=session,
        data={"dossier": dossier.receipt_number, "reason": reason, "sheets": len(sheets)},
    )
    notify(
        recipients=[s.member.user for s in sheets],
        verb="councils.rescore_requested",
        message=_("Please score %(product)s again: %(reason)s") % {"product": dossier.product.name, "reason": reason},
    )
    return len(sheets)


def may_see_others(assignment: Assignment) -> bool:
    """A member sees the other members' totals only after submitting their own sheet."""
    return assignment.submitted_at is not None
