"""The area a user may see: every list in the back office is filtered through scope_of(user)."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from ocop.accounts.domain.roles import PROVINCE_SCOPE_CACHE_ATTRIBUTE, SCOPE_CACHE_ATTRIBUTE, active_roles, has_role
from ocop.accounts.enums import OFFICER_ROLES, Role
from ocop.geo.domain.queries import home_area_units, province_of, scope_unit_ids
from ocop.geo.models import AdministrativeUnit


@dataclass(frozen=True)
class Scope:
    """Either everything, or the administrative units (with their counterparts across the 2025 reform)."""

    everything: bool
    unit_ids: frozenset[int]

    def allows_unit(self, unit_id: int | None) -> bool:
        return self.everything or (unit_id is not None and unit_id in self.unit_ids)

    def filter(self, queryset: QuerySet, unit_field: str = "unit") -> QuerySet:
        if self.everything:
            return queryset
        return queryset.filter(**{f"{unit_field}__in": self.unit_ids})

    def q(self, unit_field: str = "unit") -> Q:
        """The same condition as a Q object, to combine with other ways of seeing a record."""
        if self.everything:
            return Q()
        return Q(**{f"{unit_field}__in": self.unit_ids})

    @property
    def is_empty(self) -> bool:
        return not self.everything and not self.unit_ids


NOTHING = Scope(everything=False, unit_ids=frozenset())


def scope_of(user) -> Scope:
    """Administrators see everything; officers see their units; everybody else sees no area by default."""
    if not getattr(user, "is_authenticated", False):
        return NOTHING
    cached = getattr(user, SCOPE_CACHE_ATTRIBUTE, None)
    if cached is not None:
        return cached
    if has_role(user, Role.ADMIN):
        scope = Scope(everything=True, unit_ids=frozenset())
    else:
        unit_ids: set[int] = set()
        for assignment in active_roles(user):
            if assignment.role in OFFICER_ROLES and assignment.unit is not None:
                unit_ids |= scope_unit_ids(assignment.unit)
        scope = Scope(everything=False, unit_ids=frozenset(unit_ids))
    setattr(user, SCOPE_CACHE_ATTRIBUTE, scope)
    return scope


def province_scope_of(user) -> Scope:
    """The whole provinces the user works in: those of the user's units (an officer) or of its producer (a producer
    account), with their counterparts across the 2025 reform (Ninh Thuận's office also reaches Khánh Hòa, which it
    became). Records that belong to a province as a whole — the plan with its tasks and funding, fairs, sales points,
    training classes — are filtered by it, so that when one deployment hosts several provinces an office, its
    officers and its producers see their own province's only. Administrators see everything."""
    if not getattr(user, "is_authenticated", False):
        return NOTHING
    cached = getattr(user, PROVINCE_SCOPE_CACHE_ATTRIBUTE, None)
    if cached is not None:
        return cached
    if has_role(user, Role.ADMIN):
        scope = Scope(everything=True, unit_ids=frozenset())
    else:
        provinces = {
            province_of(assignment.unit if assignment.unit is not None else assignment.producer.unit)
            for assignment in active_roles(user)
            if (assignment.role in OFFICER_ROLES and assignment.unit is not None)
            or (assignment.role == Role.PRODUCER and assignment.producer is not None)
        }
        unit_ids: set[int] = set()
        for province in provinces:
            unit_ids |= scope_unit_ids(province)
        scope = Scope(everything=False, unit_ids=frozenset(unit_ids))
    setattr(user, PROVINCE_SCOPE_CACHE_ATTRIBUTE, scope)
    return scope


def own_area_units(user) -> QuerySet[AdministrativeUnit]:
    """The units a user's records are placed in and filtered by: the installation's home province in both eras for
    whoever works in it (and for administrators and the Ministry, who work in no one province), another province's
    own units for its people, so that in a deployment hosting several provinces nobody is offered another province's
    communes."""
    home = home_area_units()
    province_scope = province_scope_of(user)
    if province_scope.everything or province_scope.is_empty or home.filter(pk__in=province_scope.unit_ids).exists():
        return home
    return AdministrativeUnit.objects.filter(pk__in=province_scope.unit_ids)


def speaks_only_for_a_producer(user) -> bool:
    """A producer account with no area of its own: it sees and changes its producer's records only."""
    return scope_of(user).is_empty and has_role(user, Role.PRODUCER)
