"""Implementation reports of a plan: drafted by the office (header and narrative), issued once, then frozen.

A draft always shows the live figures. Issuing copies the figures, the header and the narrative into ``snapshot``
(with its SHA-256), so the issued report prints the same whatever changes later; a new report shows the new
figures. Issuing a report for a period that is over also closes that period of the plan.
"""

import datetime
import hashlib
import json

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.accounts.domain.bodies import heading, name_in_office
from ocop.common.domain.activity import log_action, user_or_none
from ocop.common.domain.changes import apply_changes, ensure_editable
from ocop.common.text import clean_text
from ocop.planning.domain.figures import plan_figures
from ocop.planning.domain.progress import close_period, plan_period
from ocop.planning.domain.snapshot import snapshot
from ocop.planning.enums import Cutoff
from ocop.planning.models import PeriodLock, Plan, ReportingObligation
from ocop.reports.domain.wording import effective_narrative
from ocop.reports.models import PlanReport, ReportStatus

HEADER_FIELDS = (
    "number",
    "symbol",
    "superior_body",
    "issuing_body",
    "place",
    "report_date",
    "subject",
    "recipients",
    "signer_authority",
    "signer_title",
    "signer_name",
)
NARRATIVE_KEYS = (
    "intro",
    "direction",
    "targets",
    "evaluation",
    "quotas",
    "communication",
    "promotion",
    "supervision",
    "funding",
    "tasks",
    "assessment",
    "shortcomings",
    "causes",
    "next_steps",
    "recommendations",
)
PAYLOAD_SCHEMA = "ocop-plan-report/1"


def default_subject(plan: Plan, period_label: str) -> str:
    """ "Kết quả thực hiện Kế hoạch số … về … năm 2024": the period in brackets only when the plan's title does
    not already name it (a half year of a plan titled by its year: "… năm 2024 (6 tháng đầu năm 2024)")."""
    title = plan.title[:1].lower() + plan.title[1:]
    subject = (
        f"Kết quả thực hiện Kế hoạch số {plan.reference} ngày {plan.issued_on:%d/%m/%Y} của {plan.issuing_body} "
        f"về {title}"
    )
    return subject if title.endswith(period_label) else f"{subject} ({period_label})"


def _header_defaults(plan: Plan, obligation: ReportingObligation | None, day: datetime.date) -> dict:
    """The header a new report gets: the obligation's (symbol, place, recipients, signer), then the bodies in office
    on ``day`` for the reporting agency (the obligation's, else the plan's office) and its superior, so that a 2024
    plan's report written in 2026 is headed by the bodies of 2026; recipients named after a body that has since been
    succeeded take its successor's name."""
    office = plan.office
    defaults = {
        "symbol": "",
        "superior_body": office.parent.name if office and office.parent_id else "",
        "issuing_body": office.name if office else plan.issuing_body,
        "place": plan.unit.short_name or plan.unit.name,
        "recipients": "",
        "signer_authority": "",
        "signer_title": "",
        "signer_name": "",
    }
    if obligation is not None:
        for field, source in (
            ("symbol", "symbol"),
            ("superior_body", "header_superior"),
            ("issuing_body", "header_body"),
            ("place", "place"),
            ("recipients", "recipients"),
            ("signer_authority", "signer_authority"),
            ("signer_title", "signer_title"),
            ("signer_name", "signer_name"),
        ):
            if getattr(obligation, source):
                defaults[field] = getattr(obligation, source)
    reporter = obligation.reporter if obligation is not None and obligation.reporter_id else office
    if reporter is not None:
        head = heading(reporter, day)
        defaults["superior_body"], defaults["issuing_body"] = head.superior_body, head.issuing_body
        defaults["place"] = head.place or defaults["place"]
        if head.symbol:
            defaults["symbol"] = f"BC-{head.symbol}"
    defaults["recipients"] = "\n".join(
        name_in_office(line.strip(), day) for line in defaults["recipients"].splitlines() if line.strip()
    )
    return defaults


def _clean_header(values: dict) -> dict:
    cleaned = {}
    for name, value in values.items():
        if name == "recipients":
            cleaned[name] = "\n".join(clean_text(line) for line in (value or "").splitlines() if clean_text(line))
        elif isinstance(value, str):
            cleaned[name] = clean_text(value)
        else:
            cleaned[name] = value
    return cleaned


def _check_header(report: PlanReport) -> None:
    errors = {}
    if not report.issuing_body:
        errors["issuing_body"] = _("The issuing body is required.")
    if not report.place:
        errors["place"] = _("The place of issue is required.")
    if not report.subject:
        errors["subject"] = _("The subject is required.")
    if errors:
        raise ValidationError(errors)


def _ensure_draft(report: PlanReport) -> None:
    if report.status != ReportStatus.DRAFT:
        raise ValidationError(_("An issued report is frozen: draft a new report instead."), code="issued")


