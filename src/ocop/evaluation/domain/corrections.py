"""Known faults of the QĐ 26/2026 transcript, corrected at load time instead of by editing the copied file.

Each correction names the items it touches and what the transcript prints there; when the source no longer prints
that (a corrected transcript, another file), the load stops instead of guessing. The corrections applied are recorded
in the rule set's provenance. ``data/PROVENANCE.md`` explains each one.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

Item = dict  # a section, group, criterion or sub-criterion of the transcript's JSON


@dataclass(frozen=True)
class Correction:
    code: str
    description: str
    targets: tuple[tuple[int, str, str], ...]  # (sheet number, part, item code)
    matches: Callable[[Item], bool]  # does the item read as the fault this correction expects?
    fix: Callable[[Item], None]


def _option_points(index: int, printed, corrected) -> tuple[Callable[[Item], bool], Callable[[Item], None]]:
    def matches(item: Item) -> bool:
        options = item.get("options") or []
        return len(options) > index and options[index].get("points") == printed

    def fix(item: Item) -> None:
        item["options"][index]["points"] = corrected

    return matches, fix


def _missing_max(corrected) -> tuple[Callable[[Item], bool], Callable[[Item], None]]:
    def matches(item: Item) -> bool:
        return item.get("max") is None

    def fix(item: Item) -> None:
        item["max"] = corrected

    return matches, fix


def _yes_no_options() -> tuple[Callable[[Item], bool], Callable[[Item], None]]:
    def matches(item: Item) -> bool:
        return not item.get("options") and not item.get("sub") and item.get("max") == 1

    def fix(item: Item) -> None:
        # Labels of the sheet, in the sheet's language like every other option label. Option 1 = no, option 2 = yes.
        item["options"] = [
            {"label": "Không", "points": 0, "min_star": None},
            {"label": "Có", "points": 1, "min_star": None},
        ]

    return matches, fix


def _two_printed_cases() -> tuple[Callable[[Item], bool], Callable[[Item], None]]:
    def matches(item: Item) -> bool:
        options = item.get("options") or []
        return len(options) == 4 and any("Trường hợp 2" in note for note in item.get("notes") or [])

    def fix(item: Item) -> None:
        for index, option in enumerate(item["options"]):
            option["variant"] = 1 if index < 2 else 2

    return matches, fix


CORRECTIONS = {
    correction.code: correction
    for correction in (
        Correction(
            "sheet4-C7-typo",
            gettext_lazy(
                "Sheet 4, C.7 (nutrition): the top option is printed as 13 points although the maximum is 3; "
                "it is read as 3."
            ),
            ((4, "C", "7"),),
            *_option_points(2, 13, 3),
        ),
        Correction(
            "sheet11-C6.1.1-typo",
            gettext_lazy(
                "Sheet 11, C.6.1.1 (foreign matter): the middle option is printed as 11 points although the maximum "
                "is 2; it is read as 1, between the options worth 0 and 2. Not in the transcript's list of "
                "anomalies: found by the validation on load."
            ),
            ((11, "C", "6.1.1"),),
            *_option_points(1, 11, 1),
        ),
        Correction(
            "sheet23-C9-missing-max",
            gettext_lazy(
                "Sheet 23, C.9 (instructions for use): the maximum is not printed; it is 4, the best option's points "
                "and the only value with which part C adds up to 35."
            ),
            ((23, "C", "9"),),
            *_missing_max(4),
        ),
        Correction(
            "criterion-1.2-null-points",
            gettext_lazy(
                "Sheets 4, 7, 10 and 11, A.1.2: the first option (no quality certificate) is printed without "
                "points; it is worth 0, as on the other sheets."
            ),
            tuple((sheet, "A", "1.2") for sheet in (4, 7, 10, 11)),
            *_option_points(0, None, 0),
        ),
        Correction(
            "bilingual-label-yes-no",
            gettext_lazy(
                "Criterion 2.4 of sheets 1–20 and 2.3 of sheets 21–22 (bilingual labelling, 1 point) is printed "
                "without options; they are “Không” (0 points) as option 1 and “Có” (1 point) as option 2."
            ),
            (*((sheet, "A", "2.4") for sheet in range(1, 21)), (21, "A", "2.3"), (22, "A", "2.3")),
            *_yes_no_options(),
        ),
        Correction(
            "sheet7-A3.1-equal-options",
            gettext_lazy(
                "Sheet 7, A.3.1 (form of organisation): the middle option is printed as 1 point, the same as the "
                "first; the 18 other sheets that print the same words give it 2. A suspected misprint, corrected "
                "only in the rule set that names this correction; the built-in set scores it as printed."
            ),
            ((7, "A", "3.1"),),
            *_option_points(1, 1, 2),
        ),
        Correction(
            "sheet26-alternative-cases",
            gettext_lazy(
                "Sheet 26, C.8, C.9 and C.15 print two alternative option sets (case 1 and case 2) with the same "
                "points; both are kept in printed order as options 1–4, each marked with its case, and the assessor "
                "ticks one option of the case that fits the product."
            ),
            ((26, "C", "8"), (26, "C", "9"), (26, "C", "15")),
            *_two_printed_cases(),
        ),
    )
}


def _items(node: Item) -> Iterator[Item]:
    for key in ("groups", "criteria", "sub"):
        for child in node.get(key) or []:
            yield child
            yield from _items(child)


def _find_item(source: dict, sheet_no: int, part: str, code: str) -> Item | None:
    for sheet in source.get("sheets") or []:
        if sheet.get("no") != sheet_no:
            continue
        for section in sheet.get("sections") or []:
            if section.get("code") == part:
                return next((item for item in _items(section) if item.get("code") == code), None)
    return None


def apply_corrections(source: dict, codes: list[str]) -> list[Correction]:
    """Apply the named corrections to the transcript ``source`` in place; returns them in the order applied."""
    applied = []
    for code in codes:
        correction = CORRECTIONS.get(code)
        if correction is None:
            raise ValidationError(_("Unknown correction “%(code)s”.") % {"code": code}, code="unknown_correction")
        for sheet_no, part, item_code in correction.targets:
            item = _find_item(source, sheet_no, part, item_code)
            if item is None or not correction.matches(item):
                raise ValidationError(
                    _(
                        "The correction “%(code)s” does not fit the source: sheet %(sheet)s, %(item)s does not read "
                        "as that correction expects."
                    )
                    % {"code": code, "sheet": sheet_no, "item": f"{part}.{item_code}"},
                    code="correction_mismatch",
                )
            correction.fix(item)
        applied.append(correction)
    return applied
