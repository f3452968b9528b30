"""Load or refresh administrative units from the ``vietnam-provinces`` package.

Before 1/7/2025: 63 provinces, their districts and communes (GSO codes). From 1/7/2025: 34 provinces and their
communes. Plus the old→new succession of provinces and communes published with the reform, and the communes merged
earlier that the package no longer lists (``EARLIER_MERGERS``), valid until the day before their merger. Running it
again updates names and adds what is new; it never deletes, because records keep pointing at the units they were
made in.
"""

import datetime
from dataclasses import dataclass

import vietnam_provinces as current
from django.db import transaction
from vietnam_provinces import _province_conversion_2025 as province_conversion
from vietnam_provinces import _ward_conversion_2025 as ward_conversion
from vietnam_provinces import legacy

from ocop.common.domain.activity import log_action
from ocop.common.text import fold
from ocop.geo.enums import Era, UnitLevel
from ocop.geo.models import AdministrativeUnit, UnitSuccession

REFORM_DATE = datetime.date.fromisoformat(ward_conversion.EFFECTIVE_DATE)
LAST_DAY_BEFORE_REFORM = REFORM_DATE - datetime.timedelta(days=1)
CODE_WIDTH = {UnitLevel.PROVINCE: 2, UnitLevel.DISTRICT: 3, UnitLevel.COMMUNE: 5}


@dataclass(frozen=True)
class _EarlierMerger:
    """A commune merged into another of the same era before the 2025 reform, which the package no longer lists."""

    code: str
    name: str
    division_type: str
    district_code: str
    successor_code: str
    effective_on: datetime.date


# NQ 1198/NQ-UBTVQH15 (Ninh Thuận, from 01/11/2024): phường Mỹ Hương and Tấn Tài into phường Kinh Dinh, phường Thanh
# Sơn into phường Phủ Hà (thành phố Phan Rang-Tháp Chàm). Their GSO codes are the gaps the package leaves in the city.
EARLIER_MERGERS = (
    _EarlierMerger("22747", "Phường Thanh Sơn", "phường", "582", "22750", datetime.date(2024, 11, 1)),
    _EarlierMerger("22753", "Phường Mỹ Hương", "phường", "582", "22759", datetime.date(2024, 11, 1)),
    _EarlierMerger("22756", "Phường Tấn Tài", "phường", "582", "22759", datetime.date(2024, 11, 1)),
)


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0
    successions_created: int = 0
    successions_skipped: int = 0


def unit_code(level: str, number: int) -> str:
    return str(int(number)).zfill(CODE_WIDTH[UnitLevel(level)])


def _short_name(name: str, division_type: str) -> str:
    prefix = division_type.capitalize() + " "
    return name[len(prefix) :] if name.startswith(prefix) else name


@dataclass(frozen=True)
class _UnitRow:
    era: str
    level: str
    code: str
    name: str
    division_type: str
    parent_key: tuple[str, str, str] | None
    valid_to: datetime.date | None = None  # the era's end unless the unit ended earlier

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.era, self.level, self.code)


def _package_rows() -> list[_UnitRow]:
    old, new = Era.BEFORE_2025, Era.FROM_2025
    P, D, C = UnitLevel.PROVINCE, UnitLevel.DISTRICT, UnitLevel.COMMUNE
    rows = [
        _UnitRow(old, P, unit_code(P, p.code), p.name, str(p.division_type.value), None)
        for p in legacy.Province.iter_all()
    ]
    rows += [
        _UnitRow(
            old, D, unit_code(D, d.code), d.name, str(d.division_type.value), (old, P, unit_code(P, d.province_code))
        )
        for d in legacy.District.iter_all()
    ]
    rows += [
        _UnitRow(
            old, C, unit_code(C, w.code), w.name, str(w.division_type.value), (old, D, unit_code(D, w.district_code))
        )
        for w in legacy.Ward.iter_all()
    ]
    rows += [
        _UnitRow(new, P, unit_code(P, p.code), p.name, str(p.division_type.value), None)
        for p in current.Province.iter_all()
    ]
    rows += [
        _UnitRow(
            new, C, unit_code(C, w.code), w.name, str(w.division_type.value), (new, P, unit_code(P, w.province_code))
        )
        for w in current.Ward.iter_all()
    ]
    rows += [
        _UnitRow(
            old,
            C,
            m.code,
            m.name,
            m.division_type,
            (old, D, m.district_code),
            m.effective_on - datetime.timedelta(days=1),
        )
        for m in EARLIER_MERGERS
    ]
    return rows


