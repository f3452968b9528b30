"""Which users and organisations an actor may see and manage."""

from django.db.models import Q, QuerySet

from ocop.accounts.domain.roles import has_role
from ocop.accounts.domain.scope import scope_of
from ocop.accounts.enums import Role
from ocop.accounts.models import Organisation, RoleAssignment, User
from ocop.common.models import ActivityLog
from ocop.geo.domain.queries import scope_unit_ids
from ocop.geo.models import AdministrativeUnit


def visible_users(actor) -> QuerySet[User]:
    """Administrators see every account; the provincial office the accounts of its area and those tied to none."""
    if has_role(actor, Role.ADMIN):
        return User.objects.all()
    if not has_role(actor, Role.PROVINCE_OFFICE):
        return User.objects.none()
    unit_ids = scope_of(actor).unit_ids
    active = RoleAssignment.objects.active()
    unplaced = Q(organisation__unit__isnull=True) & ~Q(pk__in=active.filter(unit__isnull=False).values("user_id"))
    administrators = active.filter(role=Role.ADMIN).values("user_id")
    others = User.objects.filter(_placed_in(unit_ids) | unplaced)
    return others.exclude(is_superuser=True).exclude(pk__in=administrators)


def _placed_in(unit_ids) -> Q:
    """Accounts whose organisation, or one of whose active roles, is in one of these units."""
    roles_there = RoleAssignment.objects.active().filter(unit__in=unit_ids).values("user_id")
    return Q(organisation__unit__in=unit_ids) | Q(pk__in=roles_there)


def visible_activity(actor) -> QuerySet[ActivityLog]:
    """Administrators read the whole log; the provincial office the entries of the accounts placed in its area (by
    the unit of their role or of their organisation), so that where one deployment hosts several provinces no office
    reads another's. Entries of no account (commands, imports) and of accounts tied to no unit are the
    administrator's."""
    if has_role(actor, Role.ADMIN):
        return ActivityLog.objects.all()
    if not has_role(actor, Role.PROVINCE_OFFICE):
        return ActivityLog.objects.none()
    return ActivityLog.objects.filter(actor__in=User.objects.filter(_placed_in(scope_of(actor).unit_ids)))


def visible_organisations(actor) -> QuerySet[Organisation]:
    if has_role(actor, Role.ADMIN):
        return Organisation.objects.all()
    scope = scope_of(actor)
    if scope.is_empty:
        return Organisation.objects.none()
    return Organisation.objects.filter(scope.q() | Q(unit__isnull=True))


def _covering_units(commune: AdministrativeUnit) -> set[int]:
    """The commune, its counterparts across the reform, and every unit above them: whose area contains it."""
    units = set(scope_unit_ids(commune))
    ancestors = set()
    for unit in AdministrativeUnit.objects.filter(pk__in=units).select_related("parent__parent"):
        while unit.parent_id:
            unit = unit.parent
            ancestors.add(unit.pk)
    return units | ancestors


def officers_over(role: str, commune: AdministrativeUnit) -> QuerySet[User]:
    """The active users holding ``role`` for the commune or for a unit whose area contains it."""
    assignments = RoleAssignment.objects.active().filter(role=role, unit__in=_covering_units(commune))
    return User.objects.filter(pk__in=assignments.values("user_id"), is_active=True)


def ministry_officers() -> QuerySet[User]:
    """The active accounts of the Ministry's coordination office (no area: the whole country's 5★)."""
    assignments = RoleAssignment.objects.active().filter(role=Role.MINISTRY_OFFICE)
    return User.objects.filter(pk__in=assignments.values("user_id"), is_active=True)
