"""Questions about administrative units that the rest of the system asks: below, before, after."""

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.db.models import Case, QuerySet, Value, When

from ocop.geo.enums import Era, UnitLevel
from ocop.geo.models import AdministrativeUnit, UnitSuccession


def descendant_ids(unit_ids: Iterable[int]) -> set[int]:
    """The units themselves and every unit below them (a province's districts and communes)."""
    found = set(unit_ids)
    frontier = set(found)
    while frontier:
        frontier = set(AdministrativeUnit.objects.filter(parent_id__in=frontier).values_list("id", flat=True)) - found
        found |= frontier
    return found


def _followed(unit_ids: Iterable[int], source: str, target: str) -> set[int]:
    """The units reached from ``unit_ids`` through one succession or more (a 2024 ward, the ward it merged into,
    then the commune of the 2025 reform)."""
    found: set[int] = set()
    frontier = set(unit_ids)
    while frontier:
        reached = set(UnitSuccession.objects.filter(**{f"{source}__in": frontier}).values_list(target, flat=True))
        frontier = reached - found
        found |= reached
    return found


def successor_ids(unit_ids: Iterable[int]) -> set[int]:
    """Units that the given ones became, directly or through later changes."""
    return _followed(unit_ids, "predecessor_id", "successor_id")


def predecessor_ids(unit_ids: Iterable[int]) -> set[int]:
    """Units that became the given ones, directly or through earlier changes."""
    return _followed(unit_ids, "successor_id", "predecessor_id")


def current_units_for(unit: AdministrativeUnit) -> list[AdministrativeUnit]:
    """Today's units that a record made in ``unit`` rolls up into.

    Former provinces and communes map through the published succession; a former district has no successor of its
    own, so it rolls up through its communes (huyện Ninh Phước → the new communes its communes became).
    """
    if unit.is_current:
        return [unit]
    sources = {unit.pk}
    if unit.level == UnitLevel.DISTRICT:
        sources = set(unit.children.values_list("id", flat=True))
    return list(AdministrativeUnit.objects.current().filter(pk__in=successor_ids(sources)).order_by("code"))


def successors_on(unit: AdministrativeUnit, day: datetime.date) -> list[AdministrativeUnit]:
    """The units that ``unit`` had become by ``day`` and that existed that day (phường Tấn Tài → phường Kinh Dinh
    on 1/12/2024, → today's ward from 1/7/2025)."""
    return list(AdministrativeUnit.objects.valid_on(day).filter(pk__in=successor_ids([unit.pk])).order_by("code"))


def _covered_parents(unit_ids: set[int]) -> set[int]:
    """Former districts and provinces all of whose children are in ``unit_ids``."""
    covered: set[int] = set()
    for level in (UnitLevel.DISTRICT, UnitLevel.PROVINCE):
        candidates = AdministrativeUnit.objects.filter(level=level, children__id__in=unit_ids | covered).distinct()
        for parent in candidates.prefetch_related("children"):
            if {child.pk for child in parent.children.all()} <= unit_ids | covered:
                covered.add(parent.pk)
    return covered


def scope_unit_ids(unit: AdministrativeUnit) -> set[int]:
    """Every unit whose records belong to the area of ``unit`` across the 2025 reform.

    The unit and its descendants, plus, through commune succession, the communes of the other era that cover the same
    ground (and the former districts they wholly make up) and the communes merged into them earlier (phường Tấn Tài
    into phường Kinh Dinh on 1/11/2024): the officer of today's xã Ninh Phước also sees 2024 records of the former xã
    Phước Thuận, and the officer of a former district sees what its communes became. A
    former province also reaches the province it merged into, for records kept at that level (its councils and
    rounds), but only its own communes of it.
    """
    own = descendant_ids([unit.pk])
    communes = set(AdministrativeUnit.objects.filter(pk__in=own, level=UnitLevel.COMMUNE).values_list("id", flat=True))
    if unit.era == Era.BEFORE_2025:
        merged_into = successor_ids([unit.pk]) if unit.level == UnitLevel.PROVINCE else set()
        return own | successor_ids(communes) | predecessor_ids(communes) | merged_into
    across = predecessor_ids(communes)
    return own | across | _covered_parents(across)


def province_of(unit: AdministrativeUnit) -> AdministrativeUnit:
    """The province a unit lies in (the unit itself for a province), in the unit's own era."""
    while unit.level != UnitLevel.PROVINCE and unit.parent_id is not None:
        unit = unit.parent
    return unit


def unit_on(code: str, level: str, day: datetime.date) -> AdministrativeUnit | None:
    """The unit with this GSO code and level that existed on ``day``."""
    return AdministrativeUnit.objects.valid_on(day).filter(code=code, level=level).first()


def home_province() -> AdministrativeUnit | None:
    """The province (as it was before the 2025 reform) this installation serves, from OCOP_PROVINCE_CODE."""
    return AdministrativeUnit.objects.filter(
        era=Era.BEFORE_2025, level=UnitLevel.PROVINCE, code=settings.OCOP_PROVINCE_CODE
    ).first()


def home_area_units() -> QuerySet[AdministrativeUnit]:
    """Units of the home province in both eras, plus the province it became: the choices officers pick from."""
    province = home_province()
    if province is None:
        return AdministrativeUnit.objects.none()
    ids = scope_unit_ids(province) | successor_ids([province.pk])
    return AdministrativeUnit.objects.filter(pk__in=ids)


def home_first(
    units: QuerySet[AdministrativeUnit], home: QuerySet[AdministrativeUnit] | None = None
) -> QuerySet[AdministrativeUnit]:
    """The viewer's own area (``home``, by default the installation's) first, today's units before the former ones,
    province before district before commune, then by code: the order of the unit list and of every unit picker."""
    home = home_area_units() if home is None else home
    return units.annotate(
        elsewhere=Case(When(pk__in=home.values("pk"), then=Value(0)), default=Value(1)),
        former=Case(When(era=Era.BEFORE_2025, then=Value(1)), default=Value(0)),
        depth=Case(
            When(level=UnitLevel.PROVINCE, then=Value(0)),
            When(level=UnitLevel.DISTRICT, then=Value(1)),
            default=Value(2),
        ),
    ).order_by("elsewhere", "former", "depth", "code")
