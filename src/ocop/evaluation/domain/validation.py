"""The checks a rule set passes before anything is written. Each check returns the problems it finds, in words for
the person loading the file; an empty list means the part is sound."""

import datetime
import itertools
import json
import re
from collections import Counter
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ocop.evaluation.definitions import leaf_nodes
from ocop.evaluation.enums import (
    FULL_MARKS,
    MINIMUM_STAR_LEVELS,
    SHEET_NUMBERS,
    DisqualificationRule,
    EvaluationLevel,
    MinimumRule,
    RecognitionLevel,
)
from ocop.evaluation.models import CENTRAL_ROUNDS, RuleSet

REQUIRED_KEYS = ("identifier", "title", "legal_basis", "valid_from", "procedure", "star_bands")
OPTIONAL_KEYS = ("valid_to", "provenance", "part_maxima", "criteria")
_MONTH_DAY = re.compile(r"^([0-9][0-9])-([0-9][0-9])$")
_STARS = re.compile(r"[0-9]")
_LONGEST_NUMBER = 40
_LARGEST = Decimal(10) ** 6
_SMALLEST_STEP = Decimal("0.000001")


def parse_day(value) -> datetime.date | None:
    """A date written as 2026-05-22 or 22/05/2026 (dates already parsed pass through); None when unreadable."""
    if isinstance(value, datetime.date):
        return value
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(str(value), pattern).date()
        except ValueError:
            continue
    return None


def parse_decimal(value) -> Decimal | None:
    """A decimal written as a string or a whole number (never a float or a boolean); None when unreadable or beyond
    what a rule set ever counts (points, days, fractions: below a million, at most six decimals)."""
    if isinstance(value, bool) or not isinstance(value, str | int) or len(str(value)) > _LONGEST_NUMBER:
        return None
    try:
        number = Decimal(value)
    except InvalidOperation:
        return None
    if not number.is_finite() or abs(number) >= _LARGEST or number != number.quantize(_SMALLEST_STEP):
        return None
    return number


def descriptor_problems(descriptor: dict) -> list[str]:
    problems = [_("“%(key)s” is missing.") % {"key": key} for key in REQUIRED_KEYS if key not in descriptor]
    problems += [
        _("“%(key)s” is not a known key of a rule set.") % {"key": key}
        for key in descriptor
        if key not in REQUIRED_KEYS + OPTIONAL_KEYS
    ]
    for key in ("identifier", "title", "legal_basis"):
        if key in descriptor and (not isinstance(descriptor[key], str) or not descriptor[key].strip()):
            problems.append(_("“%(key)s” must be a non-empty text.") % {"key": key})
    for key in ("identifier", "title"):
        limit = RuleSet._meta.get_field(key).max_length
        if isinstance(descriptor.get(key), str) and len(descriptor[key].strip()) > limit:
            problems.append(_("“%(key)s” is longer than %(limit)s characters.") % {"key": key, "limit": limit})
    valid_from = parse_day(descriptor.get("valid_from"))
    if "valid_from" in descriptor and valid_from is None:
        problems.append(_("“valid_from” is not a date (write 2026-05-22)."))
    valid_to = descriptor.get("valid_to")
    if valid_to is not None:
        if parse_day(valid_to) is None:
            problems.append(_("“valid_to” is not a date (write 2026-05-22)."))
        elif valid_from is not None and parse_day(valid_to) < valid_from:
            problems.append(_("The rule set ends before it starts."))
    criteria = descriptor.get("criteria")
    if criteria is not None and not _is_criteria_reference(criteria):
        problems.append(_("“criteria” must name a criteria file and the list of corrections to apply to it."))
    if "procedure" in descriptor:
        problems += procedure_problems(descriptor["procedure"])
    if "star_bands" in descriptor:
        problems += star_band_problems(descriptor["star_bands"], descriptor.get("procedure"))
    return problems


def _is_criteria_reference(criteria) -> bool:
    return (
        isinstance(criteria, dict)
        and set(criteria) == {"file", "corrections"}
        and isinstance(criteria["file"], str)
        and isinstance(criteria["corrections"], list)
        and all(isinstance(code, str) for code in criteria["corrections"])
    )


