"""The formats our JSON schemas check, with nothing beyond the standard library: jsonschema checks "date-time" only
when the optional rfc3339-validator package is installed (the test tools bring it; a production install does not), and
asking for a checker it lacks fails at the first document."""

import datetime

from jsonschema import FormatChecker


def is_date_time(value) -> bool:
    """RFC 3339 with its offset (or Z), as EPCIS and the national export write every moment."""
    if not isinstance(value, str):
        return True
    moment = datetime.datetime.fromisoformat(value)
    return "T" in value.upper() and moment.tzinfo is not None


def is_date(value) -> bool:
    if not isinstance(value, str):
        return True
    datetime.date.fromisoformat(value)
    return len(value) == 10


def format_checker(*formats: str) -> FormatChecker:
    """A checker of ``formats`` ("date", "date-time"), each refusing a value that is not one."""
    checks = {"date": is_date, "date-time": is_date_time}
    checker = FormatChecker(formats=())
    for name in formats:
        checker.checks(name, raises=ValueError)(checks[name])
    return checker
