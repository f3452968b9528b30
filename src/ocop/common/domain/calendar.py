"""Working days in Vietnam: weekends and public holidays (Tết included) are off, announced make-up Saturdays work.

The holidays come from the ``holidays`` package (Vietnamese names, make-up days included); an administrator can
record what the government announces later as CalendarException rows, which win over the package.
"""

import datetime
from functools import lru_cache

import holidays

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
