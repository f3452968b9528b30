from django.db import models
from django.utils.translation import gettext_lazy as _

# The most stamps one batch may ask for: a year's printing for a large producer (plan 706 funds 30,000 in all).
MAX_BATCH = 100_000


class BatchStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    ISSUED = "issued", _("Issued")
    REFUSED = "refused", _("Refused")


class Verdict(models.TextChoices):
    """What a scan of a stamp finds, in the words the scan page shows."""

    GENUINE = "genuine", _("Genuine stamp")
    VOIDED = "voided", _("Voided stamp")
    UNKNOWN = "unknown", _("Stamp not found")
    INVALID = "invalid", _("Not a valid stamp code")
