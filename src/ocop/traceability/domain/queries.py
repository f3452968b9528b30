from django.db.models import Q, QuerySet

from ocop.accounts.domain.scope import scope_of
from ocop.producers.domain.queries import visible_products
from ocop.traceability.models import Stamp, StampBatch, TraceEvent


def visible_stamp_batches(user) -> QuerySet[StampBatch]:
    """The batches of the products the user sees: an officer's area, a producer's own."""
    return StampBatch.objects.filter(product__in=visible_products(user))


def stamps_of(batch: StampBatch, first: int, last: int) -> QuerySet[Stamp]:
    return batch.stamps.filter(position__range=(first, last)).order_by("position")


def flagged_stamps(user) -> QuerySet[Stamp]:
    """The alert inbox: stamps the scan log flagged (copied, scanned in a burst, scanned after voiding), newest first,
    of the batches the user sees."""
    return (
        Stamp.objects.filter(batch__in=visible_stamp_batches(user), flagged_at__isnull=False)
        .select_related("batch__product__producer")
        .order_by("-flagged_at", "-pk")
    )


def visible_events(user) -> QuerySet[TraceEvent]:
    """The value-chain events of the products the user sees (a provincial office: those of its province, not another
    province's in the same deployment), and those the user captured; the administrator sees every one."""
    if scope_of(user).everything:
        return TraceEvent.objects.all()
    return TraceEvent.objects.filter(Q(product__in=visible_products(user)) | Q(captured_by=user))
