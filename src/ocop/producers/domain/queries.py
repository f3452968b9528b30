"""Which registry records a user may see."""

import operator
from collections.abc import Callable
from functools import reduce

from django.db.models import Q, QuerySet

from ocop.accounts.domain.roles import active_roles
from ocop.accounts.domain.scope import scope_of
from ocop.accounts.enums import Role
from ocop.producers.models import CraftVillage, Producer, Product, RawMaterialZone


def own_producer_ids(user) -> set[int]:
    """The producers a producer account acts for."""
    return {a.producer_id for a in active_roles(user) if a.role == Role.PRODUCER and a.producer_id}


# Who else sees a producer's records, as functions of the user returning the producers' keys (a queryset of pk) or
# None, contributed by the apps above (dossiers: the Ministry's coordination office sees the producers whose dossiers
# were sent up to it for 5★). Producers never import the apps that register them.
_reach_clauses: list[Callable[[object], QuerySet | None]] = []


def register_reach(clause: Callable[[object], QuerySet | None]) -> None:
    """Add a clause to producer_visibility; called from the contributing app's AppConfig.ready."""
    if clause not in _reach_clauses:
        _reach_clauses.append(clause)


def producer_visibility(user, path: str = "") -> Q | None:
    """A condition on ``<path>producer`` rows the user may see, or None when the user sees none at all.

    Officers see the producers of their area (with its counterparts across the 2025 reform), producer accounts
    their own producer, then whoever a registered clause lets in.
    """
    scope = scope_of(user)
    if scope.everything:
        return Q()
    conditions = []
    if scope.unit_ids:
        conditions.append(Q(**{f"{path}unit__in": scope.unit_ids}))
    if own := own_producer_ids(user):
        conditions.append(Q(**{f"{path}pk__in": own}))
    for clause in _reach_clauses:
        if (reached := clause(user)) is not None:
            conditions.append(Q(**{f"{path}pk__in": reached}))
    return reduce(operator.or_, conditions) if conditions else None


def visible_producers(user) -> QuerySet[Producer]:
    condition = producer_visibility(user)
    return Producer.objects.none() if condition is None else Producer.objects.filter(condition)


def _visible_through_producer(model, user) -> QuerySet:
    condition = producer_visibility(user, "producer__")
    return model.objects.none() if condition is None else model.objects.filter(condition)


def visible_products(user) -> QuerySet[Product]:
    return _visible_through_producer(Product, user)


def visible_zones(user) -> QuerySet[RawMaterialZone]:
    return _visible_through_producer(RawMaterialZone, user)


def visible_craft_villages(user) -> QuerySet[CraftVillage]:
    scope = scope_of(user)
    if scope.everything:
        return CraftVillage.objects.all()
    return CraftVillage.objects.filter(unit__in=scope.unit_ids)
