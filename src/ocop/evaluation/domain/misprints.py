"""Suspected misprints in a rule set's scoring sheets: shown to the office and the calculator's users, never
corrected silently.

A criterion is suspect when two of its options are printed with the same points (or a later option with fewer):
every other criterion rises with its options. Where other sheets print the same criterion (same title, same option
labels) with rising points, their reading is shown beside it. Correcting is the office's choice: a corrected rule set
is loaded under its own identifier (``data/PROVENANCE.md``).
"""

import functools
import itertools
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import number_format

from ocop.evaluation.definitions import Leaf, Sheet
from ocop.evaluation.models import RuleSet

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

    @property
    def printed_text(self) -> str:
        return _points_text(self.printed)

    @property
    def elsewhere_text(self) -> str:
        return _points_text(self.elsewhere) if self.elsewhere else ""


def _points_text(points: Points) -> str:
    return " / ".join(number_format(value, use_l10n=True) for value in points)


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


def sheet_misprints(rule_set: RuleSet, sheet_no: int) -> dict[str, SuspectedMisprint]:
    """The suspects of one sheet of ``rule_set`` by leaf code, for marking them where the sheet is shown."""
    return {
        suspect.code: suspect
        for suspect in _rule_set_misprints(rule_set.pk, rule_set.content_hash)
        if suspect.sheet == sheet_no
    }


@functools.lru_cache(maxsize=16)
def _rule_set_misprints(pk: int, content_hash: str) -> tuple[SuspectedMisprint, ...]:
    # A loaded rule set never changes (LoadedOnce): what its sheets suspect is worked out once per process.
    return tuple(suspected_misprints(RuleSet.objects.get(pk=pk).all_sheets()))
