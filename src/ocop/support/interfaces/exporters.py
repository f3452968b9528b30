"""Excel exports of the support lists (whatever the list's filters selected)."""

from collections.abc import Iterator

from django.utils.translation import gettext as _

from ocop.common.xlsx import Column, Sheet, list_workbook


def _task(record) -> str:
    return f"{record.task.plan.reference} – {record.task.code}" if record.task_id else ""


def _money(value):
    return None if value is None else int(value)


def classes_workbook(classes) -> Iterator[bytes]:
    """``classes`` annotated with ``enrolled`` and ``present``."""
    columns = [
        Column(_("Topic"), lambda c: c.topic, 40),
        Column(_("From"), lambda c: c.starts_on, 12),
        Column(_("To"), lambda c: c.ends_on, 12),
        Column(_("Place"), lambda c: c.place, 28),
        Column(_("Area served"), lambda c: c.unit.name, 20),
        Column(_("Trainer"), lambda c: c.trainer, 24),
        Column(_("Organiser"), lambda c: c.organiser, 24),
        Column(_("Plan task"), _task, 16),
        Column(_("Enrolled"), lambda c: c.enrolled, 10),
        Column(_("Attended"), lambda c: c.present, 10),
    ]
    return list_workbook(Sheet(_("Training classes"), columns, classes))


def ip_cases_workbook(cases) -> Iterator[bytes]:
    columns = [
        Column(_("Mark or indication"), lambda c: c.mark, 30),
        Column(_("Kind"), lambda c: c.get_kind_display(), 20),
        Column(_("Producer"), lambda c: c.producer.name, 32),
        Column(_("Commune"), lambda c: c.producer.unit.name, 20),
        Column(_("Status"), lambda c: c.get_status_display(), 14),
        Column(_("Application number"), lambda c: c.application_number, 16),
        Column(_("Filed on"), lambda c: c.filed_on, 12),
        Column(_("Granted on"), lambda c: c.granted_on, 12),
        Column(_("Certificate number"), lambda c: c.certificate_number, 16),
        Column(_("Plan task"), _task, 16),
    ]
    return list_workbook(Sheet(_("IP support cases"), columns, cases))


def funding_workbook(entries) -> Iterator[bytes]:
    columns = [
        Column(_("Plan task"), _task, 16),
        Column(_("Funding source"), lambda e: e.get_source_display(), 36),
        Column(_("Allocated or spent"), lambda e: e.get_movement_display(), 14),
        Column(_("Amount (VND)"), lambda e: _money(e.amount), 16),
        Column(_("Dated"), lambda e: e.entered_on, 12),
        Column(_("Note"), lambda e: e.note, 30),
        Column(_("Evidence"), lambda e: _("yes") if e.evidence else _("no"), 10),
    ]
    return list_workbook(Sheet(_("Funding"), columns, entries))


def producer_support_workbook(rows) -> Iterator[bytes]:
    columns = [
        Column(_("Producer"), lambda s: s.producer.name, 32),
        Column(_("Commune"), lambda s: s.producer.unit.name, 20),
        Column(_("Kind of support"), lambda s: s.get_kind_display(), 20),
        Column(_("What was given"), lambda s: s.description, 34),
        Column(_("Received on"), lambda s: s.received_on, 12),
        Column(_("Value (VND)"), lambda s: _money(s.amount), 16),
        Column(_("Funding source"), lambda s: s.get_source_display(), 30),
        Column(_("Plan task"), _task, 16),
    ]
    return list_workbook(Sheet(_("Support received"), columns, rows))
