"""Dates and moments in our JSON schemas are checked without jsonschema's optional packages: a production install
has no rfc3339-validator, and the national export failed there (KeyError 'date-time') while every test passed."""

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from ocop.common.json_formats import format_checker

SCHEMA = {"type": "object", "properties": {"day": {"format": "date"}, "moment": {"format": "date-time"}}}


@pytest.mark.parametrize(
    ("document", "faults"),
    [
        ({"day": "2024-12-31", "moment": "2024-12-31T08:00:00+07:00"}, []),
        ({"day": "2024-12-31", "moment": "2024-12-31T01:00:00Z"}, []),
        ({"day": "31/12/2024", "moment": "2024-12-31T08:00:00"}, ["day", "moment"]),
        ({"day": "2024-13-01", "moment": "hôm qua"}, ["day", "moment"]),
        ({"day": 20241231, "moment": None}, []),  # not strings: the schema's types say what is wrong
    ],
)
def test_dates_and_moments_are_checked(document, faults):
    validator = Draft202012Validator(SCHEMA, format_checker=format_checker("date", "date-time"))
    assert sorted(error.path[0] for error in validator.iter_errors(document)) == faults


def test_the_checks_need_none_of_jsonschemas_optional_packages(monkeypatch):
    monkeypatch.setattr(FormatChecker, "checkers", {})  # as an install without rfc3339-validator, and more
    validator = Draft202012Validator(SCHEMA, format_checker=format_checker("date", "date-time"))
    assert [error.path[0] for error in validator.iter_errors({"moment": "2024-12-31"})] == ["moment"]
