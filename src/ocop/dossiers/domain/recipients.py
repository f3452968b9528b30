"""Who must act on a dossier at each level: the people a notification goes to."""

from django.db.models import QuerySet

from ocop.accounts.enums import Role
from ocop.accounts.models import RoleAssignment, User
from ocop.dossiers.enums import Level
from ocop.dossiers.models import Dossier
from ocop.geo.domain.queries import scope_unit_ids
from ocop.geo.models import AdministrativeUnit

LEVEL_ROLES = {
    Level.COMMUNE: Role.COMMUNE_OFFICER,
    Level.DISTRICT: Role.DISTRICT_OFFICER,
    Level.PROVINCE: Role.PROVINCE_OFFICE,
}


def _covering_units(commune: AdministrativeUnit) -> set[int]:
    """The commune, its counterparts across the reform, and every unit above them: whose area contains it."""
    units = set(scope_unit_ids(commune))
    ancestors = set()
    for unit in AdministrativeUnit.objects.filter(pk__in=units).select_related("parent__parent"):
        while unit.parent_id:
            unit = unit.parent
            ancestors.add(unit.pk)
    return units | ancestors


def officers_at(level: str, commune: AdministrativeUnit) -> QuerySet[User]:
    assignments = RoleAssignment.objects.active().filter(role=LEVEL_ROLES[level], unit__in=_covering_units(commune))
    return User.objects.filter(pk__in=assignments.values("user_id"), is_active=True)


def producer_accounts(dossier: Dossier) -> QuerySet[User]:
    assignments = RoleAssignment.objects.active().filter(role=Role.PRODUCER, producer=dossier.producer_id)
    return User.objects.filter(pk__in=assignments.values("user_id"), is_active=True)
