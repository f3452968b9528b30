"""Which dossiers a user sees, and the ones waiting for the user's action ("my tasks")."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ocop.accounts.domain.roles import active_roles, has_role, ministry_takes_part
from ocop.accounts.domain.scope import scope_of
from ocop.accounts.enums import Role
from ocop.dossiers.domain.transition import decision_deadlines
from ocop.dossiers.enums import DossierState, Level
from ocop.dossiers.models import Dossier
from ocop.geo.domain.queries import scope_unit_ids
from ocop.producers.domain.queries import own_producer_ids

# A draft (never filed: no receiving commune yet) is the producer's work in progress. The officers who may help file
# it (commune, district, provincial office) see it in the producer's commune; department staff only read what was
# filed.
DRAFT_HELPERS = frozenset({Role.PROVINCE_OFFICE, Role.DISTRICT_OFFICER, Role.COMMUNE_OFFICER})


def _draft_helper_units(user) -> set[int]:
    units: set[int] = set()
    for assignment in active_roles(user):
        if assignment.role in DRAFT_HELPERS and assignment.unit is not None:
            units |= scope_unit_ids(assignment.unit)
    return units


# Who else sees a dossier, as clauses contributed by the apps above dossiers (councils: the members of the council
# that scores its round). Each is a function of the user returning a condition on Dossier; dossiers never import the
# apps that register them.
_visibility_clauses: list[Callable[[object], Q]] = []


# Sent up for 5★: waiting at the central level, in one of its rounds, or decided there.
SENT_TO_THE_MINISTRY = Q(evaluation_level=Level.CENTRAL)


def register_visibility(clause: Callable[[object], Q]) -> None:
    """Add a clause to visible_dossiers; called from the contributing app's AppConfig.ready."""
    if clause not in _visibility_clauses:
        _visibility_clauses.append(clause)


def visible_dossiers(user) -> QuerySet[Dossier]:
    """Officers see the dossiers received in their area (and, if they may help file them, the drafts of its
    producers); producer accounts their own producer's; the Ministry's coordination office every province's dossiers
    sent up to the central level for 5★ (never a draft, nor one still at the commune or the province); then whoever a
    registered clause lets in (council members the dossiers their council scores, the Ministry those its council
    scored and sent back)."""
    scope = scope_of(user)
    if scope.everything:
        return Dossier.objects.all()
    condition = Q(pk__in=[])
    if scope.unit_ids:
        condition |= Q(commune__in=scope.unit_ids)
    if draft_units := _draft_helper_units(user):
        condition |= Q(commune__isnull=True, producer__unit__in=draft_units)
    if own := own_producer_ids(user):
        condition |= Q(producer__in=own)
    if has_role(user, Role.MINISTRY_OFFICE):
        condition |= SENT_TO_THE_MINISTRY
    for clause in _visibility_clauses:
        condition |= clause(user)
    return Dossier.objects.filter(condition).distinct()


def producers_sent_to_the_ministry(user) -> QuerySet | None:
    """The Ministry's coordination office's clause of producer visibility (registered with
    producers.domain.queries.register_reach): the producers whose dossiers were sent up for 5★ — what a 5★ evaluation
    needs of them (the producer, its products, documents, zones and certificates), nothing of the others."""
    if not has_role(user, Role.MINISTRY_OFFICE):
        return None
    return Dossier.objects.filter(SENT_TO_THE_MINISTRY).values("producer_id")


@dataclass(frozen=True)
class Task:
    dossier: Dossier
    action: str  # what the user has to do
    deadline: datetime.date | None
    decision_due: datetime.date | None = None  # the decision the law requires by then (transition, re-evaluation)

    @property
    def overdue(self) -> bool:
        return self.deadline is not None and self.deadline < timezone.localdate()


# Accepted into a round, the decision still to come: on the office's list only where the law dates the decision.
UNDECIDED_IN_ROUND = (DossierState.ACCEPTED, DossierState.SCORED)


def _waiting_for(user) -> Q:
    """The dossiers whose next step is the user's, by role."""
    roles = {assignment.role for assignment in active_roles(user)}
    waiting = Q(pk__in=[])
    if Role.PRODUCER in roles:
        waiting |= Q(
            producer__in=own_producer_ids(user), state__in=[DossierState.DRAFT, DossierState.SUPPLEMENT_REQUESTED]
        )
    if roles & {Role.COMMUNE_OFFICER, Role.ADMIN}:
        waiting |= Q(state=DossierState.SUBMITTED, current_level=Level.COMMUNE)
    if roles & {Role.DISTRICT_OFFICER, Role.ADMIN}:
        waiting |= Q(state=DossierState.FORWARDED, evaluation_level=Level.DISTRICT)
    undecided = [DossierState.FORWARDED, *UNDECIDED_IN_ROUND]
    if roles & {Role.PROVINCE_OFFICE, Role.ADMIN}:
        # Until the Ministry has an account here, the office also records the Ministry's steps.
        levels = [Level.PROVINCE] if ministry_takes_part() else [Level.PROVINCE, Level.CENTRAL]
        waiting |= Q(state__in=undecided, evaluation_level__in=levels)
    if Role.MINISTRY_OFFICE in roles:
        waiting |= Q(state__in=undecided, evaluation_level=Level.CENTRAL)
    return waiting


ACTIONS = {
    DossierState.DRAFT: _("Complete and submit the dossier"),
    DossierState.SUPPLEMENT_REQUESTED: _("Add what was asked and send the dossier back"),
    DossierState.SUBMITTED: _("Check the dossier and forward it, or return it"),
    DossierState.FORWARDED: _("Accept the dossier into a round, or return it"),
    DossierState.ACCEPTED: _("Have the council score the dossier and decide on it"),
    DossierState.SCORED: _("Decide on the recognition"),
}


def _task(dossier: Dossier, decision_due: datetime.date | None) -> Task:
    dates = [day for day in (dossier.deadline, decision_due) if day is not None]
    return Task(dossier, ACTIONS[dossier.state], min(dates, default=None), decision_due)


def tasks_for(user) -> list[Task]:
    """The user's dossier tasks, the most urgent first (no deadline last). A dossier's deadline is the nearer of its
    step's and of the decision the law dates (``transition.decision_deadlines``: QĐ 26's transition, the 45 days of a
    re-evaluation); the office also sees the dossiers in a round whose decision the law dates."""
    if not getattr(user, "is_authenticated", False) or (not active_roles(user) and not has_role(user, Role.ADMIN)):
        return []
    dossiers = visible_dossiers(user).filter(_waiting_for(user)).select_related("product", "producer", "rule_set")
    due = decision_deadlines(dossiers)
    tasks = [
        _task(dossier, due[dossier.pk])
        for dossier in dossiers
        if dossier.state not in UNDECIDED_IN_ROUND or due[dossier.pk] is not None
    ]
    far_future = datetime.date.max
    return sorted(tasks, key=lambda task: (task.deadline or far_future, task.dossier.pk))
