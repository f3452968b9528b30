"""Which councils, sessions and sheets a user may see."""

from django.db.models import Q, QuerySet

from ocop.accounts.domain.roles import has_role
from ocop.accounts.domain.scope import scope_of
from ocop.accounts.enums import Role
from ocop.councils.domain.membership import without_conflicts
from ocop.councils.models import Assignment, Council, Session


def visible_councils(user) -> QuerySet[Council]:
    """The councils of the offices the user works in, and those the user sits on."""
    scope = scope_of(user)
    if scope.everything:
        return Council.objects.all()
    sits_on = Q(members__user=user, members__active=True)
    if has_role(user, Role.PROVINCE_OFFICE, Role.DISTRICT_OFFICER):
        return Council.objects.filter(Q(unit__in=scope.unit_ids) | sits_on).distinct()
    return Council.objects.filter(sits_on).distinct()


def visible_sessions(user) -> QuerySet[Session]:
    return Session.objects.filter(council__in=visible_councils(user))


def sheets_of(user) -> QuerySet[Assignment]:
    """The user's score sheets, never one of a producer the user is linked to (a sheet that became conflicted after
    it was assigned does not exist for its member)."""
    return without_conflicts(Assignment.objects.filter(member__user=user, member__active=True))
