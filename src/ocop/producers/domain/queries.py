"""Which registry records a user may see, and the product lifecycle computed from certificates and dossiers."""

import datetime
import operator
from functools import reduce

from django.db.models import Case, CharField, Exists, OuterRef, Q, QuerySet, Subquery, Value, When
from django.utils import timezone

from ocop.accounts.domain.roles import active_roles
from ocop.accounts.domain.scope import scope_of
from ocop.accounts.enums import Role
from ocop.certificates.models import Certificate
from ocop.dossiers.enums import ACTIVE_STATES, PLAN_MILESTONES
from ocop.dossiers.models import Dossier, Milestone
from ocop.producers.enums import ProductState
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


def with_lifecycle(products: QuerySet[Product], today: datetime.date | None = None) -> QuerySet[Product]:
    """Annotate ``state`` (a ProductState), ``stars`` (of a valid certificate) and ``certified_until``.

    The current certificate is the latest one not replaced by another. The rule, in order: withdrawn by the producer;
    a current certificate still valid and not revoked → certified (even while it is re-evaluated); a dossier in
    progress → registered for evaluation; a current certificate revoked → revoked; a certificate past its date →
    expired; a business plan received → in business plan; otherwise an idea.
    """
    today = today or timezone.localdate()
    current = Certificate.objects.filter(product=OuterRef("pk"), replaced_by__isnull=True).order_by("-issued_on", "-id")
    annotated = products.annotate(
        certified_until=Subquery(current.values("valid_until")[:1]),
        certificate_stars=Subquery(current.values("stars")[:1]),
        certificate_revoked_on=Subquery(current.values("revocation__decided_on")[:1]),
        has_open_dossier=Exists(Dossier.objects.filter(product=OuterRef("pk"), state__in=ACTIVE_STATES)),
        has_business_plan=Exists(Milestone.objects.filter(product=OuterRef("pk"), kind__in=PLAN_MILESTONES)),
    )
    revoked = Q(certificate_revoked_on__lte=today)
    not_revoked = Q(certificate_revoked_on__isnull=True) | Q(certificate_revoked_on__gt=today)
    return annotated.annotate(
        state=Case(
            When(withdrawn_on__isnull=False, then=Value(ProductState.WITHDRAWN)),
            When(Q(certified_until__gte=today) & not_revoked, then=Value(ProductState.CERTIFIED)),
            When(has_open_dossier=True, then=Value(ProductState.REGISTERED)),
            When(revoked, then=Value(ProductState.REVOKED)),
            When(certified_until__lt=today, then=Value(ProductState.EXPIRED)),
            When(has_business_plan=True, then=Value(ProductState.BUSINESS_PLAN)),
            default=Value(ProductState.IDEA),
            output_field=CharField(),
        ),
        stars=Case(When(Q(certified_until__gte=today) & not_revoked, then="certificate_stars"), default=None),
    )
