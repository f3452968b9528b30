"""Percent achieved, met or not, and the traffic light of a target: one function each, Decimal arithmetic.

A target is a floor (``at least``) or a ceiling (``at most``), given as one value or as a range:

- **at least** ``low`` (a range "20–30" is a floor of 20 that aims at 30): met when actual ≥ low; *exceeded* above
  the top of the range (or above the single value). Percent achieved = actual ÷ low × 100, so 25 of "20–30" is
  125 % and met, and 29.9 of "at least 30" is 99.6 % and not met.
- **at most** ``high``: met when actual ≤ high. Percent achieved = high ÷ actual × 100 (100 % or more is within
  the ceiling); an actual of 0 is met with no percentage.

Percentages are cut (never rounded up) to one decimal, so a figure shown as 100 % is always met.

The light: green when met (or on track while the period runs), amber at risk, red behind or not met once the
period is over, grey without data. While a period runs, a **cumulative** indicator (counted over the period, such as
new products) is on track when it has reached the share of the target that the time elapsed calls for, and at risk
from half that share; a **level** indicator (a share at a date) is at risk from 90 % of its target.
"""

import datetime
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from ocop.planning.enums import Direction, Light, Progress

HUNDRED = Decimal(100)
ONE_DECIMAL = Decimal("0.1")
LEVEL_AT_RISK = Decimal("0.9")
CUMULATIVE_AT_RISK = Decimal("0.5")

LIGHT_OF = {
    Progress.MET: Light.GREEN,
    Progress.EXCEEDED: Light.GREEN,
    Progress.ON_TRACK: Light.GREEN,
    Progress.AT_RISK: Light.AMBER,
    Progress.BEHIND: Light.RED,
    Progress.MISSED: Light.RED,
    Progress.NO_DATA: Light.GREY,
}


@dataclass(frozen=True)
class Assessment:
    actual: Decimal | None
    percent: Decimal | None
    met: bool | None
    progress: Progress

    @property
    def light(self) -> Light:
        return LIGHT_OF[self.progress]


def cut(value: Decimal) -> Decimal:
    """One decimal, cut toward zero: 29.96 → 29.9."""
    return value.quantize(ONE_DECIMAL, rounding=ROUND_DOWN)


def floor_of(low: Decimal, high: Decimal | None) -> Decimal:
    return low


def ceiling_of(low: Decimal, high: Decimal | None) -> Decimal:
    return high if high is not None else low


def is_met(direction: str, low: Decimal, high: Decimal | None, actual: Decimal) -> bool:
    if direction == Direction.AT_MOST:
        return actual <= ceiling_of(low, high)
    return actual >= floor_of(low, high)


def percent_achieved(direction: str, low: Decimal, high: Decimal | None, actual: Decimal) -> Decimal | None:
    if direction == Direction.AT_MOST:
        if actual <= 0:
            return None
        return cut(ceiling_of(low, high) * HUNDRED / actual)
    floor = floor_of(low, high)
    if floor <= 0:
        return None
    return cut(actual * HUNDRED / floor)


def elapsed_share(start: datetime.date, end: datetime.date, as_of: datetime.date) -> Decimal:
    """The share of ``start``–``end`` that has passed on ``as_of`` (both ends counted), between 0 and 1."""
    if as_of < start:
        return Decimal(0)
    if as_of >= end:
        return Decimal(1)
    return Decimal((as_of - start).days + 1) / Decimal((end - start).days + 1)


def assess(
    *,
    direction: str,
    low: Decimal,
    high: Decimal | None,
    actual: Decimal | None,
    cumulative: bool,
    start: datetime.date,
    end: datetime.date,
    as_of: datetime.date,
) -> Assessment:
    """Where a target stands on ``as_of`` for the period ``start``–``end``."""
    if actual is None:
        return Assessment(None, None, None, Progress.NO_DATA)
    percent = percent_achieved(direction, low, high, actual)
    if is_met(direction, low, high, actual):
        exceeded = direction == Direction.AT_LEAST and actual > ceiling_of(low, high)
        return Assessment(actual, percent, True, Progress.EXCEEDED if exceeded else Progress.MET)
    if as_of >= end or direction == Direction.AT_MOST:
        return Assessment(actual, percent, False, Progress.MISSED if as_of >= end else Progress.BEHIND)
    floor = floor_of(low, high)
    if cumulative:
        expected = floor * elapsed_share(start, end, as_of)
        if actual >= expected:
            return Assessment(actual, percent, False, Progress.ON_TRACK)
        at_risk = actual >= expected * CUMULATIVE_AT_RISK
    else:
        at_risk = actual >= floor * LEVEL_AT_RISK
    return Assessment(actual, percent, False, Progress.AT_RISK if at_risk else Progress.BEHIND)
