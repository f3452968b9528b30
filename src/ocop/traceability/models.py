from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ocop.traceability.enums import MAX_BATCH, BatchStatus


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

    class Meta:
        verbose_name = _("stamp")
        verbose_name_plural = _("stamps")
        constraints = [models.UniqueConstraint(fields=["batch", "position"], name="traceability_stamp_position")]

    def __str__(self) -> str:
        return self.serial
