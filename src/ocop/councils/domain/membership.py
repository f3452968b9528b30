"""Councils, their members and conflicts of interest."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.accounts.enums import Role
from ocop.accounts.models import RoleAssignment
from ocop.common.domain.activity import log_action
from ocop.common.text import clean_text, fold
from ocop.councils.enums import MemberRole
from ocop.councils.models import ConflictDeclaration, Council, CouncilMember
from ocop.evaluation.domain.rule_sets import rule_set_in_force
from ocop.producers.models import Producer


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
    """A council; the allowed spread and the quorum default to the rules in force today."""
    rules = rule_set_in_force(timezone.localdate())
    name = clean_text(name)
    if not name:
        raise ValidationError({"name": _("The name is required.")})
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
        data={"level": level, "unit": unit.code, "allowed_spread": council.allowed_spread},
    )
    return council


@transaction.atomic
def add_member(*, actor, council: Council, user, role: str) -> CouncilMember:
    role = MemberRole(role)
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
    return declaration


def conflicted_producer_ids(member: CouncilMember) -> set[int]:
    """Producers a member must never score: declared links, the member's own producer account, and a producer
    that is the member's own organisation."""
    declared = set(member.conflicts.values_list("producer_id", flat=True))
    own_accounts = set(
        RoleAssignment.objects.active()
        .filter(user=member.user_id, role=Role.PRODUCER)
        .values_list("producer_id", flat=True)
    )
    organisation = member.user.organisation
    same_organisation = (
        set(Producer.objects.filter(search_name=fold(organisation.name)).values_list("pk", flat=True))
        if organisation
        else set()
    )
    return declared | own_accounts | same_organisation
