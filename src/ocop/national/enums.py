from django.db import models
from django.utils.translation import gettext_lazy as _


class ExportKind(models.TextChoices):
    FULL = "full", _("Everything")
    INCREMENTAL = "incremental", _("Only what changed since a moment")
