"""Which users and organisations an actor may see and manage."""

from django.db.models import Q, QuerySet

from ocop.accounts.domain.roles import has_role
from ocop.accounts.domain.scope import scope_of
from ocop.accounts.enums import Role
from ocop.accounts.models import Organisation, RoleAssignment, User
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
    placed_in_area = Q(organisation__unit__in=unit_ids) | Q(pk__in=active.filter(unit__in=unit_ids).values("user_id"))
    unplaced = Q(organisation__unit__isnull=True) & ~Q(pk__in=active.filter(unit__isnull=False).values("user_id"))
    administrators = active.filter(role=Role.ADMIN).values("user_id")
    return User.objects.filter(placed_in_area | unplaced).exclude(is_superuser=True).exclude(pk__in=administrators)


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
