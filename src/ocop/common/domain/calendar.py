"""Working days in Vietnam: weekends and public holidays (Tết included) are off, announced make-up Saturdays work.

The holidays come from the ``holidays`` package (Vietnamese names, make-up days included); an administrator can
record what the government announces later as CalendarException rows, which win over the package.
"""

import datetime
from functools import lru_cache

import holidays
from django.db import transaction

from ocop.common.domain.activity import log_action
from ocop.common.models import CalendarException


@lru_cache(maxsize=64)
def _package_calendar(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("VN", years=[year], language="vi")


def _exceptions(start: datetime.date, end: datetime.date) -> dict[datetime.date, bool]:
    return dict(CalendarException.objects.filter(day__range=(start, end)).values_list("day", "is_working_day"))


def _is_working_day(day: datetime.date, exceptions: dict[datetime.date, bool]) -> bool:
    if day in exceptions:
        return exceptions[day]
    calendar = _package_calendar(day.year)
    if day in calendar.weekend_workdays:
        return True
    return day.weekday() < 5 and day not in calendar


def is_working_day(day: datetime.date) -> bool:
    return _is_working_day(day, _exceptions(day, day))


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The date ``days`` working days after ``start`` (the day of filing does not count)."""
    exceptions = _exceptions(start, start + datetime.timedelta(days=days * 3 + 30))
    day, counted = start, 0
    while counted < days:
        day += datetime.timedelta(days=1)
        if _is_working_day(day, exceptions):
            counted += 1
    return day


def holiday_name(day: datetime.date) -> str | None:
    return _package_calendar(day.year).get(day)


@transaction.atomic
def record_exception(*, actor, day: datetime.date, is_working_day: bool, note: str) -> CalendarException:
    """What the government announced for ``day`` (a day off, or a make-up working day); replaces an earlier entry."""
    exception, _created = CalendarException.objects.update_or_create(
        day=day, defaults={"is_working_day": is_working_day, "note": note.strip()}
    )
    log_action(
        actor=actor,
        verb="common.calendar_exception_recorded",
        target=exception,
        data={"day": day.isoformat(), "working_day": is_working_day, "note": exception.note},
    )
    return exception


@transaction.atomic
def remove_exception(*, actor, day: datetime.date) -> bool:
    """Forget what was recorded for ``day``: the holiday calendar decides again. False when nothing was recorded."""
    deleted, _per_model = CalendarException.objects.filter(day=day).delete()
    if deleted:
        log_action(actor=actor, verb="common.calendar_exception_removed", data={"day": day.isoformat()})
    return bool(deleted)


def days_off(year: int) -> list[tuple[datetime.date, str, bool]]:
    """The year's public holidays and recorded exceptions on weekdays, in order: (day, name, working day?)."""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    exceptions = {e.day: e for e in CalendarException.objects.filter(day__range=(start, end))}
    rows = {day: (str(name), False) for day, name in _package_calendar(year).items() if start <= day <= end}
    rows |= {day: (e.note, e.is_working_day) for day, e in exceptions.items()}
    return [(day, name, working) for day, (name, working) in sorted(rows.items())]
