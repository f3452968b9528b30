"""Reading a council's answers from a JSON or Excel file (the input of ``ocop score``; format in docs/scoring.md)."""

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import openpyxl
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ocop.evaluation.domain.rule_set_files import read_json
from ocop.evaluation.domain.scoring import MemberAnswers
from ocop.evaluation.domain.validation import parse_decimal

KEYS = ("rule_set", "sheet", "members", "allowed_spread", "disqualified", "council_size")
XLSX_HEADER = "leaf"


@dataclass(frozen=True)
class CouncilAnswers:
    rule_set: str | None  # None: the set in force today
    sheet: int
    members: list[MemberAnswers]
    allowed_spread: Decimal | None  # None: the rule set's
    disqualified: bool
    council_size: int | None  # the council's scoring members, for the quorum; None: not given


def read_council_answers(path: Path) -> CouncilAnswers:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".json":
        return council_answers(read_json(path))
    if suffix == ".xlsx":
        return council_answers(_workbook_data(path))
    raise ValidationError(_("Use a .json or .xlsx file, not “%(suffix)s”.") % {"suffix": suffix}, code="file_type")


def council_answers(data) -> CouncilAnswers:
    if not isinstance(data, dict):
        raise ValidationError(_("The file must hold a JSON object."), code="not_an_object")
    problems = [_("“%(key)s” is not a known key.") % {"key": key} for key in data if key not in KEYS]
    sheet = data.get("sheet")
    if isinstance(sheet, bool) or not isinstance(sheet, int):
        problems.append(_("“sheet” must be a sheet number from 1 to 26."))
    rule_set = data.get("rule_set")
    if rule_set is not None and not isinstance(rule_set, str):
        problems.append(_("“rule_set” must be the identifier of a rule set, e.g. QD26-2026."))
    allowed_spread = data.get("allowed_spread")
    if allowed_spread is not None:
        allowed_spread = None if isinstance(allowed_spread, bool) else parse_decimal(str(allowed_spread))
        if allowed_spread is None or allowed_spread < 0:
            problems.append(_("“allowed_spread” must be a number of points."))
    disqualified = data.get("disqualified", False)
    if not isinstance(disqualified, bool):
        problems.append(_("“disqualified” must be true or false."))
    members = _members(data.get("members"), problems)
    council_size = _whole(data.get("council_size"))
    if council_size is not None and (
        isinstance(council_size, bool) or not isinstance(council_size, int) or not len(members) <= council_size < 1000
    ):
        problems.append(_("“council_size” must be the number of the council's scoring members, at least those listed."))
    if problems:
        raise ValidationError(problems)
    return CouncilAnswers(
        rule_set=rule_set,
        sheet=sheet,
        members=members,
        allowed_spread=allowed_spread,
        disqualified=disqualified,
        council_size=council_size,
    )


def _members(items, problems: list[str]) -> list[MemberAnswers]:
    if not isinstance(items, list) or not items:
        problems.append(_("“members” must be a list of members, each with a name and answers."))
        return []
    members = []
    for number, item in enumerate(items, start=1):
        if (
            not isinstance(item, dict)
            or not isinstance(item.get("name"), str)
            or not item["name"].strip()
            or not isinstance(item.get("answers"), dict)
        ):
            problems.append(_("Member %(number)s needs a name and answers.") % {"number": number})
            continue
        members.append((item["name"].strip(), item["answers"]))
    return members


def _workbook_data(path: Path) -> dict:
    """The first worksheet read as: key/value rows (rule_set, sheet, allowed_spread, disqualified, council_size),
    then a header row starting with “leaf” followed by the members' names, then one row per leaf with each member's
    option."""
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds of errors for a damaged or foreign file
        raise ValidationError(
            _("The file %(file)s cannot be read: %(error)s") % {"file": path, "error": error}, code="unreadable"
        ) from error
    rows = [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    workbook.close()
    data, names, answers = {}, None, []
    for row in rows:
        first = _cell_text(row[0]) if row else ""
        if not first:
            continue
        if names is not None:
            answers.append((first, [*row[1:], *[None] * len(names)]))
        elif first.lower() == XLSX_HEADER:
            names = [_cell_text(name) for name in row[1:] if _cell_text(name)]
        else:
            data[first] = row[1] if len(row) > 1 else None
    if names is not None:
        data["members"] = [
            {"name": name, "answers": {code: _whole(values[i]) for code, values in answers if values[i] is not None}}
            for i, name in enumerate(names)
        ]
    return data


def _cell_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value).strip()


def _whole(value):
    """Spreadsheets store 2 as 2.0; an option number is whole."""
    return int(value) if isinstance(value, float) and value.is_integer() else value
