"""Implementation reports of a plan. A draft reads the live figures; issuing freezes them in ``snapshot``."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ISSUED = "issued", _("Issued")


class PlanReport(models.Model):
    plan = models.ForeignKey("planning.Plan", verbose_name=_("plan"), on_delete=models.PROTECT, related_name="reports")
    obligation = models.ForeignKey(
        "planning.ReportingObligation",
        verbose_name=_("reporting obligation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
    )
    period_key = models.CharField(_("period"), max_length=10)
    status = models.CharField(_("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    number = models.CharField(_("number"), max_length=20, blank=True, help_text=_("Left empty until it is issued."))
    symbol = models.CharField(_("symbol"), max_length=40, blank=True)
    superior_body = models.CharField(_("superior body"), max_length=200, blank=True)
    issuing_body = models.CharField(_("issuing body"), max_length=200)
    place = models.CharField(_("place of issue"), max_length=80)
    report_date = models.DateField(_("date of the report"), null=True, blank=True)
    subject = models.CharField(_("subject"), max_length=500)
    recipients = models.TextField(_("recipients"), blank=True, help_text=_("One per line."))
    signer_authority = models.CharField(_("signing authority"), max_length=120, blank=True)
    signer_title = models.CharField(_("signer's title"), max_length=120, blank=True)
    signer_name = models.CharField(_("signed by"), max_length=150, blank=True)
    narrative = models.JSONField(_("narrative"), default=dict, blank=True)
    snapshot = models.JSONField(_("frozen figures"), null=True, blank=True)
    snapshot_sha256 = models.CharField(_("fingerprint of the frozen figures"), max_length=64, blank=True)
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("plan report")
        verbose_name_plural = _("plan reports")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["plan", "period_key", "status"])]

    def __str__(self) -> str:
        number = f"{self.number}/{self.symbol}" if self.number else self.symbol
        return f"{number} – {self.plan} {self.period_key}".strip(" –")

    def save(self, *args, **kwargs):
        """An issued report is a document of record: its figures, header and text never change afterwards."""
        if self._stored_as_issued():
            raise ValidationError(_("An issued report is frozen: draft a new report instead."), code="issued")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self._stored_as_issued():
            raise ValidationError(_("An issued report is frozen: draft a new report instead."), code="issued")
        return super().delete(*args, **kwargs)

    def _stored_as_issued(self) -> bool:
        return self.pk is not None and PlanReport.objects.filter(pk=self.pk, status=ReportStatus.ISSUED).exists()

    @property
    def is_issued(self) -> bool:
        """Numbered, dated and frozen: it reads its snapshot and can no longer be edited."""
        return self.status == ReportStatus.ISSUED
