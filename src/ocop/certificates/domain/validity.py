"""Whether a certificate is in force on a day — the one answer, asked by every app.

In force on ``day``: issued by then, not past its date (a certificate is valid through its last day; a transition of
the rules may keep it valid longer while its re-evaluation is undecided, see ``register_extension``), and on that day
not revoked, not replaced by a certificate issued by then, not suspended. The answer reads only the certificate's
dates and the events recorded about it and knows nothing of dossiers, so the apps above ask it too: dossiers (which
kind of dossier a product may file), planning (the OCOP producers of a period). The status
(``certificates.domain.status``) labels a certificate from the same conditions.
"""

import datetime
from collections.abc import Callable

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from ocop.certificates.models import Certificate, Revocation, Suspension


def revoked(day: datetime.date) -> Exists:
    return Exists(Revocation.objects.filter(certificate=OuterRef("pk"), decided_on__lte=day))


def replaced(day: datetime.date) -> Exists:
    return Exists(Certificate.objects.filter(replaces=OuterRef("pk"), issued_on__lte=day))


# Conditions on a Certificate that keep it valid past ``valid_until`` on a day (the transition of QĐ 26/2026 while
# its re-evaluation is undecided), registered by dossiers from its AppConfig.ready: certificates never import them.
_extensions: list[Callable[[datetime.date], Q]] = []


def register_extension(condition: Callable[[datetime.date], Q]) -> None:
    if condition not in _extensions:
        _extensions.append(condition)


def expired(day: datetime.date) -> Q:
    """Past ``valid_until`` on ``day`` and not kept valid by a registered extension."""
    condition = Q(valid_until__lt=day)
    for extension in _extensions:
        condition &= ~extension(day)
    return condition


def suspended(day: datetime.date) -> Exists:
    return Exists(
        Suspension.objects.filter(certificate=OuterRef("pk"), starts_on__lte=day).filter(
            Q(lifted_on__isnull=True) | Q(lifted_on__gt=day)
        )
    )


def in_force_condition(day: datetime.date) -> Q:
    return Q(issued_on__lte=day) & ~expired(day) & ~Q(revoked(day)) & ~Q(replaced(day)) & ~Q(suspended(day))


def in_force(certificates: QuerySet[Certificate], day: datetime.date | None = None) -> QuerySet[Certificate]:
    """The certificates of ``certificates`` in force on ``day`` (today when not given)."""
    return certificates.filter(in_force_condition(day or timezone.localdate()))


def latest_certificates(product) -> QuerySet[Certificate]:
    """The product's certificates not replaced by another, latest first: the first is the one that speaks for the
    product, in force or not. ``product`` may be an ``OuterRef`` (in a subquery)."""
    return Certificate.objects.filter(product=product, replaced_by__isnull=True).order_by("-issued_on", "-id")


def current_certificate(product, on: datetime.date) -> Certificate | None:
    """The product's certificate in force on ``on``, the latest first."""
    return in_force(Certificate.objects.filter(product=product), on).order_by("-issued_on", "-id").first()
