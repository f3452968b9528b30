"""Where a record's commune belongs in a plan: which quota unit it counts toward, which of today's units it rolls up
into. Loaded once per page from the plan's area (both eras) and the published succession, then answered in memory so
that a page costs the same number of queries whatever the number of records.

- A commune counts toward a quota unit that is itself or one of its parents (a 2024 commune of huyện Ninh Hải counts
  toward Ninh Hải's quota); a commune of today counts toward the quota of the former units it was made from (a
  2026 record of xã Vĩnh Hải counts toward the former huyện Ninh Hải). When a new commune was made from communes of
  two former districts, it counts toward the first of them in the plan's order.
- A former commune rolls up into the unit it became (geo's succession); when it was split, into the part that kept
  its name, otherwise the first by code.
"""

from dataclasses import dataclass

from ocop.geo.domain.queries import scope_unit_ids
from ocop.geo.enums import UnitLevel
from ocop.geo.models import AdministrativeUnit, UnitSuccession


@dataclass(frozen=True)
class UnitInfo:
    id: int
    code: str
    name: str
    short_name: str
    level: str
    era: str
    parent_id: int | None
    is_current: bool


class AreaMap:
    def __init__(self, root: AdministrativeUnit):
        self.root = root
        self.unit_ids = frozenset(scope_unit_ids(root))
        rows = AdministrativeUnit.objects.filter(pk__in=self.unit_ids).values_list(
            "id", "code", "name", "short_name", "level", "era", "parent_id", "valid_to"
        )
        self.units = {
            row[0]: UnitInfo(*row[:7], is_current=row[7] is None)  # type: ignore[misc]
            for row in rows
        }
        self.successors: dict[int, list[int]] = {}
        self.predecessors: dict[int, list[int]] = {}
        pairs = UnitSuccession.objects.filter(predecessor_id__in=self.unit_ids, successor_id__in=self.unit_ids)
        for before, after in pairs.values_list("predecessor_id", "successor_id"):
            self.successors.setdefault(before, []).append(after)
            self.predecessors.setdefault(after, []).append(before)

    def ancestors_and_self(self, unit_id: int) -> list[int]:
        chain = []
        while unit_id is not None and unit_id in self.units:
            chain.append(unit_id)
            unit_id = self.units[unit_id].parent_id
        return chain

    def _reaches(self, unit_id: int, target_id: int) -> bool:
        if target_id in self.ancestors_and_self(unit_id):
            return True
        across = self.successors.get(unit_id, []) + self.predecessors.get(unit_id, [])
        return any(target_id in self.ancestors_and_self(other) for other in across)

    def quota_unit_for(self, commune_id: int, quota_unit_ids: list[int]) -> int | None:
        """The first quota unit (in the plan's order) that the commune counts toward, or None."""
        return next((target for target in quota_unit_ids if self._reaches(commune_id, target)), None)

    def current_unit_for(self, commune_id: int) -> int:
        unit = self.units.get(commune_id)
        if unit is None or unit.is_current:
            return commune_id
        successors = [self.units[s] for s in self.successors.get(commune_id, []) if s in self.units]
        if not successors:
            return commune_id
        same_name = [s for s in successors if s.name == unit.name]
        return (same_name or sorted(successors, key=lambda s: s.code))[0].id

    def current_communes(self) -> list[UnitInfo]:
        """Today's communes of the area, by code."""
        return sorted(
            (u for u in self.units.values() if u.is_current and u.level == UnitLevel.COMMUNE), key=lambda u: u.code
        )

    def roll_up(self, counts_by_commune: dict[int, int]) -> dict[int, int]:
        """Counts by commune (either era) → counts by today's commune."""
        rolled: dict[int, int] = {}
        for commune_id, count in counts_by_commune.items():
            if commune_id is None:
                continue
            current = self.current_unit_for(commune_id)
            rolled[current] = rolled.get(current, 0) + count
        return rolled
