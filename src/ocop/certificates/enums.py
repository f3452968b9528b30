from django.db import models
from django.utils.translation import gettext_lazy as _


class RecognitionLevel(models.TextChoices):
    DISTRICT = "district", _("District People's Committee")
    PROVINCE = "province", _("Provincial People's Committee")
    CENTRAL = "central", _("Ministry")


class CertificateStatus(models.TextChoices):
    """Computed from dates and events, never typed in."""

    VALID = "valid", _("Valid")
    EXPIRING = "expiring", _("Expiring soon")
    EXPIRED = "expired", _("Expired")
    REPLACED = "replaced", _("Replaced")
    REVOKED = "revoked", _("Revoked")


RECOGNISED_STARS = (3, 4, 5)
