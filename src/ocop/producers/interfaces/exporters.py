"""Excel exports of registry lists (whatever the list's filters selected)."""

from collections.abc import Iterator

from django.utils.translation import gettext as _

from ocop.common.xlsx import Column, Sheet, list_workbook
from ocop.producers import product_sets


def producers_workbook(producers) -> Iterator[bytes]:
    columns = [
        Column(_("Name"), lambda p: p.name, 40),
        Column(_("Legal form"), lambda p: p.get_legal_form_display(), 22),
        Column(_("Enterprise size"), lambda p: p.get_enterprise_size_display(), 12),
        Column(_("Business registration number"), lambda p: p.registration_number, 16),
        Column(_("Business registration date"), lambda p: p.registration_date, 14),
        Column(_("Tax code"), lambda p: p.tax_code, 14),
        Column(_("Legal representative"), lambda p: p.representative_name, 24),
        Column(_("Gender"), lambda p: p.get_representative_gender_display(), 8),
        Column(_("Ethnicity"), lambda p: p.representative_ethnicity, 10),
        Column(_("Address"), lambda p: p.address, 30),
        Column(_("Commune"), lambda p: p.unit.name, 22),
        Column(_("GSO code"), lambda p: p.unit.code, 9),
        Column(_("District / province"), lambda p: p.unit.parent.name if p.unit.parent_id else "", 22),
        Column(_("Phone"), lambda p: p.phone, 14),
        Column(_("Email"), lambda p: p.email, 24),
        Column(_("Members"), lambda p: p.members_count, 10),
        Column(_("Member households"), lambda p: p.member_households, 10),
        Column(_("Workers"), lambda p: p.workers_count, 10),
        Column(_("Circular-economy chain"), lambda p: p.circular_economy, 10),
        Column(_("Craft village"), lambda p: p.craft_village.name if p.craft_village_id else "", 20),
        Column(_("Generated demo record"), lambda p: p.is_generated, 10),
    ]
    return list_workbook(Sheet(_("Producers"), columns, producers))


def products_workbook(products) -> Iterator[bytes]:
    """``products`` must carry the lifecycle annotations (state, stars, certified_until)."""
    columns = [
        Column(_("OCOP product code"), lambda p: p.code, 20),
        Column(_("Name"), lambda p: p.name, 36),
        Column(_("Product set"), lambda p: product_sets.BY_NUMBER[p.product_set].label, 30),
        Column(_("Group"), lambda p: product_sets.BY_NUMBER[p.product_set].group, 16),
        Column(_("Origin"), lambda p: p.get_origin_display(), 22),
        Column(_("Producer"), lambda p: p.producer.name, 36),
        Column(_("Commune"), lambda p: p.producer.unit.name, 22),
        Column(_("State"), lambda p: p.state_label, 16),
        Column(_("Stars"), lambda p: p.stars, 8),
        Column(_("Certified until"), lambda p: p.certified_until, 14),
        Column(_("Packaging"), lambda p: p.packaging, 20),
        Column(_("Shelf life"), lambda p: p.shelf_life, 14),
        Column(_("Standard applied"), lambda p: p.standard, 20),
        Column(_("GTIN"), lambda p: p.gtin, 16),
        Column(_("Generated demo record"), lambda p: p.is_generated, 10),
    ]
    return list_workbook(Sheet(_("Products"), columns, products))


def zones_workbook(zones) -> Iterator[bytes]:
    columns = [
        Column(_("Name"), lambda z: z.name, 30),
        Column(_("Raw material"), lambda z: z.material, 20),
        Column(_("Growing-area code"), lambda z: z.growing_area_code, 18),
        Column(_("Area (ha)"), lambda z: z.area_hectares, 12),
        Column(_("Producer"), lambda z: z.producer.name, 36),
        Column(_("Commune"), lambda z: z.unit.name, 22),
        Column(_("Location"), lambda z: z.location, 24),
        Column(_("Generated demo record"), lambda z: z.is_generated, 10),
    ]
    return list_workbook(Sheet(_("Raw-material zones"), columns, zones))


def villages_workbook(villages) -> Iterator[bytes]:
    columns = [
        Column(_("Name"), lambda v: v.name, 30),
        Column(_("Craft"), lambda v: v.craft, 20),
        Column(_("Commune"), lambda v: v.unit.name, 22),
        Column(_("recognition decision number"), lambda v: v.recognition_number, 18),
        Column(_("recognition decision date"), lambda v: v.recognition_date, 14),
        Column(_("Producers"), lambda v: v.producer_count, 10),
    ]
    return list_workbook(Sheet(_("Craft villages"), columns, villages))
