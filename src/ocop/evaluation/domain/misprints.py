"""Suspected misprints in a rule set's scoring sheets: shown to the office and the calculator's users, never
corrected silently.

A criterion is suspect when two of its options are printed with the same points (or a later option with fewer):
every other criterion rises with its options. Where other sheets print the same criterion (same title, same option
labels) with rising points, their reading is shown beside it. Correcting is the office's choice: a corrected rule set
is loaded under its own identifier (``data/PROVENANCE.md``).
"""

import itertools
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from ocop.evaluation.definitions import Leaf, Sheet

Points = tuple[Decimal, ...]


@dataclass(frozen=True)
class SuspectedMisprint:
    sheet: int
    part: str
    code: str
    title: str
    printed: Points
    elsewhere: Points | None  # the points most other sheets print for the same words, if any do
    elsewhere_sheets: int  # how many sheets print that


def _points(leaf: Leaf) -> Points:
    return tuple(option.points for option in leaf.options)


def _rises(points: Points) -> bool:
    return all(lower < higher for lower, higher in itertools.pairwise(points))


def _words(leaf: Leaf) -> tuple[str, tuple[str, ...]]:
    return leaf.title, tuple(option.label for option in leaf.options)


def suspected_misprints(sheets: Iterable[Sheet]) -> list[SuspectedMisprint]:
    """The suspect criteria of ``sheets``, in sheet and printed order. Criteria printed as alternative cases
    (options with a ``variant``) repeat their points by design and are left out."""
    sheets = list(sheets)
    readings: dict[tuple, list[tuple[int, Points]]] = defaultdict(list)
    for sheet in sheets:
        for leaf in sheet.leaves:
            readings[_words(leaf)].append((sheet.no, _points(leaf)))
    suspects = []
    for sheet in sheets:
        for leaf in sheet.leaves:
            if _rises(_points(leaf)) or any(option.variant for option in leaf.options):
                continue
            others = Counter(points for no, points in readings[_words(leaf)] if no != sheet.no and _rises(points))
            elsewhere, count = others.most_common(1)[0] if others else (None, 0)
            suspects.append(
                SuspectedMisprint(sheet.no, leaf.part, leaf.code, leaf.title, _points(leaf), elsewhere, count)
            )
    return suspects


def misprints_by_code(sheets: Iterable[Sheet]) -> dict[tuple[int, str], SuspectedMisprint]:
    """The suspects keyed by (sheet number, leaf code), for marking the criteria where a sheet is shown."""
    return {(suspect.sheet, suspect.code): suspect for suspect in suspected_misprints(sheets)}
