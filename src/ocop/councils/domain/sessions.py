"""Scoring sessions: which dossiers, who is present, who scores what (never a producer they are linked to)."""

import datetime
from collections import Counter

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ocop.common.domain.activity import log_action
from ocop.common.domain.locking import lock
from ocop.common.text import clean_text
from ocop.councils.domain.membership import conflicted_producer_ids, ensure_free_of_conflict, seat_conflicts
from ocop.councils.enums import SCORING_ROLES
from ocop.councils.models import Assignment, Council, CouncilMember, ReviewNote, Session
from ocop.dossiers.enums import DossierState
from ocop.dossiers.models import Dossier, Round


def ensure_open(session: Session) -> None:
    """Re-read the session under lock (common.domain.locking) and refuse unless it is still open."""
    lock(session)
    if not session.is_open:
        raise ValidationError(
            _("The session is closed: its sheets and assignments can no longer change."), code="session_closed"
        )


def session_dossiers(session: Session):
    """The dossiers of the session's round that wait for this council's scores."""
    return Dossier.objects.filter(round=session.round, state__in=[DossierState.ACCEPTED, DossierState.SCORED])


@transaction.atomic
def open_session(*, actor, council: Council, round: Round, held_on: datetime.date, place: str = "") -> Session:
    if round.level != council.level or round.unit_id != council.unit_id:
        raise ValidationError({"round": _("This round is not of the council's level and area.")})
    if round.closed_at is not None:
        raise ValidationError({"round": _("This round is closed.")})
    session = Session.objects.create(council=council, round=round, held_on=held_on, place=clean_text(place))
    log_action(actor=actor, verb="councils.session_opened", target=session, data={"round": str(round)})
    return session


@transaction.atomic
def record_attendance(*, actor, session: Session, members) -> Session:
    ensure_open(session)
    members = [m for m in members if m.council_id == session.council_id]
    session.attendees.set(members)
    log_action(
        actor=actor,
        verb="councils.attendance_recorded",
        target=session,
        data={"present": sorted(m.user.username for m in members)},
    )
    return session


def _check_member_may_score(member: CouncilMember, dossier: Dossier, session: Session) -> None:
    if member.council_id != session.council_id or not member.active or member.role not in SCORING_ROLES:
        raise ValidationError(_("Only active scoring members of this council score its products."))
    if dossier.producer_id in conflicted_producer_ids(member):
        raise ValidationError(
            _("%(member)s is linked to %(producer)s and may not score its product.")
            % {"member": member.user, "producer": dossier.producer},
            code="conflict",
        )
    if not session_dossiers(session).filter(pk=dossier.pk).exists():
        raise ValidationError(_("This dossier is not waiting in the session's round."))


@transaction.atomic
def assign(*, actor, session: Session, dossier: Dossier, member: CouncilMember) -> Assignment:
    ensure_open(session)
    _check_member_may_score(member, dossier, session)
    assignment, created = Assignment.objects.get_or_create(session=session, dossier=dossier, member=member)
    if created:
        log_action(
            actor=actor,
            verb="councils.assigned",
            target=session,
            data={"dossier": dossier.receipt_number, "member": member.user.username},
        )
    return assignment


@transaction.atomic
def unassign(*, actor, assignment: Assignment) -> None:
    ensure_open(assignment.session)
    if assignment.submitted_at is not None:
        raise ValidationError(_("A submitted sheet cannot be taken away."))
    log_action(
        actor=actor,
        verb="councils.unassigned",
        target=assignment.session,
        data={"dossier": assignment.dossier.receipt_number, "member": assignment.member.user.username},
    )
    assignment.delete()


@transaction.atomic
def auto_assign(*, actor, session: Session, per_dossier: int | None = None) -> int:
    """Give every dossier ``per_dossier`` scorers (all eligible members when None), least-loaded members first,
    never a member linked to the producer. Returns how many sheets were created."""
    ensure_open(session)
    members = list(
        session.council.members.filter(active=True, role__in=SCORING_ROLES).select_related("user__organisation")
    )
    conflicts = {member.pk: conflicted_producer_ids(member) for member in members}
    load = Counter(session.assignments.values_list("member_id", flat=True))
    existing = set(session.assignments.values_list("dossier_id", "member_id"))
    created = []
    for dossier in session_dossiers(session).order_by("receipt_number"):
        eligible = [m for m in members if dossier.producer_id not in conflicts[m.pk]]
        have = sum(1 for m in eligible if (dossier.pk, m.pk) in existing)
        wanted = len(eligible) if per_dossier is None else min(per_dossier, len(eligible))
        for member in sorted(eligible, key=lambda m: (load[m.pk], m.pk)):
            if have >= wanted:
                break
            if (dossier.pk, member.pk) in existing:
                continue
            created.append(Assignment(session=session, dossier=dossier, member=member))
            load[member.pk] += 1
            have += 1
    Assignment.objects.bulk_create(created)
    log_action(
        actor=actor,
        verb="councils.auto_assigned",
        target=session,
        data={"created": len(created), "per_dossier": per_dossier},
    )
    return len(created)


def progress(session: Session) -> dict:
    """Submitted sheets out of assigned ones, per member and for the session."""
    per_member: dict[int, list[int]] = {}
    for member_id, submitted in session.assignments.values_list("member_id", "submitted_at"):
        done, total = per_member.setdefault(member_id, [0, 0])
        per_member[member_id] = [done + (submitted is not None), total + 1]
    done = sum(d for d, _t in per_member.values())
    total = sum(t for _d, t in per_member.values())
    return {"members": {pk: tuple(v) for pk, v in per_member.items()}, "done": done, "total": total}


def visible_notes(session: Session, viewer):
    """The session's notes, minus those about producers the viewer's seat is conflicted with."""
    return session.notes.exclude(dossier__producer__in=seat_conflicts(session.council, viewer))


@transaction.atomic
def add_note(*, actor, session: Session, dossier: Dossier, kind: str, text: str):
    """The advisory team's review note, site-visit report, or request for an extra lab test. Never by someone whose
    seat is conflicted with the producer: the minutes print the notes."""
    ensure_free_of_conflict(session.council, actor, dossier.producer)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write the note.")})
    if not session_dossiers(session).filter(pk=dossier.pk).exists() and dossier.round_id != session.round_id:
        raise ValidationError(_("This dossier is not in the session's round."))
    note = ReviewNote.objects.create(session=session, dossier=dossier, author=actor, kind=kind, text=text)
    log_action(actor=actor, verb="councils.note_added", target=dossier, data={"kind": kind, "session": session.pk})
    return note
