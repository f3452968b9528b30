"""A certificate's status: computed from its dates and the events recorded about it, never typed in.

The rule, first match wins, for a day ``today``:

1. a revocation decided on or before today → **revoked**;
2. a certificate issued to replace it (upgrade, re-evaluation, correction) → **replaced** ("superseded");
3. today after ``valid_until`` → **expired** (a certificate is valid through its last day);
4. a suspension running today (started, not lifted) → **suspended**;
5. an evaluation dossier of the product in progress that will replace it (re-evaluation or upgrade)
   → **under re-evaluation**;
6. ``valid_until`` within the expiry notice of the rules in force today (180 days under QĐ 26/2026, 30 under QĐ 148)
   → **expiring soon**;
7. otherwise **valid**.

The notice period comes from the rules in force *today* because the re-evaluation procedure a producer must follow
is today's (a certificate issued under QĐ 148 is re-evaluated under QĐ 26), while the validity itself came from the
rules under which the certificate was issued (``valid_until`` is fixed when it is issued).

``with_status`` writes the rule as one SQL expression for lists; ``certificate_status`` answers for one certificate
through the same expression, so the two can never disagree. Rules 1–4 are the conditions of
``certificates.domain.validity`` (whether a certificate is in force); rule 5 is contributed by dossiers through
``register_reevaluation``, because certificates sit below dossiers and never import them.
"""

import datetime
from collections.abc import Callable

from django.core.cache import cache
from django.db.models import Case, CharField, Exists, Q, QuerySet, Value, When
from django.db.models.fields import DateField
from django.utils import timezone

from ocop.certificates.domain import validity
from ocop.certificates.enums import CertificateStatus
from ocop.certificates.models import Certificate
from ocop.evaluation.domain.rule_sets import rule_set_in_force

# Conditions on a Certificate that put it "under re-evaluation" (a dossier in progress that will replace it),
# registered by dossiers from its AppConfig.ready.
_reevaluation_conditions: list[Callable[[], Q | Exists]] = []


def register_reevaluation(condition: Callable[[], Q | Exists]) -> None:
    if condition not in _reevaluation_conditions:
        _reevaluation_conditions.append(condition)


def expiry_notice_days(today: datetime.date) -> int:
    """Days before expiry from which a certificate is "expiring soon": the rules in force today say how many.

    Remembered for the day in the cache, so that the public pages answer without asking the database.
    """
    key = f"ocop:certificates:notice-days:{today.isoformat()}"
    days = cache.get(key)
    if days is None:
        days = rule_set_in_force(today).expiry_notice_days
        cache.set(key, days, 24 * 3600)
    return days


def status_conditions(today: datetime.date) -> list[tuple[str, Q | Exists]]:
    """The rule as ordered (status, condition) pairs on a Certificate queryset; the first that holds wins."""
    horizon = today + datetime.timedelta(days=expiry_notice_days(today))
    reevaluating = [(CertificateStatus.UNDER_REEVALUATION, condition()) for condition in _reevaluation_conditions]
    return [
        (CertificateStatus.REVOKED, validity.revoked(today)),
        (CertificateStatus.REPLACED, validity.replaced(today)),
        (CertificateStatus.EXPIRED, validity.expired(today)),
        (CertificateStatus.SUSPENDED, validity.suspended(today)),
        *reevaluating,
        (CertificateStatus.EXPIRING, Q(valid_until__lte=horizon)),
    ]


def with_status(certificates: QuerySet[Certificate], today: datetime.date | None = None) -> QuerySet[Certificate]:
    """Annotate ``status`` (a CertificateStatus value) and ``status_on`` (the day it holds for)."""
    today = today or timezone.localdate()
    return certificates.annotate(
        status=Case(
            *[When(condition, then=Value(status.value)) for status, condition in status_conditions(today)],
            default=Value(CertificateStatus.VALID.value),
            output_field=CharField(),
        ),
        status_on=Value(today, output_field=DateField()),
    )


def certificate_status(certificate: Certificate, today: datetime.date | None = None) -> CertificateStatus:
    """The status of one certificate on ``today``: the annotation when it was loaded with it, else one query."""
    today = today or timezone.localdate()
    if getattr(certificate, "status_on", None) == today and getattr(certificate, "status", None):
        return CertificateStatus(certificate.status)
    status = with_status(Certificate.objects.filter(pk=certificate.pk), today).values_list("status", flat=True).get()
    return CertificateStatus(status)


def visible_certificates(user) -> QuerySet[Certificate]:
    """Officers see the certificates of producers in their area, producer accounts their own, admins all."""
    from ocop.producers.domain.queries import producer_visibility

    condition = producer_visibility(user, "producer__")
    return Certificate.objects.none() if condition is None else Certificate.objects.filter(condition)
