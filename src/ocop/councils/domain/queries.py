"""Which councils, sessions and sheets a user may see."""

from django.db.models import Q, QuerySet

from ocop.accounts.domain.roles import has_role
from ocop.accounts.domain.scope import scope_of
from ocop.accounts.enums import Role
from ocop.councils.domain.membership import linked_producers, without_conflicts
from ocop.councils.models import Assignment, ConflictDeclaration, Council, Session
from ocop.dossiers.enums import Level


def visible_councils(user) -> QuerySet[Council]:
    """The councils of the offices the user works in (the Ministry's coordination office: the Ministry's own), and
    those the user sits on."""
    scope = scope_of(user)
    if scope.everything:
        return Council.objects.all()
    sees = Q(members__user=user, members__active=True)
    if has_role(user, Role.PROVINCE_OFFICE, Role.DISTRICT_OFFICER):
        sees |= Q(unit__in=scope.unit_ids)
    if has_role(user, Role.MINISTRY_OFFICE):
        sees |= Q(level=Level.CENTRAL, unit__isnull=True)
    return Council.objects.filter(sees).distinct()


def visible_sessions(user) -> QuerySet[Session]:
    return Session.objects.filter(council__in=visible_councils(user))


def sheets_of(user) -> QuerySet[Assignment]:
    """The user's score sheets, never one of a producer the user is linked to (a sheet that became conflicted after
    it was assigned does not exist for its member)."""
    return without_conflicts(Assignment.objects.filter(member__user=user, member__active=True))


def council_dossiers(user) -> Q:
    """Councils' clause of dossier visibility (registered with dossiers.domain.queries.register_visibility): members
    and advisers see the dossiers of the rounds their council scores, except producers they are linked to — declared
    links, their own producer account, their own organisation."""
    conflicted = ConflictDeclaration.objects.filter(member__user=user).values("producer_id")
    return (
        Q(round__sessions__council__members__user=user, round__sessions__council__members__active=True)
        & ~Q(producer__in=conflicted)
        & ~Q(producer__in=linked_producers(user).values("pk"))
    )
