"""Read-only admin pages: certificates and decisions are never edited, every other write goes through the domain."""

from django.contrib import admin

from ocop.certificates.models import (
    Certificate,
    CertificateReminder,
    Inspection,
    InspectionPlan,
    RecognitionDecision,
    Revocation,
    RevocationProposal,
    Suspension,
)
from ocop.common.admin import ReadOnlyAdmin


@admin.register(RecognitionDecision)
class RecognitionDecisionAdmin(ReadOnlyAdmin):
    list_display = ["number", "decided_on", "level", "issuing_body", "rule_set"]
    search_fields = ["number", "issuing_body"]


@admin.register(Certificate)
class CertificateAdmin(ReadOnlyAdmin):
    list_display = ["number", "product_name", "producer_name", "stars", "issued_on", "valid_until", "replaces"]
    search_fields = ["number", "product_name", "producer_name"]
    list_select_related = ["replaces"]


@admin.register(Suspension)
class SuspensionAdmin(ReadOnlyAdmin):
    list_display = ["certificate", "starts_on", "until", "lifted_on"]


@admin.register(RevocationProposal)
class RevocationProposalAdmin(ReadOnlyAdmin):
    list_display = ["certificate", "ground", "found_on", "due_on", "outcome"]
    list_filter = ["outcome", "ground"]


@admin.register(Revocation)
class RevocationAdmin(ReadOnlyAdmin):
    list_display = ["certificate", "number", "decided_on", "issuing_body"]


@admin.register(InspectionPlan)
class InspectionPlanAdmin(ReadOnlyAdmin):
    list_display = ["title", "kind", "year", "starts_on", "ends_on"]


@admin.register(Inspection)
class InspectionAdmin(ReadOnlyAdmin):
    list_display = ["certificate", "plan", "scheduled_on", "conclusion"]


@admin.register(CertificateReminder)
class CertificateReminderAdmin(ReadOnlyAdmin):
    list_display = ["certificate", "stage", "sent_on"]