def _upsert_units(rows: list[_UnitRow], report: LoadReport) -> dict[tuple[str, str, str], int]:
    existing = {(u.era, u.level, u.code): u for u in AdministrativeUnit.objects.all()}
    # Parents come before children in ``rows``; create level by level so that parent ids exist.
    for level in (UnitLevel.PROVINCE, UnitLevel.DISTRICT, UnitLevel.COMMUNE):
        to_create, to_update = [], []
        for row in (r for r in rows if r.level == level):
            parent = existing[row.parent_key] if row.parent_key else None
            values = {
                "name": row.name,
                "short_name": _short_name(row.name, row.division_type),
                "division_type": row.division_type,
                "parent_id": parent.pk if parent else None,
                "valid_from": None if row.era == Era.BEFORE_2025 else REFORM_DATE,
                "valid_to": row.valid_to or (LAST_DAY_BEFORE_REFORM if row.era == Era.BEFORE_2025 else None),
                "search_name": fold(row.name),
            }
            unit = existing.get(row.key)
            if unit is None:
                to_create.append(AdministrativeUnit(era=row.era, level=row.level, code=row.code, **values))
            elif any(getattr(unit, field) != value for field, value in values.items()):
                for field, value in values.items():
                    setattr(unit, field, value)
                to_update.append(unit)
        for unit in AdministrativeUnit.objects.bulk_create(to_create, batch_size=1000):
            existing[(unit.era, unit.level, unit.code)] = unit
        if not all(u.pk for u in to_create):  # backends that do not return ids from bulk_create
            existing.update({(u.era, u.level, u.code): u for u in AdministrativeUnit.objects.filter(level=level)})
        AdministrativeUnit.objects.bulk_update(to_update, list(values), batch_size=1000)
        report.created += len(to_create)
        report.updated += len(to_update)
    return {key: unit.pk for key, unit in existing.items()}


_Key = tuple[str, str, str]


def _succession_pairs() -> list[tuple[_Key, _Key, bool, datetime.date]]:
    old, new = Era.BEFORE_2025, Era.FROM_2025
    P, C = UnitLevel.PROVINCE, UnitLevel.COMMUNE
    pairs = []
    for entry in province_conversion.OLD_TO_NEW.values():
        for target in entry.new_provinces:
            pairs.append(
                (
                    (old, P, unit_code(P, entry.old_province.code)),
                    (new, P, unit_code(P, target.code)),
                    False,
                    REFORM_DATE,
                )
            )
    for entry in ward_conversion.OLD_TO_NEW.values():
        for target in entry.new_wards:
            pairs.append(
                (
                    (old, C, unit_code(C, entry.old_ward.code)),
                    (new, C, unit_code(C, target.code)),
                    entry.old_ward.is_partly_merged,
                    REFORM_DATE,
                )
            )
    pairs += [((old, C, m.code), (old, C, m.successor_code), False, m.effective_on) for m in EARLIER_MERGERS]
    return pairs


def _upsert_successions(ids: dict[tuple[str, str, str], int], report: LoadReport) -> None:
    existing = set(UnitSuccession.objects.values_list("predecessor_id", "successor_id"))
    to_create = []
    for old_key, new_key, partial, effective_on in _succession_pairs():
        if old_key not in ids or new_key not in ids:
            report.successions_skipped += 1
            continue
        pair = (ids[old_key], ids[new_key])
        if pair in existing:
            continue
        existing.add(pair)
        to_create.append(
            UnitSuccession(predecessor_id=pair[0], successor_id=pair[1], partial=partial, effective_on=effective_on)
        )
    UnitSuccession.objects.bulk_create(to_create, batch_size=1000)
    report.successions_created += len(to_create)


def load_administrative_units(*, actor=None) -> LoadReport:
    """Create or refresh every unit and succession from the package; safe to run any number of times."""
    report = LoadReport()
    with transaction.atomic():
        ids = _upsert_units(_package_rows(), report)
        _upsert_successions(ids, report)
        if report.created or report.updated or report.successions_created:
            log_action(
                actor=actor,
                verb="geo.units_loaded",
                data={
                    "source": f"vietnam-provinces {current.__version__} (data {current.__data_version__})",
                    "created": report.created,
                    "updated": report.updated,
                    "successions_created": report.successions_created,
                    "successions_skipped": report.successions_skipped,
                },
            )
    return report
