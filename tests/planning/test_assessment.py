"""Percent achieved, met or not and the traffic light: worked examples and properties."""

import datetime
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from ocop.planning.domain.assessment import assess, is_met, percent_achieved
from ocop.planning.enums import Light, Progress

YEAR = (datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
AFTER = datetime.date(2025, 1, 15)
MID_YEAR = datetime.date(2024, 6, 30)
D = Decimal


def _assess(direction, low, high, actual, *, cumulative=True, as_of=AFTER):
    return assess(
        direction=direction,
        low=D(low),
        high=None if high is None else D(high),
        actual=None if actual is None else D(actual),
        cumulative=cumulative,
        start=YEAR[0],
        end=YEAR[1],
        as_of=as_of,
    )


def test_a_range_of_20_to_30_with_25_is_met():
    result = _assess("at_least", 20, 30, 25)
    assert result.met is True
    assert result.progress == Progress.MET
    assert result.percent == D("125.0")
    assert result.light == Light.GREEN


def test_above_the_top_of_a_range_is_exceeded_and_still_green():
    result = _assess("at_least", 20, 30, 84)
    assert (result.met, result.progress, result.percent, result.light) == (True, Progress.EXCEEDED, D("420.0"), "green")


def test_below_the_bottom_of_a_range_is_not_met():
    result = _assess("at_least", 20, 30, 19)
    assert (result.met, result.progress, result.percent, result.light) == (False, Progress.MISSED, D("95.0"), "red")


def test_at_least_30_percent_with_29_9_is_not_met():
    result = _assess("at_least", 30, None, "29.9")
    assert result.met is False
    assert result.percent == D("99.6")  # cut, never rounded up to 100
    assert result.progress == Progress.MISSED
    assert _assess("at_least", 30, None, "30.0").met is True


def test_a_percentage_just_under_the_target_never_shows_100():
    assert percent_achieved("at_least", D(30), None, D("29.999")) == D("99.9")


def test_at_most_targets_are_met_at_or_below_the_ceiling():
    assert _assess("at_most", 5, None, 5).met is True
    assert _assess("at_most", 5, None, 4).percent == D("125.0")
    over = _assess("at_most", 5, None, 8)
    assert (over.met, over.percent, over.progress) == (False, D("62.5"), Progress.MISSED)
    zero = _assess("at_most", 5, None, 0)
    assert (zero.met, zero.percent, zero.progress) == (True, None, Progress.MET)


def test_an_at_most_range_uses_its_top():
    assert is_met("at_most", D(5), D(10), D(10)) is True
    assert is_met("at_most", D(5), D(10), D("10.01")) is False


def test_no_figure_is_grey():
    result = _assess("at_least", 1, 2, None)
    assert (result.met, result.percent, result.progress, result.light) == (None, None, Progress.NO_DATA, "grey")


def test_halfway_through_the_year_a_count_is_on_track_at_its_share_of_the_target():
    # 182 of 366 days have passed on 30/06/2024: 20 × 182/366 = 9.94 products are expected by then.
    assert _assess("at_least", 20, 30, 10, as_of=MID_YEAR).progress == Progress.ON_TRACK
    assert _assess("at_least", 20, 30, 5, as_of=MID_YEAR).progress == Progress.AT_RISK
    assert _assess("at_least", 20, 30, 4, as_of=MID_YEAR).progress == Progress.BEHIND
    assert _assess("at_least", 20, 30, 4, as_of=MID_YEAR).light == Light.RED


def test_halfway_through_the_year_a_share_is_at_risk_from_90_percent_of_its_target():
    assert _assess("at_least", 30, None, 27, cumulative=False, as_of=MID_YEAR).progress == Progress.AT_RISK
    assert _assess("at_least", 30, None, "26.9", cumulative=False, as_of=MID_YEAR).progress == Progress.BEHIND
    assert _assess("at_least", 30, None, 30, cumulative=False, as_of=MID_YEAR).progress == Progress.MET
    assert _assess("at_least", 30, None, 31, cumulative=False, as_of=MID_YEAR).progress == Progress.EXCEEDED


def test_once_the_period_is_over_what_is_not_met_is_missed():
    assert _assess("at_least", 30, None, 27, cumulative=False).progress == Progress.MISSED


decimals = st.decimals(min_value=0, max_value=100_000, places=2, allow_nan=False, allow_infinity=False)
positive = st.decimals(min_value=D("0.01"), max_value=100_000, places=2, allow_nan=False, allow_infinity=False)


@given(low=positive, spread=decimals, actual=decimals)
def test_at_least_met_exactly_when_the_percentage_reaches_100(low, spread, actual):
    high = low + spread
    met = is_met("at_least", low, high, actual)
    percent = percent_achieved("at_least", low, high, actual)
    assert met == (actual >= low)
    assert met == (percent >= 100)


@given(high=positive, actual=positive)
def test_at_most_met_exactly_when_the_percentage_reaches_100(high, actual):
    assert is_met("at_most", high, None, actual) == (percent_achieved("at_most", high, None, actual) >= 100)


@given(low=positive, spread=decimals, actual=decimals, day=st.integers(min_value=0, max_value=400))
def test_the_light_is_green_exactly_when_met_or_on_track(low, spread, actual, day):
    as_of = YEAR[0] + datetime.timedelta(days=day)
    result = assess(
        direction="at_least",
        low=low,
        high=low + spread,
        actual=actual,
        cumulative=True,
        start=YEAR[0],
        end=YEAR[1],
        as_of=as_of,
    )
    assert (result.light == Light.GREEN) == (result.met or result.progress == Progress.ON_TRACK)
    if as_of >= YEAR[1]:
        assert result.progress in (Progress.MET, Progress.EXCEEDED, Progress.MISSED)
