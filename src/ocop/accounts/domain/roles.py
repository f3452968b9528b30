"""Reading who holds which role where (granting and revoking is in grants.py)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ocop.accounts.enums import ROLE_UNIT_LEVEL, Role
from ocop.accounts.models import RoleAssignment
from ocop.geo.enums import Era, UnitLevel
from ocop.geo.models import AdministrativeUnit

_CACHE_ATTRIBUTE = "_ocop_active_roles"
SCOPE_CACHE_ATTRIBUTE = "_ocop_scope"
PROVINCE_SCOPE_CACHE_ATTRIBUTE = "_ocop_province_scope"


def active_roles(user) -> list[RoleAssignment]:
    """The user's current role assignments, read once per request and kept on the user object."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is None:
        cached = list(RoleAssignment.objects.active().filter(user=user).select_related("unit"))
        setattr(user, _CACHE_ATTRIBUTE, cached)
    return cached


def forget_roles(user) -> None:
    """Drop what active_roles() and scope_of() remembered, after the user's roles changed."""
    for attribute in (_CACHE_ATTRIBUTE, SCOPE_CACHE_ATTRIBUTE, PROVINCE_SCOPE_CACHE_ATTRIBUTE):
        if hasattr(user, attribute):
            delattr(user, attribute)


def has_role(user, *roles: str) -> bool:
    if getattr(user, "is_superuser", False) and Role.ADMIN in roles:
        return True
    return any(assignment.role in roles for assignment in active_roles(user))


def ministry_takes_part() -> bool:
    """The Ministry's coordination office has an account in this deployment: from then on the central (5★) level is
    the Ministry's own — it takes in the dossiers sent up, its council scores them and it decides — instead of being
    recorded by the province that sent them."""
    return RoleAssignment.objects.active().filter(role=Role.MINISTRY_OFFICE).exists()


def validate_role_target(role: str, unit: AdministrativeUnit | None, producer=None) -> None:
    """A role is tied to a unit of its level, a producer account to its producer, other roles to neither."""
    if role == Role.PRODUCER and producer is None:
        raise ValidationError(_("A producer account needs its producer."), code="producer_required")
    if role != Role.PRODUCER and producer is not None:
        raise ValidationError(_("Only producer accounts are tied to a producer."), code="producer_not_allowed")
    expected_level = ROLE_UNIT_LEVEL.get(role)
    if expected_level is None:
        if unit is not None:
            raise ValidationError(_("This role is not tied to an administrative unit."), code="unit_not_allowed")
        return
    if unit is None:
        raise ValidationError(_("This role needs an administrative unit."), code="unit_required")
    if unit.level != expected_level:
        raise ValidationError(
            _("This role needs a unit of level “%(level)s”.") % {"level": UnitLevel(expected_level).label},
            code="unit_level",
        )
    if role == Role.DISTRICT_OFFICER and unit.era != Era.BEFORE_2025:
        raise ValidationError(_("Districts no longer exist after 1/7/2025."), code="unit_era")
