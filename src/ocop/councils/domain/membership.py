"""Councils, their members and conflicts of interest."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.accounts.domain.roles import has_role, ministry_takes_part
from ocop.accounts.enums import Role
from ocop.accounts.models import Organisation, RoleAssignment, User
from ocop.common.domain.activity import log_action
from ocop.common.domain.locking import lock
from ocop.common.text import clean_text
from ocop.councils.enums import MemberRole, SessionState
from ocop.councils.models import Assignment, ConflictDeclaration, Council, CouncilMember
from ocop.evaluation.domain.rule_sets import rule_set_in_force
from ocop.geo.domain.queries import province_of, scope_unit_ids
from ocop.geo.enums import UnitLevel
from ocop.producers.models import Producer

# The area a council of each level is created for. A central council recorded by a province on the Ministry's behalf
# (before the Ministry had accounts) has that province as its area; the Ministry's own has none
# (``_check_central_council``).
COUNCIL_UNIT_LEVEL = {"district": UnitLevel.DISTRICT, "province": UnitLevel.PROVINCE}


@transaction.atomic
def create_council(
    *,
    actor,
    name: str,
    level: str,
    unit,
    established_by: str = "",
    allowed_spread: Decimal | None = None,
    quorum_fraction: Decimal | None = None,
) -> Council:
    """A council; the allowed spread and the quorum default to the rules in force today.

    The Ministry's coordination office creates the Ministry's own council: central, with no area (it scores what
    every province sends up). A province records a central council for its own province only while the Ministry
    has no account in the deployment (``ministry_takes_part``)."""
    rules = rule_set_in_force(timezone.localdate())
    name = clean_text(name)
    if not name:
        raise ValidationError({"name": _("The name is required.")})
    if level == "central":
        _check_central_council(actor, unit)
    elif unit is None or unit.level != COUNCIL_UNIT_LEVEL.get(level):
        raise ValidationError(
            {
                "unit": _(
                    "A district council's area is a district; a provincial council's, and a Ministry council "
                    "recorded by the province, is a province."
                )
            }
        )
    council = Council.objects.create(
        name=name,
        level=level,
        unit=unit,
        established_by=clean_text(established_by),
        allowed_spread=allowed_spread if allowed_spread is not None else rules.max_member_spread,
        quorum_fraction=quorum_fraction if quorum_fraction is not None else rules.quorum_fraction,
    )
    log_action(
        actor=actor,
        verb="councils.council_created",
        target=council,
        data={"level": level, "unit": unit.code if unit else None, "allowed_spread": council.allowed_spread},
    )
    return council


def _check_central_council(actor, unit) -> None:
    acts_for_the_ministry = actor is None or has_role(actor, Role.MINISTRY_OFFICE, Role.ADMIN)
    if unit is None:
        if not acts_for_the_ministry:
            message = _("Only the Ministry's coordination office creates the Ministry's own council.")
            raise ValidationError({"unit": ValidationError(message, code="ministry_only")})
        return
    if unit.level != UnitLevel.PROVINCE:
        raise ValidationError({"unit": _("A central council recorded by a province has that province as its area.")})
    if ministry_takes_part():
        message = _("The Ministry evaluates 5-star products itself now: its coordination office runs its council.")
        raise ValidationError({"unit": ValidationError(message, code="ministry_takes_part")})


# Who may sit on a council: its members and advisory team, the offices and departments that run the programme.
# Never a producer account (the producers are what the council scores) nor the system administrator.
SEAT_ROLES = (
    Role.COUNCIL_MEMBER,
    Role.ADVISORY_MEMBER,
    Role.PROVINCE_OFFICE,
    Role.DEPARTMENT_STAFF,
    Role.DISTRICT_OFFICER,
    Role.MINISTRY_OFFICE,
)
BARRED_ROLES = (Role.ADMIN, Role.PRODUCER)


def council_candidates(council: Council | None = None) -> QuerySet[User]:
    """The people a council's member picker offers and ``add_member`` accepts. For a council of a province, those of
    that province (a deployment may host several): placed in it by a role's unit, their organisation or a seat on one
    of its councils, or placed nowhere at all (a member recorded without any of these may serve anywhere). The
    Ministry's own council takes anybody."""
    holds = RoleAssignment.objects.active().filter(user=OuterRef("pk"))
    people = (
        User.objects.filter(is_active=True, is_superuser=False)
        .filter(Exists(holds.filter(role__in=SEAT_ROLES)))
        .exclude(Exists(holds.filter(role__in=BARRED_ROLES)))
    )
    if council is None or council.unit_id is None:
        return people
    area = scope_unit_ids(province_of(council.unit))
    seats = CouncilMember.objects.filter(user=OuterRef("pk"), council__unit__isnull=False)
    placed_here = (
        Exists(holds.filter(unit__in=area))
        | Q(organisation__unit__in=area)
        | Exists(seats.filter(council__unit__in=area))
    )
    placed = Exists(holds.filter(unit__isnull=False)) | Q(organisation__unit__isnull=False) | Exists(seats)
    return people.filter(placed_here | ~placed)


