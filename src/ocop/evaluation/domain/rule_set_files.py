"""Reading a rule-set file into a checked, normalised and hashed ``PreparedRuleSet``. Nothing is written here.

A rule-set file is a JSON object (see ``data/qd26_2026.json``): identifier, title, legal basis, validity, procedure,
star bands, the expected maximum of each part and, for a set with scoring sheets, ``criteria``: the criteria file
(in the transcript's shape: sheets → sections → groups → criteria → sub → options) and the corrections to apply to it.
"""

import datetime
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ocop.common.json_shapes import NUMBER, TEXT, TEXTS, AnyOf, ListOf, Nullable, Object, Whole, shape_problems
from ocop.common.text import clean_text
from ocop.common.uploads import parse_json
from ocop.evaluation.domain.corrections import apply_corrections
from ocop.evaluation.domain.validation import descriptor_problems, parse_day, sheet_problems

POINTS = Nullable(NUMBER)  # the checks after the shape read the number itself
MARKER = Nullable(AnyOf(Whole(high=1000), TEXT))
OPTION = Object(
    {"label": TEXT, "points": POINTS, "min_star": MARKER, "variant": MARKER, "note": Nullable(TEXT)},
    required=("label",),
)


def _item():
    return ITEM


ITEM = Object(
    {
        "code": AnyOf(TEXT, Whole()),
        "title": TEXT,
        "max": POINTS,
        "notes": Nullable(TEXTS),
        "groups": Nullable(ListOf(_item)),
        "criteria": Nullable(ListOf(_item)),
        "sub": Nullable(ListOf(_item)),
        "options": Nullable(ListOf(OPTION)),
    },
    required=("code", "title"),
)
SHEET = Object(
    {
        "no": Whole(high=1000),
        "title": TEXT,
        "meta": Nullable(TEXTS),
        "disqualify": Nullable(TEXT),
        "notes": Nullable(TEXTS),
        "sections": ListOf(ITEM),
    },
    required=("no", "title", "sections"),
)
CRITERIA_FILE = Object({"sheets": ListOf(SHEET)}, required=("sheets",))


@dataclass(frozen=True)
class PreparedRuleSet:
    identifier: str
    title: str
    legal_basis: str
    valid_from: datetime.date
    valid_to: datetime.date | None
    procedure: dict
    star_bands: list[dict]
    part_maxima: dict | None
    sheets: list[dict]
    provenance: str
    corrections: tuple[str, ...]
    content_hash: str


def read_json(path: Path):
    try:
        return parse_json(Path(path).read_bytes())
    except OSError as error:
        raise ValidationError(
            _("The file %(file)s cannot be read: %(error)s") % {"file": path, "error": error.strerror},
            code="unreadable",
        ) from error
    except ValidationError as error:
        raise ValidationError(
            _("The file %(file)s cannot be read: %(error)s") % {"file": path, "error": error.messages[0]},
            code="unreadable",
        ) from error


def prepare_rule_set(
    path: Path, *, identifier: str | None = None, valid_from=None, legal_basis: str | None = None
) -> PreparedRuleSet:
    """Read, correct, normalise and check the rule-set file at ``path``; the keyword arguments override the file.

    Raises ``ValidationError`` listing every problem found.
    """
    path = Path(path)
    descriptor = read_json(path)
    if not isinstance(descriptor, dict):
        raise ValidationError(_("A rule-set file must hold a JSON object."), code="not_an_object")
    overrides = {"identifier": identifier, "valid_from": valid_from, "legal_basis": legal_basis}
    descriptor = descriptor | {key: value for key, value in overrides.items() if value is not None}
    problems = descriptor_problems(descriptor)
    if problems:
        raise ValidationError(problems)
    sheets, corrections = _criteria_sheets(descriptor.get("criteria"), path.parent)
    problems = sheet_problems(sheets, descriptor.get("part_maxima"))
    if problems:
        raise ValidationError(problems)
    valid_to = descriptor.get("valid_to")
    content = {
        "identifier": clean_text(descriptor["identifier"]),
        "title": clean_text(descriptor["title"]),
        "legal_basis": clean_text(descriptor["legal_basis"]),
        "valid_from": parse_day(descriptor["valid_from"]),
        "valid_to": parse_day(valid_to) if valid_to is not None else None,
        "procedure": descriptor["procedure"],
        "star_bands": descriptor["star_bands"],
        "part_maxima": descriptor.get("part_maxima"),
        "sheets": sheets,
        "corrections": tuple(correction.code for correction in corrections),
    }
    source_note = clean_text(descriptor.get("provenance", ""))
    return PreparedRuleSet(
        **content,
        provenance=_provenance(source_note, corrections),
        content_hash=_content_hash(content | {"provenance": source_note}),
    )


def _criteria_sheets(criteria: dict | None, base_dir: Path) -> tuple[list[dict], list]:
    if criteria is None:
        return [], []
    source = read_json(base_dir / criteria["file"])
    wrong_types = shape_problems(source, CRITERIA_FILE, "criteria")
    if wrong_types:
        raise ValidationError(wrong_types, code="bad_shape")
    try:
        corrections = apply_corrections(source, criteria["corrections"])
        sheets = [_sheet_document(sheet) for sheet in source["sheets"]]
    except (KeyError, TypeError, AttributeError) as error:
        raise ValidationError(
            _(
                "The criteria file does not have the expected shape (sheets → sections → groups → criteria → "
                "options); missing or wrong: %(error)s"
            )
            % {"error": error},
            code="bad_shape",
        ) from error
    return sheets, corrections


def _sheet_document(sheet: dict) -> dict:
    if isinstance(sheet["no"], bool) or not isinstance(sheet["no"], int):
        raise TypeError(f"sheet number {sheet['no']!r}")
    return {
        "no": sheet["no"],
        "title": clean_text(sheet["title"]),
        "meta": [clean_text(line) for line in sheet.get("meta") or []],
        "disqualifiers": [clean_text(sheet["disqualify"])] if sheet.get("disqualify") else [],
        "notes": [clean_text(line) for line in sheet.get("notes") or []],
        "parts": [_node(section) for section in sheet["sections"]],
    }


def _node(item: dict) -> dict:
    node = {
        "code": str(item["code"]),
        "title": clean_text(item["title"]),
        "max": _points(item.get("max")),
        "notes": [clean_text(line) for line in item.get("notes") or []],
    }
    children = [*(item.get("groups") or []), *(item.get("criteria") or []), *(item.get("sub") or [])]
    options = item.get("options") or []
    if children:
        node["children"] = [_node(child) for child in children]
    if options or not children:
        node["options"] = [_option(option) for option in options]
    return node


def _option(option: dict) -> dict:
    return {
        "label": clean_text(option["label"]),
        "points": _points(option.get("points")),
        "min_star": _scalar(option.get("min_star")),
        "variant": _scalar(option.get("variant")),
        "note": clean_text(option.get("note")),
    }


def _points(value) -> str | None:
    return None if value is None else str(value)


def _scalar(value):
    """Markers are small numbers; anything else is kept as text for the checks to name."""
    return value if value is None or isinstance(value, int | str) else str(value)


def _provenance(source_note: str, corrections: list) -> str:
    lines = [source_note] if source_note else []
    if corrections:
        lines.append(_("Corrections applied on load:"))
        lines += [f"- [{correction.code}] {correction.description}" for correction in corrections]
    return "\n".join(lines)


def _content_hash(content: dict) -> str:
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
