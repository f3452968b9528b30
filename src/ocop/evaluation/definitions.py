"""The plain, frozen shapes of a rule set's content: scoring sheets, their leaves and options, star bands, and the
pieces of the procedure that carry dates.

They are built from the JSON stored with a rule set. This module sits beside ``enums`` (it imports no models), so
that the models, the domain and the pure scoring functions share the same shapes.

A stored sheet document is a tree::

    {"no": 1, "title": "…", "meta": ["…"], "disqualifiers": ["…"], "notes": ["…"],
     "parts": [{"code": "A", "title": "…", "max": "40", "notes": [],
                "children": [{"code": "1", "title": "…", "max": "18", "notes": [],
                              "children": [{"code": "1.1", "title": "…", "max": "3", "notes": [],
                                            "options": [{"label": "…", "points": "1", "min_star": null,
                                                         "variant": null, "note": ""}, …]}]}]}]}

Every node has either ``children`` or ``options``; a node with options is a leaf, the item an assessor answers by
ticking exactly one option. Points are decimal strings.
"""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property


@dataclass(frozen=True)
class Option:
    order: int  # 1-based position in the printed order of the leaf's options
    label: str
    points: Decimal
    min_star: int | None = None  # 3, 4 or 5 when the option is marked as that star level's minimum
    variant: int | None = None  # the printed alternative ("Trường hợp 1/2") the option belongs to, if any


@dataclass(frozen=True)
class Leaf:
    code: str
    title: str
    part: str
    max_points: Decimal
    options: tuple[Option, ...]

    def option(self, order: int) -> Option | None:
        return self.options[order - 1] if 1 <= order <= len(self.options) else None

    def minimum_for(self, stars: int) -> Decimal | None:
        """The points of the option marked as the minimum for ``stars``, or None when the leaf has no such marker."""
        return next((option.points for option in self.options if option.min_star == stars), None)


@dataclass(frozen=True)
class Sheet:
    no: int
    title: str
    parts: tuple[str, ...]
    leaves: tuple[Leaf, ...]

    @cached_property
    def leaves_by_code(self) -> dict[str, Leaf]:
        return {leaf.code: leaf for leaf in self.leaves}


def leaf_nodes(node: dict) -> Iterator[dict]:
    """The leaves under a node of a sheet document, in printed order."""
    if "options" in node:
        yield node
    for child in node.get("children", ()):
        yield from leaf_nodes(child)


def sheet_from_document(document: dict) -> Sheet:
    """A validated sheet document as plain data for scoring."""
    leaves = tuple(
        Leaf(
            code=node["code"],
            title=node["title"],
            part=part["code"],
            max_points=Decimal(node["max"]),
            options=tuple(
                Option(
                    order=order,
                    label=option["label"],
                    points=Decimal(option["points"]),
                    min_star=option["min_star"],
                    variant=option["variant"],
                )
                for order, option in enumerate(node["options"], start=1)
            ),
        )
        for part in document["parts"]
        for node in leaf_nodes(part)
    )
    return Sheet(
        no=document["no"],
        title=document["title"],
        parts=tuple(part["code"] for part in document["parts"]),
        leaves=leaves,
    )


@dataclass(frozen=True)
class StarBand:
    stars: int
    lower: Decimal
    upper: Decimal
    upper_inclusive: bool
    recognised: bool

    def contains(self, score: Decimal) -> bool:
        return self.lower <= score and (score <= self.upper if self.upper_inclusive else score < self.upper)


@dataclass(frozen=True)
class StarBands:
    """The score bands of a rule set, lowest first, covering 0–100 without gaps (checked when the set is loaded)."""

    bands: tuple[StarBand, ...]

    @classmethod
    def from_document(cls, items: list[dict]) -> "StarBands":
        bands = (
            StarBand(
                stars=item["stars"],
                lower=Decimal(item["min"]),
                upper=Decimal(item["max"] if "max" in item else item["max_exclusive"]),
                upper_inclusive="max" in item,
                recognised=item["recognised"],
            )
            for item in items
        )
        return cls(bands=tuple(sorted(bands, key=lambda band: band.lower)))

    def band_for(self, score: Decimal) -> StarBand:
        for band in self.bands:
            if band.contains(score):
                return band
        raise ValueError(f"score {score} is outside the star bands")

    def is_recognised(self, stars: int | None) -> bool:
        return any(band.stars == stars and band.recognised for band in self.bands)

    @property
    def stars(self) -> tuple[int, ...]:
        return tuple(band.stars for band in self.bands)


@dataclass(frozen=True)
class ReevaluationWindow:
    """A producer files for re-evaluation between ``earliest_days`` and ``latest_days`` before the expiry."""

    earliest_days: int
    latest_days: int

    def dates_for(self, expiry: datetime.date) -> tuple[datetime.date, datetime.date]:
        """The first and the last day of filing for a certificate that expires on ``expiry``."""
        return expiry - datetime.timedelta(days=self.earliest_days), expiry - datetime.timedelta(days=self.latest_days)


@dataclass(frozen=True)
class Transition:
    """How a rule set takes over from the earlier ones (QĐ 26/2026, Điều 12), from its first day ``starts_on``.

    Dossiers filed before and still undecided are decided within ``first_days`` (first evaluation, upgrade) or
    ``reevaluation_days`` (re-evaluation) of ``starts_on``. A certificate whose re-evaluation window opened before
    ``starts_on`` stays valid past its expiry, while its re-evaluation is undecided, for at most ``grace_days``.
    """

    starts_on: datetime.date
    first_days: int
    reevaluation_days: int
    grace_days: int

    def decision_due(self, reevaluation: bool) -> datetime.date:
        days = self.reevaluation_days if reevaluation else self.first_days
        return self.starts_on + datetime.timedelta(days=days)


@dataclass(frozen=True)
class CouncilRound:
    """Dossiers received by ``cutoff`` are decided by ``decision_by``."""

    cutoff: datetime.date
    decision_by: datetime.date