@transaction.atomic
def add_member(*, actor, council: Council, user, role: str) -> CouncilMember:
    role = MemberRole(role)
    if not council_candidates().filter(pk=user.pk).exists():
        raise ValidationError(
            {"user": _("Only council members, advisory team members and officers sit on a council.")},
            code="not_a_candidate",
        )
    if not council_candidates(council).filter(pk=user.pk).exists():
        message = _("This person works for another province: a province's council takes its own people.")
        raise ValidationError({"user": ValidationError(message, code="other_province")})
    if council.members.filter(user=user).exists():
        raise ValidationError(_("This person is already a member of the council."))
    if role == MemberRole.CHAIR and council.members.filter(role=MemberRole.CHAIR, active=True).exists():
        raise ValidationError(_("The council already has a chair."))
    member = CouncilMember.objects.create(council=council, user=user, role=role)
    log_action(actor=actor, verb="councils.member_added", target=council, data={"user": user.username, "role": role})
    return member


@transaction.atomic
def set_member_active(*, actor, member: CouncilMember, active: bool) -> CouncilMember:
    if member.active != active:
        member.active = active
        member.save(update_fields=["active"])
        log_action(
            actor=actor,
            verb="councils.member_activated" if active else "councils.member_deactivated",
            target=member.council,
            data={"user": member.user.username},
        )
    return member


@transaction.atomic
def declare_conflict(*, actor, member: CouncilMember, producer: Producer, reason: str) -> ConflictDeclaration:
    """Record the member's link to a producer. It takes effect at once: the member's sheets of the producer's
    products in the council's open sessions are taken away — a sheet already submitted too, so that its total
    leaves the result the council is still working out (the log keeps what it said). Results of closed sessions
    are final and stay as they are."""
    reason = clean_text(reason)
    if not reason:
        raise ValidationError({"reason": _("Say how the member is linked to the producer.")})
    declaration, _created = ConflictDeclaration.objects.update_or_create(
        member=member, producer=producer, defaults={"reason": reason}
    )
    log_action(
        actor=actor,
        verb="councils.conflict_declared",
        target=member.council,
        data={"user": member.user.username, "producer": producer.name, "reason": reason},
    )
    _withdraw_conflicted_sheets(actor, member, producer)
    return declaration


def _withdraw_conflicted_sheets(actor, member: CouncilMember, producer: Producer) -> None:
    sheets = (
        Assignment.objects.filter(member=member, dossier__producer=producer, session__state=SessionState.OPEN)
        .select_related("session", "dossier")
        .order_by("pk")
    )
    for sheet in sheets:
        lock(sheet.session)
        if sheet.session.state != SessionState.OPEN:  # closed meanwhile: its results are final
            continue
        log_action(
            actor=actor,
            verb="councils.sheet_withdrawn_for_conflict",
            target=sheet.session,
            data={
                "dossier": sheet.dossier.receipt_number,
                "member": member.user.username,
                "submitted": sheet.submitted_at is not None,
                "answers": sheet.answers,
                "disqualified": sheet.disqualified,
                "comment": sheet.comment,
            },
        )
        sheet.delete()


def linked_producers(user) -> QuerySet[Producer]:
    """Producers the person is linked to whatever council they sit on: a producer whose account they hold, and a
    producer that is their own organisation (same folded name). A lazy query, usable as a subquery."""
    own_accounts = RoleAssignment.objects.active().filter(user=user.pk, role=Role.PRODUCER).values("producer_id")
    organisation = Organisation.objects.filter(pk=getattr(user, "organisation_id", None)).values("search_name")
    return Producer.objects.filter(Q(pk__in=own_accounts) | Q(search_name__in=organisation))


def conflicted_producers(member: CouncilMember) -> QuerySet[Producer]:
    """The one rule of conflicts of interest: producers a member must never score nor see the dossiers of —
    declared links, the member's own producer account, and a producer that is the member's own organisation."""
    declared = member.conflicts.values("producer_id")
    return Producer.objects.filter(Q(pk__in=declared) | Q(pk__in=linked_producers(member.user).values("pk")))


def conflicted_producer_ids(member: CouncilMember) -> set[int]:
    return set(conflicted_producers(member).values_list("pk", flat=True))


def seat_conflicts(council: Council, user) -> set[int]:
    """Producers whose scores, re-scores and notes are closed to ``user`` on ``council``: those their active seat is
    conflicted with (the chair and the secretary included). Someone without a seat (office staff) has none here."""
    seat = council.members.filter(user=getattr(user, "pk", None), active=True).first()
    return conflicted_producer_ids(seat) if seat else set()


def ensure_free_of_conflict(council: Council, user, producer) -> None:
    if producer.pk in seat_conflicts(council, user):
        raise ValidationError(
            _("%(member)s is linked to %(producer)s: a conflict of interest keeps them out of its evaluation.")
            % {"member": user, "producer": producer},
            code="conflict",
        )


def without_conflicts(sheets: QuerySet[Assignment]) -> QuerySet[Assignment]:
    """Score sheets minus those whose member is linked to the dossier's producer (by any of the three links)."""
    declared = ConflictDeclaration.objects.filter(member=OuterRef("member"), producer=OuterRef("dossier__producer"))
    linked_by_account = RoleAssignment.objects.active().filter(
        user=OuterRef("member__user"), role=Role.PRODUCER, producer=OuterRef("dossier__producer")
    )
    same_organisation = Organisation.objects.filter(
        pk=OuterRef("member__user__organisation"), search_name=OuterRef("dossier__producer__search_name")
    )
    return sheets.exclude(Exists(declared)).exclude(Exists(linked_by_account)).exclude(Exists(same_organisation))
