from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitLevel(models.TextChoices):
    PROVINCE = "province", _("Province")
    DISTRICT = "district", _("District")
    COMMUNE = "commune", _("Commune")


class Era(models.TextChoices):
    """The two generations of administrative units: three levels until 30/06/2025, two levels from 01/07/2025."""

    BEFORE_2025 = "before_2025", _("Before 1/7/2025 (three levels)")
    FROM_2025 = "from_2025", _("From 1/7/2025 (two levels)")
