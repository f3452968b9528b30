from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# The most stamps one batch may ask for: a year's printing for a large producer (plan 706 funds 30,000 in all).
MAX_BATCH = 100_000


class BatchStatus(models.TextChoices):
    REQUESTED = "requested", pgettext_lazy("stamp request", "Requested")
    ISSUED = "issued", pgettext_lazy("stamp request", "Issued")
    REFUSED = "refused", pgettext_lazy("stamp request", "Refused")


class Verdict(models.TextChoices):
    """What a scan of a stamp finds, in the words the scan page shows."""

    GENUINE = "genuine", _("Genuine stamp")
    SUSPICIOUS = "suspicious", _("Stamp scanned suspiciously often")
    VOIDED = "voided", _("Voided stamp")
    UNKNOWN = "unknown", _("Stamp not found")
    INVALID = "invalid", _("Not a valid stamp code")


class ScanFlag(models.TextChoices):
    """Why the scan log flagged a stamp (traceability.domain.scan_log)."""

    REPEATED = "repeated", _("scanned more often than one product is")
    BURST = "burst", _("scanned many times within minutes")
    VOIDED = "voided", _("scanned after it was voided")


class EventType(models.TextChoices):
    """The five kinds of EPCIS 2.0 event."""

    OBJECT = "ObjectEvent", _("Object event")
    AGGREGATION = "AggregationEvent", _("Aggregation event")
    TRANSFORMATION = "TransformationEvent", _("Transformation event")
    TRANSACTION = "TransactionEvent", _("Transaction event")
    ASSOCIATION = "AssociationEvent", _("Association event")


class ValueChainStep(models.TextChoices):
    """The steps of an OCOP product's value chain that a producer records from its phone; each becomes an EPCIS 2.0
    event with a business step of the CBV (traceability.domain.events)."""

    HARVEST = "harvest", _("Harvest in a raw-material zone")
    PROCESS = "process", _("Processing into a lot")
    PACK = "pack", _("Packing: stamps put on a lot")
    SHIP = "ship", _("Shipping")
    RECEIVE = "receive", _("Receiving at a sales point")


class SyncStatus(models.TextChoices):
    """Where a product's record stands with the national traceability portal (traceability.domain.national_portal)."""

    PENDING = "pending", _("Changed since it was last sent")
    SENT = "sent", _("Sent, waiting for the portal's receipt")
    SYNCED = "synced", _("Up to date on the portal")
    FAILED = "failed", _("Refused by the portal")
