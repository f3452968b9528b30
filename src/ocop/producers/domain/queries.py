"""Which registry records a user may see."""

import operator
from functools import reduce

from django.db.models import Q, QuerySet

from ocop.accounts.domain.roles import active_roles
from ocop.accounts.domain.scope import scope_of
from ocop.accounts.enums import Role
from ocop.producers.models import CraftVillage, Producer, Product, RawMaterialZone


def own_producer_ids(user) -> set[int]:
    """The producers a producer account acts for."""
    return {a.producer_id for a in active_roles(user) if a.role == Role.PRODUCER and a.producer_id}


def producer_visibility(user, path: str = "") -> Q | None:
    """A condition on ``<path>producer`` rows the user may see, or None when the user sees none at all.

    Officers see the producers of their area (with its counterparts across the 2025 reform), producer accounts
    their own producer.
    """
    scope = scope_of(user)
    if scope.everything:
        return Q()
    conditions = []
    if scope.unit_ids:
        conditions.append(Q(**{f"{path}unit__in": scope.unit_ids}))
    if own := own_producer_ids(user):
        conditions.append(Q(**{f"{path}pk__in": own}))
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
