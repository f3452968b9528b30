"""The national view: how many products hold a certificate in force, by province, by stars and by group of product
sets — counted from the same certificates as every other screen (``certificates.domain.validity.in_force``).

A certificate counts for the province its producer is in today: a producer recorded in a commune of before the 2025
reform (xã Phước Thuận, Ninh Thuận) counts for the province that province became (Khánh Hòa). The figures cost the
same few queries whatever the number of certificates.
"""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, IntegerField
from django.db.models.functions import Coalesce
from django.utils import timezone

from ocop.certificates.domain.validity import in_force
from ocop.certificates.models import Certificate
from ocop.geo.enums import Era, UnitLevel
from ocop.geo.models import AdministrativeUnit, UnitSuccession
from ocop.producers import product_sets

STARS = (3, 4, 5)
# The six groups of the criteria sheets ("Sản phẩm" I–VI), in their official order.
GROUPS = tuple(dict.fromkeys(product_set.group for product_set in product_sets.PRODUCT_SETS))


@dataclass(frozen=True)
class ProvinceCount:
    province: AdministrativeUnit | None  # None: a producer whose unit the registry cannot place in a province
    by_stars: dict[int, int]

    @property
    def total(self) -> int:
        return sum(self.by_stars.values())


@dataclass(frozen=True)
class NationalOverview:
    day: datetime.date
    provinces: list[ProvinceCount]  # the provinces with a certified product, most products first
    by_stars: dict[int, int]
    by_group: list[tuple[str, int]]  # every group, in the official order, with 0 where none is certified

    @property
    def total(self) -> int:
        return sum(self.by_stars.values())


def national_overview(day: datetime.date | None = None) -> NationalOverview:
    day = day or timezone.localdate()
    rows = (
        in_force(Certificate.objects.all(), day)
        .annotate(set_number=Coalesce("product_set", "product__product_set", output_field=IntegerField()))
        .values("producer__unit", "stars", "set_number")
        .annotate(products=Count("product", distinct=True))
    )
    by_province: dict[int | None, Counter] = {}
    by_stars: Counter = Counter()
    by_group: Counter = Counter()
    rows = list(rows)
    province_of_unit = _today_provinces({row["producer__unit"] for row in rows})
    for row in rows:
        province = province_of_unit.get(row["producer__unit"])
        by_province.setdefault(province.pk if province else None, Counter())[row["stars"]] += row["products"]
        by_stars[row["stars"]] += row["products"]
        product_set = product_sets.BY_NUMBER.get(row["set_number"])
        if product_set is not None:
            by_group[product_set.group] += row["products"]
    provinces = {province.pk: province for province in province_of_unit.values()}
    counts = [
        ProvinceCount(provinces.get(key), {stars: counter[stars] for stars in STARS})
        for key, counter in by_province.items()
    ]
    counts.sort(key=lambda count: (-count.total, count.province.code if count.province else "~"))
    return NationalOverview(
        day=day,
        provinces=counts,
        by_stars={stars: by_stars[stars] for stars in STARS},
        by_group=[(group, by_group[group]) for group in GROUPS],
    )


def certified_products_nationwide(day: datetime.date | None = None) -> int:
    """The national view's total alone (the dashboard's figure)."""
    return in_force(Certificate.objects.all(), day).values("product").distinct().count()


def _today_provinces(unit_ids: set[int]) -> dict[int, AdministrativeUnit]:
    """Today's province of each unit: its own province for a unit of today's map; for a unit of before the 2025
    reform, the province its former province merged into. Three queries, whatever the number of units."""
    units = AdministrativeUnit.objects.filter(pk__in=unit_ids).select_related("parent__parent")
    own_province = {unit.pk: _province_above(unit) for unit in units}
    former = {province.pk for province in own_province.values() if province and province.era == Era.BEFORE_2025}
    merged_into = {
        succession.predecessor_id: succession.successor
        for succession in UnitSuccession.objects.filter(
            predecessor_id__in=former, successor__level=UnitLevel.PROVINCE
        ).select_related("successor")
    }
    today = {}
    for unit_id, province in own_province.items():
        if province is not None and province.era == Era.BEFORE_2025:
            province = merged_into.get(province.pk)
        if province is not None:
            today[unit_id] = province
    return today


def _province_above(unit: AdministrativeUnit) -> AdministrativeUnit | None:
    """The province of a commune, a district or a province, read from the parents loaded with it."""
    while unit is not None and unit.level != UnitLevel.PROVINCE:
        unit = unit.parent
    return unit
