"""The council's result per dossier, computed by the one scoring module and frozen when the session closes."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from ocop.common.domain.activity import log_action
from ocop.common.domain.locking import lock
from ocop.common.text import clean_text
from ocop.councils.domain.membership import conflicted_producer_ids, ensure_free_of_conflict, seat_conflicts
from ocop.councils.domain.sessions import ensure_open, session_dossiers
from ocop.councils.domain.sheets import may_see_others
from ocop.councils.enums import SCORING_ROLES, MemberRole, SessionState
from ocop.councils.models import CouncilMember, RescoreRequest, Result, Session, SpreadReason
from ocop.dossiers.domain.drafting import scoring_rules, scoring_sheet
from ocop.dossiers.domain.routing import recognising_level
from ocop.dossiers.enums import DossierState
from ocop.dossiers.models import Dossier
from ocop.evaluation.domain.scoring import CouncilScore, quorum_needed, score_council, score_sheet, usable_answers


def dossier_score(session: Session, dossier, sheets) -> CouncilScore | None:
    """The council's score of a dossier from its submitted sheets (None while none is submitted).

    How the members' findings of a disqualifying fault (forged dossier, no food-safety certificate…) and their
    star minima add up is the dossier's rule set's: ``RuleSet.disqualification_rule`` and ``minimum_rule``.
    """
    submitted = [s for s in sheets if s.submitted_at is not None]
    if not submitted:
        return None
    sheet = scoring_sheet(dossier)
    try:
        rules = dossier.rule_set
        return score_council(
            sheet,
            [(str(s.member.user), usable_answers(sheet, s.answers)) for s in submitted],
            bands=rules.bands,
            allowed_spread=session.council.allowed_spread,
            disqualifying_findings=sum(1 for s in submitted if s.disqualified),
            minimum_rule=rules.minimum_rule,
            disqualification_rule=rules.disqualification_rule,
        )
    except ValidationError:  # a sheet saved before the dossier's product set was fixed no longer fits: re-score it
        return None


def scored_dossiers(session: Session):
    """The dossiers the session scores: those waiting in its round while it is open, then those it froze a result
    for (once decided they have moved on: recognised, sent up or closed, and their scores stay readable)."""
    if session.state == SessionState.OPEN:
        return session_dossiers(session)
    return Dossier.objects.filter(results__session=session)


def overview(session: Session, viewer=None) -> list[dict]:
    """One row per dossier: the members' sheets, the council score so far and whether it may be closed.

    Seen by ``viewer`` (the person opening the session page or the minutes), a dossier the viewer still holds an
    unsubmitted sheet of shows its progress only: no member's total, no mean, spread or star
    (``sheets.may_see_others``); so does, always, a dossier of a producer the viewer's seat is conflicted with
    (``conflicted``: the chair and the secretary too). Without a viewer (closing the session) every figure is there.
    A product whose totals are further apart than the council allows says how the council dealt with it
    (``spread_resolution``)."""
    sheets_by_dossier: dict[int, list] = {}
    for sheet in session.assignments.select_related("member__user").order_by("member__user__full_name"):
        sheets_by_dossier.setdefault(sheet.dossier_id, []).append(sheet)
    rescores, reasons = _spread_records(session)
    viewer_pk = getattr(viewer, "pk", None)
    conflicts = seat_conflicts(session.council, viewer) if viewer_pk else set()
    rows = []
    for dossier in (
        scored_dossiers(session).select_related("product", "producer", "rule_set").order_by("receipt_number")
    ):
        sheets = sheets_by_dossier.get(dossier.pk, [])
        conflicted = dossier.producer_id in conflicts
        hidden = conflicted or (
            viewer_pk is not None and any(s.member.user_id == viewer_pk and not may_see_others(s) for s in sheets)
        )
        submitted = sum(1 for s in sheets if s.submitted_at)
        if hidden:
            totals, score = [(s, None) for s in sheets], None
        else:
            criteria = scoring_sheet(dossier) if sheets else None
            totals = [
                (s, score_sheet(criteria, usable_answers(criteria, s.answers)).total if s.submitted_at else None)
                for s in sheets
            ]
            score = dossier_score(session, dossier, sheets)
        rows.append(
            {
                "dossier": dossier,
                "sheets": totals,
                "score": score,
                "hidden": hidden,
                "conflicted": conflicted,
                "submitted": submitted,
                "complete": bool(sheets) and submitted == len(sheets),
                "spread_resolution": SpreadResolution(
                    rescores=rescores.get(dossier.pk, []), reason=reasons.get(dossier.pk)
                )
                if score is not None and score.spread_exceeded
                else None,
            }
        )
    return rows


@dataclass(frozen=True)
class SpreadResolution:
    """How the council dealt with members' totals further apart than it allows: it re-scored the product (the
    re-score requests, with their reasons), or the chair recorded why the result stands. Neither yet: the session
    cannot close."""

    rescores: list[RescoreRequest]
    reason: SpreadReason | None

    @property
    def resolved(self) -> bool:
        return bool(self.rescores) or self.reason is not None


def _spread_records(session: Session) -> tuple[dict[int, list[RescoreRequest]], dict[int, SpreadReason]]:
    rescores: dict[int, list[RescoreRequest]] = {}
    for request in session.rescore_requests.all():
        rescores.setdefault(request.dossier_id, []).append(request)
    reasons = {reason.dossier_id: reason for reason in session.spread_reasons.select_related("recorded_by")}
    return rescores, reasons


def _unresolved_spreads(session: Session, rows: list[dict]) -> list[str]:
    return [
        _(
            "%(product)s: the members' totals are %(spread)s points apart, more than the %(allowed)s allowed. Ask "
            "the members to score it again, or the chair records why the result stands."
        )
        % {
            "product": row["dossier"].product.name,
            "spread": number_format(row["score"].spread, 2),
            "allowed": number_format(session.council.allowed_spread.normalize()),  # 10, not 10,00
        }
        for row in rows
        if row["spread_resolution"] is not None and not row["spread_resolution"].resolved
    ]


def chair_of(session: Session, user) -> CouncilMember | None:
    """The user's seat as the council's active chair, or None."""
    return session.council.members.filter(user=user.pk, role=MemberRole.CHAIR, active=True).first()


@transaction.atomic
def record_spread_reason(*, actor, session: Session, dossier, reason: str) -> SpreadReason:
    """The chair keeps a product's result although its members' totals are further apart than the council allows,
    and says why (the minutes print it); the alternative is a re-score."""
    ensure_open(session)
    chair = chair_of(session, actor)
    ensure_free_of_conflict(session.council, actor, dossier.producer)
    if chair is None:
        raise ValidationError(_("Only the council's chair records why a result stands."), code="not_chair")
    reason = clean_text(reason)
    if not reason:
        raise ValidationError({"reason": _("Say why the result stands although the totals are far apart.")})
    row = next((row for row in overview(session) if row["dossier"].pk == dossier.pk), None)
    if row is None or row["spread_resolution"] is None:
        raise ValidationError(
            _("The members' totals of this product are within the allowed spread: there is nothing to explain."),
            code="within_spread",
        )
    spread_reason, _created = SpreadReason.objects.update_or_create(
        session=session,
        dossier=dossier,
        defaults={"reason": reason, "spread": row["score"].spread, "recorded_by": actor},
    )
    log_action(
        actor=actor,
        verb="councils.spread_reason_recorded",
        target=session,
        data={"dossier": dossier.receipt_number, "spread": row["score"].spread, "reason": reason},
    )
    return spread_reason


def quorum_problems(session: Session) -> list[str]:
    scorers = session.council.members.filter(active=True, role__in=SCORING_ROLES)
    present = session.attendees.filter(active=True, role__in=SCORING_ROLES)
    problems = []
    needed = quorum_needed(scorers.count(), session.council.quorum_fraction)
    if present.count() < needed:
        problems.append(
            _("Quorum not reached: %(present)s of %(members)s members present, %(needed)s needed.")
            % {"present": present.count(), "members": scorers.count(), "needed": needed}
        )
    if not present.filter(role=MemberRole.CHAIR).exists():
        problems.append(_("The chair is not recorded as present."))
    return problems


def _conflicted_sheets(rows: list[dict]) -> list[str]:
    """Sheets whose member became linked to the producer after scoring (an account or organisation change): the
    council may not count them."""
    conflicts: dict[int, set[int]] = {}
    problems = []
    for row in rows:
        for sheet, _total in row["sheets"]:
            if sheet.member_id not in conflicts:
                conflicts[sheet.member_id] = conflicted_producer_ids(sheet.member)
            if row["dossier"].producer_id in conflicts[sheet.member_id]:
                problems.append(
                    _(
                        "%(member)s is linked to %(producer)s: record the conflict of interest on the council's "
                        "page, which takes the sheet away."
                    )
                    % {"member": sheet.member.user, "producer": row["dossier"].producer}
                )
    return problems


@transaction.atomic
def close_session(*, actor, session: Session) -> list[Result]:
    """Freeze the results: quorum met, every sheet submitted; each dossier gets its mean, band and star.

    A second request (a double click, two people at once) waits for the first and gets the results it froze."""
    lock(session)
    if session.state != SessionState.OPEN:
        return list(session.results.order_by("pk"))
    rows = overview(session)
    problems = quorum_problems(session)
    problems += [
        _("%(product)s: not every sheet is submitted.") % {"product": row["dossier"].product.name}
        for row in rows
        if not row["complete"]
    ]
    problems += [
        _("%(product)s: a submitted sheet does not fit the product's scoring sheet; ask for a re-score.")
        % {"product": row["dossier"].product.name}
        for row in rows
        if row["complete"] and row["score"] is None
    ]
    problems += _unresolved_spreads(session, rows)
    problems += _conflicted_sheets(rows)
    if not rows:
        problems.append(_("The session has no dossier to score."))
    if problems:
        raise ValidationError(problems, code="not_ready")
    results = []
    for row in rows:
        dossier, score = row["dossier"], row["score"]
        recognised_by = recognising_level(dossier, score.star) if score.recognised else None
        results.append(
            Result.objects.create(
                session=session,
                dossier=dossier,
                mean=score.mean,
                band=score.band,
                star=score.star,
                recognised=score.recognised,
                disqualified=score.disqualified,
                spread=score.spread,
                detail=score.as_dict() | {"sheets_of": scoring_rules(dossier).identifier},
                recognised_by=recognised_by or "",
            )
        )
        dossier.state = DossierState.SCORED
        dossier.save(update_fields=["state", "updated_at"])
        log_action(
            actor=actor,
            verb="dossiers.scored",
            target=dossier,
            data={"mean": score.mean, "star": score.star, "session": session.pk},
        )
    session.state, session.closed_at = SessionState.CLOSED, timezone.now()
    session.save(update_fields=["state", "closed_at"])
    log_action(actor=actor, verb="councils.session_closed", target=session, data={"results": len(results)})
    return results
