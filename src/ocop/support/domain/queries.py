"""Which support records a user sees. Training classes and the plan's funding entries are the province's: every
officer of the province reads them. IP cases and the support a producer received follow the producer: officers of
its area (with the counterparts across the 2025 reform) and the producer's own account."""

from django.db.models import QuerySet

from ocop.accounts.domain.scope import province_scope_of
from ocop.producers.domain.queries import producer_visibility
from ocop.support.models import FundingEntry, IPCase, ProducerSupport, TrainingClass


def visible_classes(user) -> QuerySet[TrainingClass]:
    if not user.has_perm("support.view_training"):
        return TrainingClass.objects.none()
    return province_scope_of(user).filter(TrainingClass.objects.all())


def visible_ip_cases(user) -> QuerySet[IPCase]:
    condition = producer_visibility(user, "producer__")
    if condition is None or not user.has_perm("support.view_ip_cases"):
        return IPCase.objects.none()
    return IPCase.objects.filter(condition)


def visible_funding_entries(user) -> QuerySet[FundingEntry]:
    if not user.has_perm("support.view_funding"):
        return FundingEntry.objects.none()
    return province_scope_of(user).filter(FundingEntry.objects.all(), "task__plan__unit")


def visible_producer_support(user) -> QuerySet[ProducerSupport]:
    condition = producer_visibility(user, "producer__")
    if condition is None or not user.has_perm("support.view_producer_support"):
        return ProducerSupport.objects.none()
    return ProducerSupport.objects.filter(condition)
