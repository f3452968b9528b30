from django.db import models
from django.utils.translation import gettext_lazy as _


class RecognitionLevel(models.TextChoices):
    DISTRICT = "district", _("District People's Committee")
    PROVINCE = "province", _("Provincial People's Committee")
    CENTRAL = "central", _("Ministry")


class CertificateStatus(models.TextChoices):
    """Computed from dates and events by certificates.domain.status, never typed in."""

    VALID = "valid", _("Valid")
    EXPIRING = "expiring", _("Expiring soon")
    UNDER_REEVALUATION = "reevaluating", _("Under re-evaluation")
    SUSPENDED = "suspended", _("Suspended")
    EXPIRED = "expired", _("Expired")
    REVOKED = "revoked", _("Revoked")
    REPLACED = "replaced", _("Superseded")


# The certificate may be relied on (the product may carry the OCOP mark): it is listed in the public catalogue.
IN_FORCE_STATUSES = frozenset(
    {CertificateStatus.VALID, CertificateStatus.EXPIRING, CertificateStatus.UNDER_REEVALUATION}
)
# How each status looks: ok (green), warn (amber), bad (red), off (grey).
STATUS_TONE = {
    CertificateStatus.VALID: "ok",
    CertificateStatus.EXPIRING: "warn",
    CertificateStatus.UNDER_REEVALUATION: "warn",
    CertificateStatus.SUSPENDED: "bad",
    CertificateStatus.EXPIRED: "bad",
    CertificateStatus.REVOKED: "bad",
    CertificateStatus.REPLACED: "off",
}

RECOGNISED_STARS = (3, 4, 5)


class IssueBasis(models.TextChoices):
    RECOGNITION = "recognition", _("Recognition decision")
    CORRECTION = "correction", _("Correction of an earlier certificate")


class ReminderStage(models.TextChoices):
    """What the daily job has already told people about a certificate (each stage once)."""

    NOTICE = "notice", _("Expiry notice")
    REMINDER = "reminder", _("Second reminder")
    EXPIRED = "expired", _("Expiry marked")
    REVOCATION_OVERDUE = "revocation_overdue", _("Revocation decision overdue")
    SUSPENSION_OVERDUE = "suspension_overdue", _("Suspension past its deadline")
    ACTION_OVERDUE = "action_overdue", _("Corrective action overdue")


class RevocationGround(models.TextChoices):
    """The six grounds for revoking a recognition."""

    DISHONEST = "dishonest", _("Dishonest or forged information")
    NO_LONGER_MEETS = "no_longer_meets", _("No longer meets the criteria, as an inspection found")
    LAW_VIOLATION = "law_violation", _("Violation of quality, food-safety, environment, IP or labelling law")
    MARK_MISUSE = "mark_misuse", _("Misuse of the OCOP mark")
    PRODUCTION_STOPPED = "production_stopped", _("Production stopped")
    OTHER_CONCLUSION = "other_conclusion", _("Other conclusion of a competent authority")


class ProposalOutcome(models.TextChoices):
    OPEN = "open", _("Awaiting decision")
    REVOKED = "revoked", _("Revoked")
    REJECTED = "rejected", _("Not revoked")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class InspectionPlanKind(models.TextChoices):
    PERIODIC = "periodic", _("Periodic")
    AD_HOC = "ad_hoc", _("Ad hoc")


class InspectionConclusion(models.TextChoices):
    COMPLIANT = "compliant", _("Still meets the criteria")
    CORRECTIVE = "corrective", _("Meets them once the corrective actions are done")
    PROPOSE_REVOCATION = "propose_revocation", _("No longer meets them: revocation proposed")


class FindingKind(models.TextChoices):
    CRITERION = "criterion", _("A scored criterion is no longer met")
    MARK_USE = "mark_use", _("The OCOP mark is misused")
    LAW = "law", _("Violation of quality, food-safety, environment, IP or labelling law")
    OTHER = "other", _("Other")


class FindingSeverity(models.TextChoices):
    MINOR = "minor", _("Minor")
    MAJOR = "major", _("Major")
    CRITICAL = "critical", _("Critical")
