"""Evidence the registry gathers for the producer's self-assessment: fair participation, which criterion B.4.3
(promotion of the product, "Quảng bá sản phẩm") scores. The self-assessment page shows it beside that criterion."""

import datetime

from django.db.models import QuerySet

from ocop.producers.models import Producer, Product
from ocop.promotion.models import FairRegistration

CRITERION_PART, CRITERION_CODE = "B", "4.3"


def fair_participation(product_or_producer: Product | Producer, before_day: datetime.date) -> QuerySet:
    """The fairs a product (or any product of a producer) was registered for and that began by ``before_day``,
    latest first, with the product, its booth and its results."""
    registrations = FairRegistration.objects.filter(fair__starts_on__lte=before_day)
    if isinstance(product_or_producer, Product):
        registrations = registrations.filter(product=product_or_producer)
    else:
        registrations = registrations.filter(producer=product_or_producer)
    return registrations.select_related("fair", "product").order_by("-fair__starts_on", "pk")