def unsaved_draft(
    plan: Plan, period_key: str, obligation: ReportingObligation | None = None, today: datetime.date | None = None
) -> PlanReport:
    """A draft with the header a new report gets (from the obligation, else from the plan's office), not saved:
    what ``ocop report`` prints without issuing anything."""
    period = plan_period(plan, period_key)
    return PlanReport(
        plan=plan,
        obligation=obligation,
        period_key=period.key,
        subject=default_subject(plan, period.label_vi),
        **_clean_header(_header_defaults(plan, obligation, today or timezone.localdate())),
    )


@transaction.atomic
def create_report(*, actor, plan: Plan, period_key: str, obligation: ReportingObligation | None = None) -> PlanReport:
    if obligation is not None and obligation.plan_id != plan.pk:
        raise ValidationError({"obligation": _("This obligation belongs to another plan.")})
    report = unsaved_draft(plan, period_key, obligation)
    report.created_by = user_or_none(actor)
    _check_header(report)
    report.save()
    period = plan_period(plan, report.period_key)
    log_action(
        actor=actor,
        verb="reports.plan_report_drafted",
        target=report,
        data={"plan": plan.reference, "period": period.key, "obligation": obligation.pk if obligation else None},
    )
    return report


@transaction.atomic
def update_report(*, actor, report: PlanReport, narrative: dict | None = None, **changes) -> PlanReport:
    """Change a draft's header and narrative (a narrative text left empty is written from the figures)."""
    _ensure_draft(report)
    ensure_editable(changes, HEADER_FIELDS)
    changed = apply_changes(report, _clean_header(changes), HEADER_FIELDS)
    if narrative is not None:
        unknown = set(narrative) - set(NARRATIVE_KEYS)
        if unknown:
            raise ValueError(f"unknown narrative sections: {sorted(unknown)}")
        merged = {**report.narrative}
        for key, text in narrative.items():
            text = "\n".join(line.strip() for line in (text or "").replace("\r\n", "\n").split("\n")).strip()
            if text:
                merged[key] = text
            else:
                merged.pop(key, None)
        if merged != report.narrative:
            changed["narrative"] = ", ".join(sorted(set(merged) ^ set(report.narrative) | set(narrative)))
            report.narrative = merged
    if not changed:
        return report
    _check_header(report)
    report.save()
    log_action(actor=actor, verb="reports.plan_report_updated", target=report, data={"changed": changed})
    return report


def fingerprint(payload: dict) -> str:
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


def report_period(report: PlanReport):
    """The report's period with the days its obligation covers (the calendar when it answers none)."""
    cutoff = report.obligation.cutoff if report.obligation_id else Cutoff.CALENDAR
    return plan_period(report.plan, report.period_key, cutoff)


def live_payload(report: PlanReport, *, today: datetime.date | None = None) -> dict:
    """What the report prints now: the live figures with the draft's header and narrative."""

    figures = snapshot(plan_figures(report.plan, report_period(report), today=today))
    header = {
        name: (value.isoformat() if isinstance(value, datetime.date) else value)
        for name, value in ((field, getattr(report, field)) for field in HEADER_FIELDS)
    }
    return {
        "schema": PAYLOAD_SCHEMA,
        "status": report.status,
        "header": header,
        "narrative": effective_narrative(report.narrative, figures),
        "figures": figures,
    }


def report_payload(report: PlanReport, *, today: datetime.date | None = None) -> dict:
    """An issued report's frozen payload, or a draft's live one."""
    if report.is_issued and report.snapshot is not None:
        return report.snapshot
    return live_payload(report, today=today)


@transaction.atomic
def issue_report(
    *, actor, report: PlanReport, number: str, report_date: datetime.date, today: datetime.date | None = None
) -> PlanReport:
    """Give the report its number and date and freeze it; close the period when it is over."""
    report = PlanReport.objects.select_for_update().get(pk=report.pk)
    _ensure_draft(report)
    today = today or timezone.localdate()
    number = clean_text(number)
    errors = {}
    if not number:
        errors["number"] = _("An issued report needs its number.")
    if report_date is None:
        errors["report_date"] = _("An issued report needs its date.")
    elif report_date > today:
        errors["report_date"] = _("A report cannot be dated in the future.")
    if not report.signer_name:
        errors["signer_name"] = _("An issued report needs the name of the person who signs it.")
    if not report.signer_title:
        errors["signer_title"] = _("An issued report needs the title of the person who signs it.")
    if errors:
        raise ValidationError(errors)
    report.number, report.report_date = number, report_date
    period = plan_period(report.plan, report.period_key)
    closed = None
    if today > period.end and not PeriodLock.objects.filter(plan=report.plan, period_key=period.key).exists():
        closed = close_period(actor=actor, plan=report.plan, period_key=period.key, today=today)
    payload = live_payload(report, today=today)
    payload["status"] = ReportStatus.ISSUED
    report.snapshot = payload
    report.snapshot_sha256 = fingerprint(payload)
    report.status = ReportStatus.ISSUED
    report.issued_at = timezone.now()
    report.issued_by = user_or_none(actor)
    report.save()
    log_action(
        actor=actor,
        verb="reports.plan_report_issued",
        target=report,
        data={
            "number": f"{report.number}/{report.symbol}",
            "date": report_date,
            "period": report.period_key,
            "sha256": report.snapshot_sha256,
            "period_closed": closed is not None,
        },
    )
    return report
