from django.db.models import QuerySet

from ocop.producers.domain.queries import visible_products
from ocop.traceability.models import Stamp, StampBatch


def visible_stamp_batches(user) -> QuerySet[StampBatch]:
    """The batches of the products the user sees: an officer's area, a producer's own."""
    return StampBatch.objects.filter(product__in=visible_products(user))


def stamps_of(batch: StampBatch, first: int, last: int) -> QuerySet[Stamp]:
    return batch.stamps.filter(position__range=(first, last)).order_by("position")
