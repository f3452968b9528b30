"""The demo loaded on other days than today still has certificates in every status, its historical rounds untouched.

Loading the demo takes a few seconds: two days are enough, chosen where the registry alone could not do it.
"""

import datetime

import pytest
from django.utils import timezone

from ocop.certificates.domain.status import with_status
from ocop.certificates.domain.validity import in_force
from ocop.certificates.enums import CertificateStatus
from ocop.certificates.models import Certificate
from ocop.demo.loader import load_demo
from tests.clock import today_is
from tests.demo.helpers import recorded_rounds, statuses_on

pytestmark = [pytest.mark.django_db, pytest.mark.slow]
D = datetime.date


@pytest.mark.parametrize(
    "day",
    [
        # No registry recognition can expire soon (those of 29/12/2023 have expired, those of 2024 are not due yet).
        D(2027, 3, 15),
        # Every registry certificate has expired: the re-evaluation rounds since 2026 carry the demo.
        D(2028, 9, 15),
    ],
    ids=str,
)
def test_every_status_on_another_day(day):
    with today_is(day):
        load_demo()
        assert timezone.localdate() == day
        statuses = statuses_on(day)
        assert set(statuses) == set(CertificateStatus.values), statuses
        assert in_force(Certificate.objects.all()).count() > 50
        rounds = recorded_rounds()
        assert rounds.filter(issued_on__lt=D(2024, 1, 1)).count() == 182
        assert rounds.filter(issued_on__year=2024).count() == 84
        first_of_2022 = Certificate.objects.filter(issued_on=D(2022, 12, 31)).order_by("number").first()
        assert with_status(Certificate.objects.filter(pk=first_of_2022.pk)).get().status == CertificateStatus.EXPIRED
