import datetime

import pytest
from django.core.exceptions import ValidationError

from ocop.planning.domain.periods import default_period, parse_period, periods_between


def test_periods_are_years_and_half_years():
    first = parse_period("2024-h1")
    assert (first.key, first.start, first.end, first.label_vi) == (
        "2024-H1",
        datetime.date(2024, 1, 1),
        datetime.date(2024, 6, 30),
        "6 tháng đầu năm 2024",
    )
    assert parse_period("2024").label_vi == "năm 2024"
    assert parse_period("2024-H2").start == datetime.date(2024, 7, 1)
    with pytest.raises(ValidationError):
        parse_period("2024-Q1")


def test_a_plan_has_a_first_half_and_a_year_for_each_of_its_years():
    keys = [p.key for p in periods_between(datetime.date(2021, 1, 1), datetime.date(2022, 12, 31))]
    assert keys == ["2021-H1", "2021", "2022-H1", "2022"]


def test_the_page_opens_on_the_running_year_or_the_last_one_over():
    periods = periods_between(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
    assert default_period(periods, datetime.date(2024, 3, 1)).key == "2024"
    assert default_period(periods, datetime.date(2026, 11, 28)).key == "2024"
    assert default_period(periods, datetime.date(2023, 5, 1)).key == "2024-H1"
