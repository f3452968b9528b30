"""Who must act on a dossier at each level: the people a notification goes to."""

from django.db.models import QuerySet

from ocop.accounts.domain.queries import ministry_officers, officers_over
from ocop.accounts.domain.roles import ministry_takes_part
from ocop.accounts.enums import Role
from ocop.accounts.models import RoleAssignment, User
from ocop.dossiers.enums import Level
from ocop.dossiers.models import Dossier
from ocop.geo.models import AdministrativeUnit

LEVEL_ROLES = {
    Level.COMMUNE: Role.COMMUNE_OFFICER,
    Level.DISTRICT: Role.DISTRICT_OFFICER,
    Level.PROVINCE: Role.PROVINCE_OFFICE,
}


def officers_at(level: str, commune: AdministrativeUnit) -> QuerySet[User]:
    """Who acts on a dossier of ``commune`` at ``level``. At the central level: the Ministry's coordination office
    once it takes part, before that the provincial office that recorded the Ministry's steps."""
    if level == Level.CENTRAL:
        if ministry_takes_part():
            return ministry_officers()
        return officers_over(Role.PROVINCE_OFFICE, commune)
    return officers_over(LEVEL_ROLES[level], commune)


def producer_accounts(dossier: Dossier) -> QuerySet[User]:
    assignments = RoleAssignment.objects.active().filter(role=Role.PRODUCER, producer=dossier.producer_id)
    return User.objects.filter(pk__in=assignments.values("user_id"), is_active=True)
