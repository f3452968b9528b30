"""A product's lifecycle (idea, business plan, registered, certified, expired, revoked, withdrawn), computed from its
certificates and dossiers. It lives here, above both, because it reads both."""

import datetime

from django.db.models import Case, CharField, Exists, OuterRef, Q, QuerySet, Subquery, Value, When
from django.utils import timezone

from ocop.certificates.domain.validity import latest_certificates
from ocop.dossiers.enums import ACTIVE_STATES, PLAN_MILESTONES
from ocop.dossiers.models import Dossier, Milestone
from ocop.producers.enums import ProductState
from ocop.producers.models import Product


def with_lifecycle(products: QuerySet[Product], today: datetime.date | None = None) -> QuerySet[Product]:
    """Annotate ``state`` (a ProductState), ``stars`` (of a valid certificate) and ``certified_until``.

    The current certificate is the latest one not replaced by another. The rule, in order: withdrawn by the producer;
    a current certificate still valid and not revoked → certified (even while it is re-evaluated); a dossier in
    progress → registered for evaluation; a current certificate revoked → revoked; a certificate past its date →
    expired; a business plan received → in business plan; otherwise an idea.
    """
    today = today or timezone.localdate()
    current = latest_certificates(OuterRef("pk"))
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
