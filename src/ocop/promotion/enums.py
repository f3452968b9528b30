from django.db import models
from django.utils.translation import gettext_lazy as _

# Most inquiries one address may send in the throttle's window (settings.OCOP_PUBLIC_RATES["inquiry"]).
INQUIRY_RATE = "inquiry"
# Words shorter than this in a buyer's product type are not matched on their own ("và", "cá" are kept: 2 letters).
MIN_WORD = 2


class SalesPointStatus(models.TextChoices):
    OPEN = "open", _("Open")
    SUSPENDED = "suspended", _("Suspended")
    CLOSED = "closed", _("Closed")


class InquiryState(models.TextChoices):
    """Where a buyer inquiry stands for one producer it was routed to."""

    WAITING = "waiting", _("Waiting for an answer")
    ANSWERED = "answered", _("Answered")
