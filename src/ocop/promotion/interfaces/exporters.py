"""Excel exports of the promotion lists (whatever the list's filters selected)."""

from collections.abc import Iterator

from django.utils.translation import gettext as _

from ocop.common.xlsx import Column, Sheet, list_workbook


def sales_points_workbook(points) -> Iterator[bytes]:
    """``points`` with their unit, operator and products counted (``stocked``)."""
    columns = [
        Column(_("Name"), lambda p: p.name, 36),
        Column(_("Commune"), lambda p: p.unit.name, 22),
        Column(_("Province"), lambda p: p.unit.parent.name if p.unit.parent_id else "", 18),
        Column(_("Address"), lambda p: p.address, 30),
        Column(_("Operator"), lambda p: p.operator_label, 30),
        Column(_("Opened on"), lambda p: p.opened_on, 12),
        Column(_("Closed on"), lambda p: p.closed_on, 12),
        Column(_("Status"), lambda p: p.get_status_display(), 12),
        Column(_("Products stocked"), lambda p: p.stocked, 10),
    ]
    return list_workbook(Sheet(_("Sales points"), columns, points))


def fairs_workbook(fairs) -> Iterator[bytes]:
    """``fairs`` annotated with ``registered``, ``contracts`` and ``total_sales``."""
    columns = [
        Column(_("Name"), lambda f: f.name, 40),
        Column(_("Province or city"), lambda f: f.place, 18),
        Column(_("Venue"), lambda f: f.venue, 24),
        Column(_("From"), lambda f: f.starts_on, 12),
        Column(_("To"), lambda f: f.ends_on, 12),
        Column(_("Organiser"), lambda f: f.organiser, 30),
        Column(_("Plan task"), lambda f: f"{f.task.plan.reference} – {f.task.code}" if f.task_id else "", 18),
        Column(_("Budget (VND)"), lambda f: int(f.budget) if f.budget is not None else None, 16),
        Column(_("Products registered"), lambda f: f.registered, 10),
        Column(_("Contracts signed"), lambda f: f.contracts or 0, 10),
        Column(_("Sales (VND)"), lambda f: int(f.total_sales or 0), 16),
    ]
    return list_workbook(Sheet(_("Fairs"), columns, fairs))
