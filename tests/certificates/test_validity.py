"""Whether a certificate is in force on a day: the one rule (certificates.domain.validity), asked by dossiers and
planning too, and the same answer the status gives."""

import datetime

import pytest

from ocop.certificates.domain.status import certificate_status
from ocop.certificates.domain.validity import current_certificate, in_force
from ocop.certificates.enums import IN_FORCE_STATUSES
from ocop.certificates.models import Certificate
from ocop.planning.domain.indicators import certificates_in_force_on
from tests.certificates.helpers import issued, registered
from tests.factories import make_product

pytestmark = pytest.mark.django_db
D = datetime.date


def _in_force_on(certificate, day) -> bool:
    return in_force(Certificate.objects.filter(pk=certificate.pk), day).exists()


def test_in_force_from_its_issue_through_its_last_day_until_a_replacement_is_issued():
    product = make_product()
    old = registered(product, D(2024, 12, 27), stars=3)
    assert old.valid_until == D(2027, 12, 27)
    assert not _in_force_on(old, D(2024, 12, 26))
    assert _in_force_on(old, D(2024, 12, 27))
    new = issued(product, D(2026, 6, 30), stars=4)
    assert new.replaces == old
    assert _in_force_on(old, D(2026, 6, 29))
    assert not _in_force_on(old, D(2026, 6, 30))
    assert current_certificate(product, D(2026, 6, 29)) == old
    assert current_certificate(product, D(2026, 6, 30)) == new
    assert _in_force_on(new, D(2029, 6, 30))
    assert not _in_force_on(new, D(2029, 7, 1))


def test_planning_counts_the_same_certificates_and_the_status_agrees():
    product = make_product()
    old = registered(product, D(2024, 12, 27), stars=3)
    new = issued(product, D(2026, 6, 30), stars=4)
    for day in (D(2026, 6, 29), D(2026, 6, 30), D(2026, 11, 28)):
        expected = set(in_force(Certificate.objects.all(), day).values_list("pk", flat=True))
        assert set(certificates_in_force_on(day).values_list("pk", flat=True)) == expected
        # The status is about certificates already issued (it has no "not yet issued"): compare from new's issue.
        if day >= new.issued_on:
            assert {c.pk for c in (old, new) if certificate_status(c, day) in IN_FORCE_STATUSES} == expected
