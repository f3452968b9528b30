"""The daily job: the notice 180 days before expiry (the rules' window), a reminder, the expiry on the day, overdue
work; nothing is sent twice, and a first run catches up quietly."""

import datetime

import pytest
from django.core.management import call_command

from ocop.accounts.enums import Role
from ocop.certificates.domain.expiry import reminder_plan, run_daily
from ocop.certificates.domain.revocation import propose_revocation
from ocop.certificates.enums import ReminderStage
from ocop.certificates.models import CertificateReminder
from ocop.common.models import ActivityLog, Notification
from tests.certificates.helpers import registered
from tests.clock import today_is
from tests.factories import make_dossier, make_producer, make_producer_account, make_product, make_user

pytestmark = pytest.mark.django_db
D = datetime.date
DAY = D(2026, 11, 28)


@pytest.fixture(autouse=True)
def _as_on_day():
    """The timelines below are told as seen on 28/11/2026 (QĐ 26/2026 in force): proposals, dossiers and the checks
    of the domain read that day as today."""
    with today_is(DAY):
        yield


@pytest.fixture
def people():
    producer = make_producer()
    return {
        "producer": producer,
        "owner": make_producer_account(producer),
        "office": make_user(Role.PROVINCE_OFFICE),
        "commune": make_user(Role.COMMUNE_OFFICER),
    }


def _told(user, verb):
    return list(Notification.objects.filter(recipient=user, verb=verb).values_list("message", flat=True))


def test_the_plan_comes_from_the_rules_in_force():
    assert reminder_plan(DAY) == reminder_plan(D(2026, 6, 1))
    plan = reminder_plan(DAY)  # QĐ 26/2026: notice 180 days, filing from 180 to 120 days before expiry
    assert (plan.notice_days, plan.reminder_days, plan.filing_from_days, plan.filing_to_days) == (180, 150, 180, 120)
    earlier = reminder_plan(D(2025, 3, 1))  # QĐ 148: the office notified 30 days before, no filing window
    assert (earlier.notice_days, earlier.reminder_days, earlier.filing_from_days) == (30, 15, None)


def test_notice_at_180_days_then_a_reminder_then_the_expiry(people):
    certificate = registered(make_product(people["producer"]), D(2024, 5, 27))
    assert certificate.valid_until == D(2027, 5, 27)  # 180 days after 28/11/2026
    report = run_daily(today=D(2026, 11, 27))
    assert report.notices == 0  # 181 days left
    report = run_daily(today=DAY)
    assert report.notices == 1
    (message,) = _told(people["owner"], "certificates.expiry_notice")
    assert "27/05/2027" in message and "28/11/2026" in message and "27/01/2027" in message  # the filing window
    assert _told(people["office"], "certificates.expiry_digest") and _told(
        people["commune"], "certificates.expiry_digest"
    )
    assert run_daily(today=DAY).notices == 0  # twice the same day: nothing twice
    assert run_daily(today=D(2026, 12, 27)).reminders == 0  # 151 days left
    assert run_daily(today=D(2026, 12, 28)).reminders == 1  # 150
    assert len(_told(people["owner"], "certificates.expiry_reminder")) == 1
    assert run_daily(today=D(2027, 5, 27)).expired == 0  # valid through its last day
    report = run_daily(today=D(2027, 5, 28))
    assert report.expired == 1
    assert _told(people["owner"], "certificates.expired")
    assert ActivityLog.objects.filter(verb="certificates.expired", target_id=str(certificate.pk)).exists()
    assert run_daily(today=D(2027, 5, 29)).expired == 0
    stages = set(certificate.reminders.values_list("stage", flat=True))
    assert stages == {ReminderStage.NOTICE, ReminderStage.REMINDER, ReminderStage.EXPIRED}


def test_no_reminder_while_a_re_evaluation_or_upgrade_is_in_progress(people):
    product = make_product(people["producer"])
    registered(product, D(2024, 12, 27))
    make_dossier(product, state="submitted", kind="upgrade")
    report = run_daily(today=D(2027, 7, 1))  # 179 days before expiry, but under re-evaluation
    assert (report.notices, report.reminders) == (0, 0)


def test_a_first_run_records_old_expiries_quietly(people):
    old = registered(make_product(people["producer"]), D(2020, 12, 30))
    yesterday = registered(make_product(people["producer"]), D(2023, 11, 27))  # valid until 27/11/2026
    report = run_daily(today=DAY)
    assert (report.expired, report.expired_quietly) == (1, 1)
    assert len(_told(people["owner"], "certificates.expired")) == 1
    assert old.reminders.filter(stage=ReminderStage.EXPIRED).exists()
    assert yesterday.reminders.filter(stage=ReminderStage.EXPIRED).exists()


def test_overdue_revocations_are_reported_once(people):
    certificate = registered(make_product(people["producer"]), D(2024, 12, 27))
    propose_revocation(
        actor=None, certificate=certificate, ground="mark_misuse", finding="Sai sao", found_on=D(2026, 11, 1)
    )
    assert run_daily(today=D(2026, 11, 16)).revocations_overdue == 0  # due 16/11
    assert run_daily(today=D(2026, 11, 17)).revocations_overdue == 1
    assert run_daily(today=D(2026, 11, 18)).revocations_overdue == 0
    assert _told(people["office"], "certificates.revocation_overdue")


def test_the_command(people, capsys):
    registered(make_product(people["producer"]), D(2024, 5, 27))
    call_command("certificates_daily", "--date", "28/11/2026")
    out = capsys.readouterr().out
    assert "notices: 1" in out and "day: 28/11/2026" in out
    assert CertificateReminder.objects.filter(stage=ReminderStage.NOTICE).count() == 1
