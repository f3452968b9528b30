"""The daily job: expiry notices and reminders, the expiry itself, and overdue supervision work.

Run once a day (``ocop certificates_daily``, from cron or a systemd timer). Each notice is recorded as a
CertificateReminder, so a second run the same day, or a run after days without one, tells nobody twice.

- **Notice**: a certificate enters the expiry notice of the rules in force today (180 days under QĐ 26/2026): its
  producer's accounts are told when the re-evaluation may be filed, and the officers of its commune and the province
  get one digest.
- **Reminder**: halfway between the notice and the end of the filing window (150 days before expiry under QĐ 26:
  the window runs from 180 to 120 days; under QĐ 148, which had no window, halfway through its 30-day notice), if no
  re-evaluation or upgrade is in progress.
- **Expiry**: the day after ``valid_until`` the certificate is expired (its status says so without this job); the
  job records it in the certificate's history, tells the producer and the officers, and clears the public cache.
  Expiries from before the job's previous run are recorded without notifications (catching up, not news).
- **Overdue**: revocation proposals past their due date, suspensions past their deadline and corrective actions past
  theirs are reported once to the officers.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ocop.certificates.domain.publication import forget
from ocop.certificates.domain.recipients import area_officers, certificate_url, deciders, producer_users
from ocop.certificates.domain.status import with_status
from ocop.certificates.enums import CertificateStatus, ProposalOutcome, ReminderStage
from ocop.certificates.models import (
    Certificate,
    CertificateReminder,
    CorrectiveAction,
    RevocationProposal,
    Suspension,
)
from ocop.common.domain.activity import log_action
from ocop.common.domain.notifications import notify
from ocop.common.models import ActivityLog
from ocop.evaluation.domain.rule_sets import rule_set_in_force

DAILY_RUN_VERB = "certificates.daily_run"


@dataclass
class DailyReport:
    day: datetime.date
    notices: int = 0
    reminders: int = 0
    expired: int = 0
    expired_quietly: int = 0
    revocations_overdue: int = 0
    suspensions_overdue: int = 0
    actions_overdue: int = 0
    digests: Counter = field(default_factory=Counter)

    def as_dict(self) -> dict:
        return {
            "day": self.day,
            "notices": self.notices,
            "reminders": self.reminders,
            "expired": self.expired,
            "expired_quietly": self.expired_quietly,
            "revocations_overdue": self.revocations_overdue,
            "suspensions_overdue": self.suspensions_overdue,
            "actions_overdue": self.actions_overdue,
        }


@dataclass(frozen=True)
class ReminderPlan:
    """When, before expiry, the rules in force on a day want the notice and the reminder sent."""

    notice_days: int
    reminder_days: int
    filing_from_days: int | None  # the re-evaluation filing window, in days before expiry, when the rules have one
    filing_to_days: int | None


def reminder_plan(day: datetime.date) -> ReminderPlan:
    rules = rule_set_in_force(day)
    window = rules.reevaluation_window()
    closes = window.latest_days if window else 0
    return ReminderPlan(
        notice_days=rules.expiry_notice_days,
        reminder_days=(rules.expiry_notice_days + closes) // 2,
        filing_from_days=window.earliest_days if window else None,
        filing_to_days=window.latest_days if window else None,
    )


def _previous_run(today: datetime.date) -> datetime.date:
    """The day the job last ran for (before ``today``); on the first run, yesterday."""
    runs = ActivityLog.objects.filter(verb=DAILY_RUN_VERB).order_by("-created_at").values_list("data", flat=True)
    days = [datetime.date.fromisoformat(data["day"]) for data in runs[:30] if data.get("day")]
    return max((day for day in days if day < today), default=today - datetime.timedelta(days=1))


def _expiry_message(certificate: Certificate, plan: ReminderPlan, reminder: bool) -> str:
    values = {
        "number": certificate.number,
        "product": certificate.product_name,
        "date": f"{certificate.valid_until:%d/%m/%Y}",
    }
    if plan.filing_from_days is not None:
        values |= {
            "first": f"{certificate.valid_until - datetime.timedelta(days=plan.filing_from_days):%d/%m/%Y}",
            "last": f"{certificate.valid_until - datetime.timedelta(days=plan.filing_to_days):%d/%m/%Y}",
        }
        text = _(
            "OCOP certificate %(number)s (%(product)s) expires on %(date)s. File for re-evaluation from %(first)s "
            "to %(last)s."
        )
    else:
        text = _("OCOP certificate %(number)s (%(product)s) expires on %(date)s: ask for its re-evaluation.")
    message = text % values
    return _("Reminder: %(message)s") % {"message": message} if reminder else message


@transaction.atomic
def run_daily(*, today: datetime.date | None = None, actor=None) -> DailyReport:
    """Send what is due on ``today`` (default: today) and record it; safe to run more than once."""
    today = today or timezone.localdate()
    report = DailyReport(day=today)
    plan = reminder_plan(today)
    sent = defaultdict(set)
    for certificate_id, stage in CertificateReminder.objects.filter(reference="").values_list(
        "certificate_id", "stage"
    ):
        sent[certificate_id].add(stage)
    digests: dict[int, Counter] = defaultdict(Counter)
    officers_by_unit: dict[int, list] = {}
    reminders: list[CertificateReminder] = []

    def officers(certificate):
        unit = certificate.producer.unit
        if unit.pk not in officers_by_unit:
            officers_by_unit[unit.pk] = area_officers(unit)
        return officers_by_unit[unit.pk]

    def record(certificate, stage, reference=""):
        reminders.append(
            CertificateReminder(certificate=certificate, stage=stage, reference=str(reference), sent_on=today)
        )

    marked_expired = CertificateReminder.objects.filter(stage=ReminderStage.EXPIRED).values("certificate_id")
    current = (
        with_status(Certificate.objects.filter(product__withdrawn_on__isnull=True), today)
        .filter(status__in=[CertificateStatus.EXPIRING, CertificateStatus.EXPIRED])
        .exclude(status=CertificateStatus.EXPIRED, pk__in=marked_expired)
        .select_related("producer__unit")
    )
    quiet_before = _previous_run(today)
    expired_numbers = []
    for certificate in current.order_by("valid_until", "pk"):
        stages = sent[certificate.pk]
        if certificate.status == CertificateStatus.EXPIRING:
            days_left = (certificate.valid_until - today).days
            due_reminder = days_left <= plan.reminder_days and ReminderStage.REMINDER not in stages
            if ReminderStage.NOTICE not in stages:
                report.notices += 1
                record(certificate, ReminderStage.NOTICE)
                if days_left <= plan.reminder_days:
                    record(certificate, ReminderStage.REMINDER)  # one message is enough on the first day
                _tell_producer(certificate, "certificates.expiry_notice", _expiry_message(certificate, plan, False))
                for officer in officers(certificate):
                    digests[officer.pk]["notice"] += 1
            elif due_reminder:
                report.reminders += 1
                record(certificate, ReminderStage.REMINDER)
                _tell_producer(certificate, "certificates.expiry_reminder", _expiry_message(certificate, plan, True))
        elif ReminderStage.EXPIRED not in stages:
            record(certificate, ReminderStage.EXPIRED)
            expired_numbers.append(certificate.number)
            expired_on = certificate.valid_until + datetime.timedelta(days=1)
            log_action(
                actor=actor,
                verb="certificates.expired",
                target=certificate,
                data={"valid_until": certificate.valid_until},
            )
            if expired_on <= quiet_before:
                report.expired_quietly += 1
                continue
            report.expired += 1
            _tell_producer(
                certificate,
                "certificates.expired",
                _(
                    "OCOP certificate %(number)s (%(product)s) expired on %(date)s: the product may no longer carry "
                    "the OCOP mark until it is re-evaluated."
                )
                % {"number": certificate.number, "product": certificate.product_name, "date": f"{expired_on:%d/%m/%Y}"},
            )
            for officer in officers(certificate):
                digests[officer.pk]["expired"] += 1
    report.revocations_overdue = _overdue_revocations(today, actor, record)
    report.suspensions_overdue = _overdue_suspensions(today, record, officers)
    report.actions_overdue = _overdue_actions(today, record, officers)
    CertificateReminder.objects.bulk_create(reminders, ignore_conflicts=True)
    _send_digests(digests, plan)
    report.digests = Counter({officer_id: sum(counts.values()) for officer_id, counts in digests.items()})
    log_action(actor=actor, verb=DAILY_RUN_VERB, data=report.as_dict())
    if expired_numbers:
        numbers = list(expired_numbers)
        transaction.on_commit(lambda: forget(numbers=numbers))
    return report


def _tell_producer(certificate: Certificate, verb: str, message: str) -> None:
    notify(
        recipients=producer_users(certificate.producer_id), verb=verb, url=certificate_url(certificate), message=message
    )


def _send_digests(digests: dict[int, Counter], plan: ReminderPlan) -> None:
    from ocop.accounts.models import User

    url = reverse("backoffice:expiry_list")
    users = User.objects.in_bulk(list(digests))
    for user_id, counts in digests.items():
        parts = []
        if counts["notice"]:
            parts.append(
                ngettext(
                    "%(count)s certificate in your area expires within %(days)s days",
                    "%(count)s certificates in your area expire within %(days)s days",
                    counts["notice"],
                )
                % {"count": counts["notice"], "days": plan.notice_days}
            )
        if counts["expired"]:
            parts.append(
                ngettext(
                    "%(count)s certificate in your area has expired",
                    "%(count)s certificates in your area have expired",
                    counts["expired"],
                )
                % {"count": counts["expired"]}
            )
        if parts and user_id in users:
            notify(
                recipients=[users[user_id]], verb="certificates.expiry_digest", url=url, message="; ".join(parts) + "."
            )


def _reported(stage: str) -> list[int]:
    """The records (proposals, suspensions, actions) a notice of ``stage`` was already sent about."""
    references = CertificateReminder.objects.filter(stage=stage).values_list("reference", flat=True)
    return [int(reference) for reference in references if reference.isdigit()]


def _overdue_revocations(today, actor, record) -> int:
    proposals = (
        RevocationProposal.objects.filter(outcome=ProposalOutcome.OPEN, due_on__lt=today)
        .exclude(pk__in=_reported(ReminderStage.REVOCATION_OVERDUE))
        .select_related("certificate__producer__unit")
    )
    count = 0
    for proposal in proposals:
        certificate = proposal.certificate
        count += 1
        record(certificate, ReminderStage.REVOCATION_OVERDUE, proposal.pk)
        notify(
            recipients=deciders(proposal.deciding_level, certificate.producer.unit),
            verb="certificates.revocation_overdue",
            url=certificate_url(certificate),
            message=_("The revocation of OCOP certificate %(number)s (%(product)s) was due by %(date)s: decide it.")
            % {
                "number": certificate.number,
                "product": certificate.product_name,
                "date": f"{proposal.due_on:%d/%m/%Y}",
            },
        )
    return count


def _overdue_suspensions(today, record, officers) -> int:
    suspensions = (
        Suspension.objects.filter(lifted_on__isnull=True, until__lt=today)
        .exclude(pk__in=_reported(ReminderStage.SUSPENSION_OVERDUE))
        .select_related("certificate__producer__unit")
    )
    count = 0
    for suspension in suspensions:
        certificate = suspension.certificate
        count += 1
        record(certificate, ReminderStage.SUSPENSION_OVERDUE, suspension.pk)
        notify(
            recipients=officers(certificate),
            verb="certificates.suspension_overdue",
            url=certificate_url(certificate),
            message=_(
                "The suspension of OCOP certificate %(number)s (%(product)s) ran out on %(date)s: lift it or propose "
                "revocation."
            )
            % {
                "number": certificate.number,
                "product": certificate.product_name,
                "date": f"{suspension.until:%d/%m/%Y}",
            },
        )
    return count


def _overdue_actions(today, record, officers) -> int:
    actions = (
        CorrectiveAction.objects.filter(done_on__isnull=True, deadline__lt=today)
        .exclude(pk__in=_reported(ReminderStage.ACTION_OVERDUE))
        .select_related("finding__inspection__certificate__producer__unit")
    )
    count = 0
    for action in actions:
        certificate = action.finding.inspection.certificate
        count += 1
        record(certificate, ReminderStage.ACTION_OVERDUE, action.pk)
        notify(
            recipients=[*officers(certificate), *producer_users(certificate.producer_id)],
            verb="certificates.action_overdue",
            url=certificate_url(certificate),
            message=_("%(product)s: the corrective action due by %(date)s is not done: %(action)s")
            % {
                "product": certificate.product_name,
                "date": f"{action.deadline:%d/%m/%Y}",
                "action": action.description[:150],
            },
        )
    return count
