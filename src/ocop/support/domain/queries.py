"""Which support records a user sees. Training classes and the plan's funding entries are the province's: every
officer reads them. IP cases and the support a producer received follow the producer: officers of its area (with
the counterparts across the 2025 reform) and the producer's own account."""

from django.db.models import QuerySet

from ocop.producers.domain.queries import producer_visibility
from ocop.support.models import FundingEntry, IPCase, ProducerSupport, TrainingClass


def visible_classes(user) -> QuerySet[TrainingClass]:
    return TrainingClass.objects.all() if user.has_perm("support.view_training") else TrainingClass.objects.none()


def visible_ip_cases(user) -> QuerySet[IPCase]:
    condition = producer_visibility(user, "producer__")
    if condition is None or not user.has_perm("support.view_ip_cases"):
        return IPCase.objects.none()
    return IPCase.objects.filter(condition)


def visible_funding_entries(user) -> QuerySet[FundingEntry]:
    return FundingEntry.objects.all() if user.has_perm("support.view_funding") else FundingEntry.objects.none()


def visible_producer_support(user) -> QuerySet[ProducerSupport]:
    condition = producer_visibility(user, "producer__")
    if condition is None or not user.has_perm("support.view_producer_support"):
        return ProducerSupport.objects.none()
    return ProducerSupport.objects.filter(condition)
