"""The demo has certificates in every status whatever the day it is loaded, and the lists, the check page and the
catalogue agree with the dates."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from ocop.certificates.domain.publication import catalogue
from ocop.certificates.domain.status import with_status
from ocop.certificates.enums import IN_FORCE_STATUSES, CertificateStatus
from ocop.certificates.models import Certificate, CertificateReminder
from tests.demo.helpers import recorded_rounds, statuses_on

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    from django.db import transaction

    from ocop.demo.loader import load_demo

    with django_db_blocker.unblock(), transaction.atomic():
        load_demo()
        yield
        transaction.set_rollback(True)


def test_every_status_is_in_the_demo(demo):
    statuses = statuses_on(timezone.localdate())
    assert set(statuses) == set(CertificateStatus.values), statuses
    # Ninh Thuận's recorded rounds are untouched: what the demo adds is dated from the day it is loaded.
    assert recorded_rounds().filter(issued_on__year=2024).count() == 84


def test_a_certificate_of_31_12_2022_reads_expired_everywhere(demo, client):
    cache.clear()
    certificate = Certificate.objects.filter(issued_on=datetime.date(2022, 12, 31)).order_by("number").first()
    assert certificate.valid_until == datetime.date(2025, 12, 31)
    status = with_status(Certificate.objects.filter(pk=certificate.pk)).get().status
    assert status == CertificateStatus.EXPIRED
    page = client.get(reverse("public:certificate", args=[certificate.number]))
    assert 'data-status="expired"' in page.content.decode()
    assert certificate.number not in {row["number"] for row in catalogue()["rows"]}


def test_the_catalogue_lists_exactly_the_certificates_in_force(demo):
    cache.clear()
    in_force = set(
        with_status(Certificate.objects.filter(product__withdrawn_on__isnull=True))
        .filter(status__in=[s.value for s in IN_FORCE_STATUSES])
        .values_list("number", flat=True)
    )
    assert {row["number"] for row in catalogue()["rows"]} == in_force
    assert len(in_force) > 50


def test_the_daily_job_ran_once_and_runs_again_without_repeating_itself(demo):
    from ocop.certificates.domain.expiry import run_daily

    notices = CertificateReminder.objects.filter(stage="notice").count()
    assert notices > 0
    report = run_daily()
    assert (report.notices, report.reminders, report.expired) == (0, 0, 0)
