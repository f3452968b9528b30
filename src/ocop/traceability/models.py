from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ocop.traceability.enums import MAX_BATCH, BatchStatus, ScanFlag, Verdict


class StampBatch(models.Model):
    """Stamps a producer asked for, for one product; the office issues them (or refuses, saying why)."""

    product = models.ForeignKey(
        "producers.Product", verbose_name=_("product"), on_delete=models.PROTECT, related_name="stamp_batches"
    )
    quantity = models.PositiveIntegerField(
        _("number of stamps"), validators=[MinValueValidator(1), MaxValueValidator(MAX_BATCH)]
    )
    status = models.CharField(_("status"), max_length=12, choices=BatchStatus.choices, default=BatchStatus.REQUESTED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+", null=True
    )
    requested_at = models.DateTimeField(_("requested at"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), on_delete=models.PROTECT, related_name="+", null=True
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    refusal_reason = models.TextField(_("reason for refusal"), blank=True)

    class Meta:
        verbose_name = _("stamp batch")
        verbose_name_plural = _("stamp batches")
        ordering = ["-requested_at", "-pk"]

    def __str__(self) -> str:
        return _("%(quantity)s stamps for %(product)s") % {"quantity": self.quantity, "product": self.product}


class Stamp(models.Model):
    """One printed stamp: a serial unique across every producer, and its place in its batch (printed beside it, so
    that a lost roll can be voided by its first and last number)."""

    serial = models.CharField(_("serial"), max_length=12, unique=True)
    batch = models.ForeignKey(StampBatch, verbose_name=_("batch"), on_delete=models.PROTECT, related_name="stamps")
    position = models.PositiveIntegerField(_("number in the batch"))
    voided_at = models.DateTimeField(_("voided at"), null=True, blank=True)
    void_reason = models.CharField(_("reason for voiding"), max_length=255, blank=True)
    # Kept up by the scan log's flush (traceability.domain.scan_log), never by the request that scanned.
    first_scanned_at = models.DateTimeField(_("first scanned at"), null=True, blank=True)
    scan_count = models.PositiveIntegerField(_("scans"), default=0)
    flagged_at = models.DateTimeField(_("flagged at"), null=True, blank=True)
    flag_reason = models.CharField(_("why it was flagged"), max_length=20, choices=ScanFlag.choices, blank=True)

    class Meta:
        verbose_name = _("stamp")
        verbose_name_plural = _("stamps")
        constraints = [models.UniqueConstraint(fields=["batch", "position"], name="traceability_stamp_position")]

    def __str__(self) -> str:
        return self.serial


class Scan(models.Model):
    """One scan of a stamp's address, as the public page answered it. Nothing about who scanned is kept."""

    serial = models.CharField(_("code read"), max_length=40)
    stamp = models.ForeignKey(Stamp, verbose_name=_("stamp"), on_delete=models.PROTECT, related_name="scans", null=True)
    verdict = models.CharField(_("verdict"), max_length=10, choices=Verdict.choices)
    scanned_at = models.DateTimeField(_("scanned at"))

    class Meta:
        verbose_name = _("scan")
        verbose_name_plural = _("scans")
        indexes = [models.Index(fields=["stamp", "scanned_at"]), models.Index(fields=["scanned_at"])]

    def __str__(self) -> str:
        return self.serial


class FlushedSpool(models.Model):
    """A spool file of scans already stored: a flush that stopped before deleting it does not store it twice."""

    name = models.CharField(max_length=200, unique=True)
    flushed_at = models.DateTimeField()
    scans = models.PositiveIntegerField()

    def __str__(self) -> str:
        return self.name
