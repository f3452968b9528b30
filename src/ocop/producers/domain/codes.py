"""The official OCOP product code: ``<province>-<commune>-<sequence>-<year>``.

Codes are given once, when the product enters the registry, from the GSO codes of the commune the producer is in
at that moment (so a 2024 product of xã Phước Thuận keeps ``58-22882-…`` after the 2025 reform, and a product
registered today in xã Ninh Phước gets ``56-22870-…``). The sequence counts per commune and year, three digits at
least. A code never changes afterwards.
"""

from ocop.geo.enums import UnitLevel
from ocop.geo.models import AdministrativeUnit
from ocop.producers.models import ProductCodeSequence


def format_product_code(province_code: str, commune_code: str, sequence: int, year: int) -> str:
    return f"{province_code}-{commune_code}-{sequence:03d}-{year}"


def _province_of(commune: AdministrativeUnit) -> AdministrativeUnit:
    unit = commune
    while unit.level != UnitLevel.PROVINCE:
        unit = unit.parent
    return unit


def next_product_code(commune: AdministrativeUnit, year: int) -> str:
    """Reserve the next code of the commune for the year; call inside the transaction that creates the product."""
    province_code = _province_of(commune).code
    sequence, _created = ProductCodeSequence.objects.select_for_update().get_or_create(
        province_code=province_code, commune_code=commune.code, year=year
    )
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return format_product_code(province_code, commune.code, sequence.last, year)
