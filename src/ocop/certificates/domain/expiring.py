"""Which certificates need their expiry seen to: one answer for the dashboard, the expiry list and its export."""

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from ocop.certificates.domain.status import expiry_notice_days, with_status
from ocop.certificates.enums import CertificateStatus
from ocop.certificates.models import Certificate


def _still_made(certificates: QuerySet[Certificate], today: datetime.date) -> QuerySet[Certificate]:
    """A withdrawn product's certificate is nobody's work any more."""
    return with_status(certificates, today).filter(product__withdrawn_on__isnull=True)


def expiring(certificates: QuerySet[Certificate], today: datetime.date | None = None) -> QuerySet[Certificate]:
    """Certificates expiring soon, and those inside the same notice period already under re-evaluation (the
    re-evaluation may not be decided before the certificate lapses); annotated with their status."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=expiry_notice_days(today))
    return _still_made(certificates, today).filter(
        Q(status=CertificateStatus.EXPIRING) | Q(status=CertificateStatus.UNDER_REEVALUATION, valid_until__lte=horizon)
    )


def expired(certificates: QuerySet[Certificate], today: datetime.date | None = None) -> QuerySet[Certificate]:
    """Certificates past their last valid day whose product is still made (to be re-evaluated or taken off shelves)."""
    today = today or timezone.localdate()
    return _still_made(certificates, today).filter(status=CertificateStatus.EXPIRED)