def _whole_number_above_zero(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _score(value) -> bool:
    number = parse_decimal(value) if isinstance(value, str) else None
    return number is not None and 0 <= number <= FULL_MARKS


def _fraction(value) -> bool:
    number = parse_decimal(value) if isinstance(value, str) else None
    return number is not None and 0 < number <= 1


def _window(value) -> bool:
    return value is None or (
        isinstance(value, dict)
        and set(value) == {"earliest", "latest"}
        and all(_whole_number_above_zero(days) for days in value.values())
        and value["earliest"] > value["latest"]
    )


def _month_days(value) -> bool:
    return isinstance(value, list) and bool(value) and all(_is_month_day(item) for item in value)


def _is_month_day(value) -> bool:
    match = _MONTH_DAY.match(value) if isinstance(value, str) else None
    if match is None:
        return False
    try:
        datetime.date(2001, int(match[1]), int(match[2]))  # a common year: 29 February is refused
    except ValueError:
        return False
    return True


def _recognition_levels(value) -> bool:
    return (
        isinstance(value, dict)
        and bool(value)
        and all(_STARS.fullmatch(key) and level in RecognitionLevel.values for key, level in value.items())
    )


_WHOLE_NUMBER = gettext_lazy("a whole number above zero")
_PROCEDURE_CHECKS = {
    "evaluation_level": (lambda value: value in EvaluationLevel.values, gettext_lazy("“district” or “province”")),
    "recognition_level": (
        _recognition_levels,
        gettext_lazy('stars mapped to “district”, “province” or “central”, e.g. {"3": "province"}'),
    ),
    "forward_to_central_min_score": (_score, gettext_lazy('a score from 0 to 100 written as text, e.g. "90"')),
    "certificate_validity_months": (_whole_number_above_zero, _WHOLE_NUMBER),
    "reevaluation_window_days": (
        _window,
        gettext_lazy('null or {"earliest": days, "latest": days} with earliest above latest'),
    ),
    "expiry_notice_days": (_whole_number_above_zero, _WHOLE_NUMBER),
    "commune_review_working_days": (_whole_number_above_zero, _WHOLE_NUMBER),
    "revocation_decision_days": (_whole_number_above_zero, _WHOLE_NUMBER),
    "reevaluation_decision_days": (_whole_number_above_zero, _WHOLE_NUMBER),
    "round_cutoffs": (_month_days, gettext_lazy('a list of month-day dates, e.g. ["04-30", "10-30"]')),
    "round_decision_dates": (_month_days, gettext_lazy('a list of month-day dates, e.g. ["06-30", "12-30"]')),
    "max_member_spread": (_score, gettext_lazy('a number of points written as text, e.g. "10"')),
    "quorum_fraction": (_fraction, gettext_lazy('a fraction above 0 and at most 1 written as text, e.g. "0.75"')),
}
PROCEDURE_KEYS = tuple(_PROCEDURE_CHECKS)  # the procedure's schema: every key is required
# The council's rules across members' sheets: optional, since the sets loaded before they could be set leave them out
# and are read with the defaults (RuleSet.minimum_rule, RuleSet.disqualification_rule).
_OPTIONAL_PROCEDURE_CHECKS = {
    "minimum_rule": (
        lambda value: value in MinimumRule.values,
        gettext_lazy("“majority” or “every_member”"),
    ),
    "disqualification_rule": (
        lambda value: value in DisqualificationRule.values,
        gettext_lazy("“any_member” or “majority”"),
    ),
    "transition": (
        lambda value: (
            isinstance(value, dict)
            and set(value) == {"first_days", "reevaluation_days", "grace_days"}
            and all(_whole_number_above_zero(days) for days in value.values())
        ),
        gettext_lazy('{"first_days": days, "reevaluation_days": days, "grace_days": days}'),
    ),
    # The Ministry's own rounds (5★); sets without them are read with RuleSet.rounds' defaults.
    "central_round_cutoffs": (_month_days, gettext_lazy('a list of month-day dates, e.g. ["01-30", "07-30"]')),
    "central_round_decision_dates": (
        _month_days,
        gettext_lazy('a list of month-day dates, e.g. ["03-30", "09-30"]'),
    ),
}


def procedure_problems(procedure) -> list[str]:
    if not isinstance(procedure, dict):
        return [_("The procedure must be a JSON object.")]
    problems = [
        _("The procedure is missing “%(key)s”.") % {"key": key} for key in PROCEDURE_KEYS if key not in procedure
    ]
    problems += [
        _("“%(key)s” is not a known key of the procedure.") % {"key": key}
        for key in procedure
        if key not in PROCEDURE_KEYS and key not in _OPTIONAL_PROCEDURE_CHECKS
    ]
    for key, (check, expected) in (_PROCEDURE_CHECKS | _OPTIONAL_PROCEDURE_CHECKS).items():
        if key in procedure and not check(procedure[key]):
            problems.append(
                _("The procedure's “%(key)s” is %(value)s; expected %(expected)s.")
                % {"key": key, "value": json.dumps(procedure[key], ensure_ascii=False), "expected": expected}
            )
    for prefix in ("", "central_"):
        cutoffs = procedure.get(f"{prefix}round_cutoffs", CENTRAL_ROUNDS.get(f"{prefix}round_cutoffs"))
        decisions = procedure.get(f"{prefix}round_decision_dates", CENTRAL_ROUNDS.get(f"{prefix}round_decision_dates"))
        if isinstance(cutoffs, list) and isinstance(decisions, list) and len(cutoffs) != len(decisions):
            problems.append(_("The procedure needs one decision date for each round cut-off."))
    return problems


def _band_is_well_formed(band) -> bool:
    if not isinstance(band, dict) or set(band) not in (
        {"stars", "min", "max_exclusive", "recognised"},
        {"stars", "min", "max", "recognised"},
    ):
        return False
    upper = band.get("max", band.get("max_exclusive"))
    return (
        _whole_number_above_zero(band["stars"])
        and isinstance(band["recognised"], bool)
        and parse_decimal(band["min"]) is not None
        and parse_decimal(upper) is not None
    )


def star_band_problems(bands, procedure) -> list[str]:
    if not isinstance(bands, list) or not bands:
        return [_("The star bands must be a non-empty list.")]
    malformed = [band for band in bands if not _band_is_well_formed(band)]
    if malformed:
        return [
            _(
                "The star band %(band)s is not valid: it needs “stars”, “min”, “max_exclusive” (or “max” for the "
                "top band) and “recognised”."
            )
            % {"band": band}
            for band in malformed
        ]
    ordered = sorted(bands, key=lambda band: parse_decimal(band["min"]))
    problems = []
    if parse_decimal(ordered[0]["min"]) != 0:
        problems.append(_("The lowest star band must start at 0."))
    for lower, upper in itertools.pairwise(ordered):
        if parse_decimal(lower.get("max_exclusive")) != parse_decimal(upper["min"]):
            problems.append(_("The star bands leave a gap or an overlap below %(min)s points.") % {"min": upper["min"]})
        if lower["stars"] >= upper["stars"]:
            problems.append(_("The star bands must give more stars to higher scores."))
    if parse_decimal(ordered[-1].get("max")) != FULL_MARKS:
        problems.append(_("The highest star band must end at 100 points, included."))
    recognised = sorted(band["stars"] for band in bands if band["recognised"])
    levels = procedure.get("recognition_level") if isinstance(procedure, dict) else None
    if isinstance(levels, dict) and recognised != sorted(int(key) for key in levels if _STARS.fullmatch(key)):
        problems.append(
            _("The star bands recognise %(bands)s stars but the procedure names who recognises %(levels)s stars.")
            % {"bands": recognised, "levels": sorted(levels)}
        )
    return problems


def sheet_problems(sheets: list[dict], part_maxima) -> list[str]:
    if not sheets:
        return []
    expected = _part_maxima(part_maxima)
    if expected is None:
        return [_("A rule set with scoring sheets must give the maximum points of each part, e.g. A 40, B 25, C 35.")]
    problems = []
    if sum(expected.values()) != FULL_MARKS:
        problems.append(
            _("The maximum points of the parts add up to %(total)s instead of 100.") % {"total": sum(expected.values())}
        )
    numbers = Counter(sheet["no"] for sheet in sheets)
    problems += [
        _("Sheet %(sheet)s appears more than once.") % {"sheet": no} for no, count in numbers.items() if count > 1
    ]
    for sheet in sheets:
        if sheet["no"] not in SHEET_NUMBERS:
            problems.append(_("Sheet number %(sheet)s is not a product set from 1 to 26.") % {"sheet": sheet["no"]})
        problems += _problems_in_sheet(sheet, expected)
    return problems


def _part_maxima(part_maxima) -> dict[str, Decimal] | None:
    if not isinstance(part_maxima, dict) or not part_maxima:
        return None
    parsed = {part: parse_decimal(points) for part, points in part_maxima.items()}
    return None if None in parsed.values() else parsed


def _problems_in_sheet(sheet: dict, expected: dict[str, Decimal]) -> list[str]:
    no = sheet["no"]
    parts = [part["code"] for part in sheet["parts"]]
    if parts != list(expected):
        return [
            _("Sheet %(sheet)s has the parts %(found)s; the rule set expects %(expected)s.")
            % {"sheet": no, "found": ", ".join(parts), "expected": ", ".join(expected)}
        ]
    problems = []
    for part in sheet["parts"]:
        found = parse_decimal(part["max"])
        if found != expected[part["code"]]:
            problems.append(
                _("Sheet %(sheet)s, part %(part)s: maximum %(found)s points; the rule set expects %(expected)s.")
                % {"sheet": no, "part": part["code"], "found": part["max"], "expected": expected[part["code"]]}
            )
        problems += _problems_in_node(no, part["code"], part)
    total = sum((parse_decimal(part["max"]) or 0 for part in sheet["parts"]), Decimal(0))
    if total != FULL_MARKS:
        problems.append(
            _("Sheet %(sheet)s adds up to %(total)s points instead of 100.") % {"sheet": no, "total": total}
        )
    codes = Counter(leaf["code"] for part in sheet["parts"] for leaf in leaf_nodes(part))
    problems += [
        _("Sheet %(sheet)s: the code %(code)s is used by more than one criterion.") % {"sheet": no, "code": code}
        for code, count in codes.items()
        if count > 1
    ]
    return problems


def _problems_in_node(no: int, part: str, node: dict) -> list[str]:
    where = {"sheet": no, "item": part if node["code"] == part else f"{part}.{node['code']}"}
    maximum = parse_decimal(node["max"])
    if maximum is None:
        return [_("Sheet %(sheet)s, %(item)s: the maximum is missing or unreadable.") % where]
    if "children" in node and "options" in node:
        return [_("Sheet %(sheet)s, %(item)s has both sub-criteria and answer options.") % where]
    if "options" in node:
        return _problems_in_leaf(node, maximum, where)
    problems = []
    children_total = Decimal(0)
    for child in node["children"]:
        problems += _problems_in_node(no, part, child)
        children_total += parse_decimal(child["max"]) or 0
    if children_total != maximum:
        problems.append(
            _("Sheet %(sheet)s, %(item)s: the items below add up to %(found)s points instead of %(max)s.")
            % (where | {"found": children_total, "max": maximum})
        )
    return problems


def _problems_in_leaf(node: dict, maximum: Decimal, where: dict) -> list[str]:
    options = node["options"]
    if not options:
        return [_("Sheet %(sheet)s, %(item)s: the criterion has no answer options.") % where]
    problems = []
    points = []
    for order, option in enumerate(options, start=1):
        value = parse_decimal(option["points"])
        here = where | {"option": order, "points": option["points"], "max": maximum}
        if value is None:
            problems.append(_("Sheet %(sheet)s, %(item)s, option %(option)s: the points are missing.") % here)
        elif not 0 <= value <= maximum:
            problems.append(
                _("Sheet %(sheet)s, %(item)s, option %(option)s: %(points)s points is outside 0 to %(max)s.") % here
            )
        else:
            points.append(value)
        if option["variant"] is not None and not _whole_number_above_zero(option["variant"]):
            problems.append(
                _("Sheet %(sheet)s, %(item)s, option %(option)s: the case must be a whole number above zero.") % here
            )
        if option["min_star"] is not None and option["min_star"] not in MINIMUM_STAR_LEVELS:
            problems.append(
                _("Sheet %(sheet)s, %(item)s, option %(option)s: %(star)s is not a star marker (3, 4 or 5).")
                % (here | {"star": option["min_star"]})
            )
    if not problems and max(points) != maximum:
        problems.append(
            _("Sheet %(sheet)s, %(item)s: the best option is worth %(best)s points, not the maximum of %(max)s.")
            % (where | {"best": max(points), "max": maximum})
        )
    return problems + _marker_problems(options, where)


def _marker_problems(options: list[dict], where: dict) -> list[str]:
    marked = Counter(option["min_star"] for option in options if option["min_star"] is not None)
    problems = [
        _("Sheet %(sheet)s, %(item)s: more than one option is marked as the %(star)s-star minimum.")
        % (where | {"star": star})
        for star, count in marked.items()
        if count > 1
    ]
    minima = sorted(
        (option["min_star"], parse_decimal(option["points"]) or 0)
        for option in options
        if option["min_star"] in MINIMUM_STAR_LEVELS
    )
    for (lower_star, lower_points), (higher_star, higher_points) in itertools.pairwise(minima):
        if higher_points < lower_points:
            problems.append(
                _("Sheet %(sheet)s, %(item)s: the %(higher)s-star minimum is below the %(lower)s-star minimum.")
                % (where | {"higher": higher_star, "lower": lower_star})
            )
    return problems
