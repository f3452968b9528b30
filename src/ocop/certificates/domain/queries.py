"""Which supervision and revocation records a user may see: those of the certificates of their area (or, for a
plan, also the plans made for their area)."""

from django.db.models import Q, QuerySet

from ocop.accounts.domain.scope import scope_of
from ocop.certificates.domain.status import visible_certificates
from ocop.certificates.models import Inspection, InspectionPlan, RevocationProposal


def visible_inspection_plans(user) -> QuerySet[InspectionPlan]:
    scope = scope_of(user)
    if scope.everything:
        return InspectionPlan.objects.all()
    inspected_here = Inspection.objects.filter(certificate__in=visible_certificates(user)).values("plan_id")
    return InspectionPlan.objects.filter(Q(unit__in=scope.unit_ids) | Q(pk__in=inspected_here))


def visible_inspections(user) -> QuerySet[Inspection]:
    scope = scope_of(user)
    if scope.everything:
        return Inspection.objects.all()
    return Inspection.objects.filter(Q(plan__unit__in=scope.unit_ids) | Q(certificate__in=visible_certificates(user)))


def visible_proposals(user) -> QuerySet[RevocationProposal]:
    return RevocationProposal.objects.filter(certificate__in=visible_certificates(user))
