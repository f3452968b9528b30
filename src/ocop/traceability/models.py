from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ocop.traceability.enums import MAX_BATCH, BatchStatus, EventType, ScanFlag, SyncStatus, Verdict


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
    # Set by the packing event that put the stamp on a production lot (traceability.domain.events).
    lot = models.CharField(_("lot"), max_length=60, blank=True)
    activated_at = models.DateTimeField(_("activated at"), null=True, blank=True)

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


class TraceEvent(models.Model):
    """One value-chain event, kept as the EPCIS 2.0 JSON-LD it was captured as and known by its GS1 event hash ID
    (CBV 2.0): the same event captured twice is stored once. Never edited: a correction is a new event declaring
    this one an error (EPCIS error declaration), which sets ``retracted_at``."""

    hash_id = models.CharField(_("event hash ID"), max_length=100, unique=True)
    event_type = models.CharField(_("event type"), max_length=20, choices=EventType.choices)
    event_time = models.DateTimeField(_("event time"))
    time_zone_offset = models.CharField(_("time zone offset"), max_length=6)
    record_time = models.DateTimeField(_("recorded at"))
    biz_step = models.CharField(_("business step"), max_length=200, blank=True)
    # The event as captured (its eventID set to its hash ID when it came without one) and the namespace prefixes of
    # its document's @context, which its user extensions use.
    body = models.JSONField(_("event"))
    namespaces = models.JSONField(default=dict)
    product = models.ForeignKey(
        "producers.Product",
        verbose_name=_("product"),
        on_delete=models.PROTECT,
        related_name="trace_events",
        null=True,
        blank=True,
    )
    zone = models.ForeignKey(
        "producers.RawMaterialZone",
        verbose_name=_("raw-material zone"),
        on_delete=models.PROTECT,
        related_name="trace_events",
        null=True,
        blank=True,
    )
    lot = models.CharField(_("lot"), max_length=60, blank=True)
    # Shown on the scan page: a province-level place, never a buyer or a price.
    public_place = models.CharField(_("place shown to the public"), max_length=120, blank=True)
    captured_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("captured by"), on_delete=models.PROTECT, related_name="+", null=True
    )
    # An EPCIS error declaration names the event by its content (it has the same hash ID): the event stays as it was,
    # the declaration (time, reason, corrective events) is kept beside it and exported with it.
    retracted_at = models.DateTimeField(_("declared an error at"), null=True, blank=True)
    error_declaration = models.JSONField(_("error declaration"), null=True, blank=True)

    class Meta:
        verbose_name = _("value-chain event")
        verbose_name_plural = _("value-chain events")
        ordering = ["event_time", "pk"]
        indexes = [models.Index(fields=["product", "event_time"])]

    def __str__(self) -> str:
        return f"{self.get_event_type_display()} {self.biz_step} {self.event_time:%d/%m/%Y}"


class PortalSync(models.Model):
    """A product's record for the national traceability portal: what was last sent (its fingerprint), when, and what
    the portal answered. A connector sends the products whose record is pending and reports back."""

    product = models.OneToOneField(
        "producers.Product", verbose_name=_("product"), on_delete=models.CASCADE, related_name="portal_sync"
    )
    status = models.CharField(_("status"), max_length=10, choices=SyncStatus.choices, default=SyncStatus.PENDING)
    fingerprint = models.CharField(_("fingerprint of the record sent"), max_length=64, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    message = models.CharField(_("portal's message"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("national portal record")
        verbose_name_plural = _("national portal records")

    def __str__(self) -> str:
        return f"{self.product} ({self.get_status_display()})"
