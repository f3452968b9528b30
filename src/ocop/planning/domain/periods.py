"""Reporting periods: a year ("2024") or one of its halves ("2024-H1", "2024-H2"), as plans report every six months
and every year. The figures of a period are the situation at its end (see planning.domain.figures)."""

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ocop.planning.enums import Cutoff

_KEY = re.compile(r"^(?P<year>\d{4})(?:-(?P<half>H[12]))?$")


@dataclass(frozen=True)
class Period:
    key: str
    start: datetime.date
    end: datetime.date
    cutoff: str = Cutoff.CALENDAR

    @property
    def starts_before_its_year(self) -> bool:
        """A period cut off on 15/12 begins in the year before: a plan's figures for it start then too."""
        return self.start.year < self.year

    @property
    def year(self) -> int:
        return int(self.key[:4])

    @property
    def is_half(self) -> bool:
        return "-H" in self.key

    @property
    def label_vi(self) -> str:
        """How an official document names the period: "6 tháng đầu năm 2024", "năm 2024"."""
        if self.key.endswith("-H1"):
            return f"6 tháng đầu năm {self.year}"
        if self.key.endswith("-H2"):
            return f"6 tháng cuối năm {self.year}"
        return f"năm {self.year}"

    @property
    def label(self) -> str:
        """The period's name on the screens, in the user's language."""
        if self.key.endswith("-H1"):
            return _("First half of %(year)s") % {"year": self.year}
        if self.key.endswith("-H2"):
            return _("Second half of %(year)s") % {"year": self.year}
        return _("Year %(year)s") % {"year": self.year}

    def contains(self, other: "Period") -> bool:
        return self.start <= other.start and other.end <= self.end

    def covers(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end


def parse_period(key: str, cutoff: str = Cutoff.CALENDAR) -> Period:
    """The period ``key`` on the calendar, or with the days of Nghị định 09/2019/NĐ-CP: 2024-H1 from 15/12/2023 to
    14/6/2024, 2024 from 15/12/2023 to 14/12/2024 (2024-H2, which that decree does not define, from 15/6 to 14/12)."""
    match = _KEY.match((key or "").strip().upper())
    if not match:
        raise ValidationError(_("A period is a year (2024) or a half year (2024-H1, 2024-H2)."), code="period_format")
    year = int(match["year"])
    half = match["half"]
    if cutoff == Cutoff.DECEMBER_15:
        key = f"{year}-{half}" if half else str(year)
        start = datetime.date(year, 6, 15) if half == "H2" else datetime.date(year - 1, 12, 15)
        end = datetime.date(year, 6, 14) if half == "H1" else datetime.date(year, 12, 14)
        return Period(key, start, end, Cutoff.DECEMBER_15)
    if half == "H1":
        return Period(f"{year}-H1", datetime.date(year, 1, 1), datetime.date(year, 6, 30))
    if half == "H2":
        return Period(f"{year}-H2", datetime.date(year, 7, 1), datetime.date(year, 12, 31))
    return Period(str(year), datetime.date(year, 1, 1), datetime.date(year, 12, 31))


def periods_between(start: datetime.date, end: datetime.date) -> list[Period]:
    """The reporting periods of a plan running from ``start`` to ``end``: each year's first half, then the year."""
    periods = []
    for year in range(start.year, end.year + 1):
        for key in (f"{year}-H1", str(year)):
            period = parse_period(key)
            if period.start <= end and period.end >= start:
                periods.append(period)
    return periods


def default_period(periods: list[Period], today: datetime.date) -> Period | None:
    """The period a plan's page opens on: the one running today, else the latest that has ended, else the first."""
    if not periods:
        return None
    running = [p for p in periods if p.covers(today) and not p.is_half]
    if running:
        return running[0]
    ended = [p for p in periods if p.end < today]
    return ended[-1] if ended else periods[0]
