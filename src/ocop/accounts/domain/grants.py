"""Granting and revoking roles: the only place a role changes hands, always logged."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.accounts.domain.roles import forget_roles, has_role, validate_role_target
from ocop.accounts.domain.scope import scope_of
from ocop.accounts.enums import Role
from ocop.accounts.models import RoleAssignment, User
from ocop.common.domain.activity import log_action
from ocop.geo.models import AdministrativeUnit


def grantable_roles(actor) -> list[Role]:
    """Administrators grant every role; the provincial office every role but administrator, within its area."""
    if has_role(actor, Role.ADMIN):
        return list(Role)
    if has_role(actor, Role.PROVINCE_OFFICE):
        return [role for role in Role if role != Role.ADMIN]
    return []


def ensure_can_grant(actor, role: str, unit: AdministrativeUnit | None, producer=None) -> None:
    if role not in grantable_roles(actor):
        raise PermissionDenied(_("You may not grant this role."))
    area = scope_of(actor)
    if unit is not None and not area.allows_unit(unit.pk):
        raise PermissionDenied(_("This administrative unit is outside your area."))
    if producer is not None and not area.allows_unit(producer.unit_id):
        raise PermissionDenied(_("This producer is outside your area."))


@transaction.atomic
def assign_role(
    *, actor, user: User, role: str, unit: AdministrativeUnit | None = None, producer=None, note: str = ""
) -> RoleAssignment:
    role = Role(role)
    if actor is not None:
        ensure_can_grant(actor, role, unit, producer)
    validate_role_target(role, unit, producer)
    if RoleAssignment.objects.active().filter(user=user, role=role, unit=unit, producer=producer).exists():
        raise ValidationError(_("The user already holds this role."), code="duplicate")
    assignment = RoleAssignment.objects.create(
        user=user,
        role=role,
        unit=unit,
        producer=producer,
        note=note,
        granted_by=actor if getattr(actor, "pk", None) else None,
    )
    log_action(
        actor=actor,
        verb="accounts.role_granted",
        target=user,
        data={
            "role": role.value,
            "unit": unit.code if unit else None,
            "unit_name": str(unit) if unit else None,
            "producer": str(producer) if producer else None,
        },
    )
    forget_roles(user)
    return assignment


@transaction.atomic
def revoke_role(*, actor, assignment: RoleAssignment) -> RoleAssignment:
    if actor is not None:
        ensure_can_grant(actor, assignment.role, assignment.unit, assignment.producer)
    if assignment.revoked_at is not None:
        raise ValidationError(_("This role has already been revoked."), code="already_revoked")
    assignment.revoked_at = timezone.now()
    assignment.revoked_by = actor if getattr(actor, "pk", None) else None
    assignment.save(update_fields=["revoked_at", "revoked_by"])
    log_action(
        actor=actor,
        verb="accounts.role_revoked",
        target=assignment.user,
        data={"role": assignment.role, "unit": assignment.unit.code if assignment.unit_id else None},
    )
    forget_roles(assignment.user)
    return assignment
