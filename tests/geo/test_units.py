import datetime

import pytest
from django.core.management import call_command

from ocop.geo.domain.loader import load_administrative_units
from ocop.geo.domain.queries import current_units_for, scope_unit_ids, unit_on
from ocop.geo.enums import Era, UnitLevel
from ocop.geo.models import AdministrativeUnit, UnitSuccession
from tests.factories import unit

pytestmark = pytest.mark.django_db


def test_both_generations_of_provinces_are_loaded_with_codes():
    provinces = AdministrativeUnit.objects.filter(level=UnitLevel.PROVINCE)
    assert provinces.filter(era=Era.BEFORE_2025).count() == 63
    assert provinces.filter(era=Era.FROM_2025).count() == 34
    assert not AdministrativeUnit.objects.filter(era=Era.FROM_2025, level=UnitLevel.DISTRICT).exists()
    assert AdministrativeUnit.objects.filter(era=Era.FROM_2025, level=UnitLevel.COMMUNE).count() == 3321


def test_ninh_thuan_has_its_seven_districts_and_their_communes():
    ninh_thuan = unit("58", UnitLevel.PROVINCE)
    assert ninh_thuan.name == "Tỉnh Ninh Thuận"
    assert ninh_thuan.valid_to == datetime.date(2025, 6, 30)
    districts = sorted(ninh_thuan.children.values_list("code", flat=True))
    assert districts == ["582", "584", "585", "586", "587", "588", "589"]
    communes = AdministrativeUnit.objects.filter(parent__parent=ninh_thuan)
    assert communes.count() == 65  # with the three wards of Phan Rang-Tháp Chàm merged on 1/11/2024
    assert communes.valid_on(datetime.date(2024, 12, 1)).count() == 62
    assert communes.get(code="22882").name == "Xã Phước Thuận"


def test_phuoc_thuan_became_xa_ninh_phuoc_of_khanh_hoa():
    phuoc_thuan = unit("22882")
    [successor] = current_units_for(phuoc_thuan)
    assert successor.name == "Xã Ninh Phước"
    assert successor.parent.name == "Tỉnh Khánh Hòa"
    assert successor.valid_from == datetime.date(2025, 7, 1)


def test_a_former_district_rolls_up_through_its_communes():
    ninh_phuoc = unit("587", UnitLevel.DISTRICT)
    targets = {u.name for u in current_units_for(ninh_phuoc)}
    assert "Xã Ninh Phước" in targets
    assert all(u.era == Era.FROM_2025 and u.level == UnitLevel.COMMUNE for u in current_units_for(ninh_phuoc))
    expected = set(
        UnitSuccession.objects.filter(predecessor__parent=ninh_phuoc).values_list("successor__name", flat=True)
    )
    assert targets == expected


def test_ninh_thuan_became_khanh_hoa_with_24_new_communes():
    ninh_thuan = unit("58", UnitLevel.PROVINCE)
    assert [u.name for u in current_units_for(ninh_thuan)] == ["Tỉnh Khánh Hòa"]
    scope = scope_unit_ids(ninh_thuan)
    new_communes = AdministrativeUnit.objects.filter(pk__in=scope, era=Era.FROM_2025, level=UnitLevel.COMMUNE)
    assert new_communes.count() == 24


def test_scope_of_a_commune_covers_its_counterpart_across_the_reform_only():
    phuoc_thuan = unit("22882")
    scope = scope_unit_ids(phuoc_thuan)
    names = set(AdministrativeUnit.objects.filter(pk__in=scope).values_list("name", flat=True))
    assert names == {"Xã Phước Thuận", "Xã Ninh Phước"}
    new_commune = current_units_for(phuoc_thuan)[0]
    back = scope_unit_ids(new_commune)
    assert phuoc_thuan.pk in back
    assert unit("22867").pk not in back  # xã Nhơn Hải is elsewhere


def test_unit_on_picks_the_unit_valid_on_the_day():
    before = unit_on("58", UnitLevel.PROVINCE, datetime.date(2024, 3, 1))
    assert before.name == "Tỉnh Ninh Thuận"
    assert unit_on("58", UnitLevel.PROVINCE, datetime.date(2025, 8, 1)) is None
    assert unit_on("56", UnitLevel.PROVINCE, datetime.date(2025, 8, 1)).era == Era.FROM_2025


def test_loading_again_changes_nothing():
    before = (AdministrativeUnit.objects.count(), UnitSuccession.objects.count())
    report = load_administrative_units()
    assert (report.created, report.updated, report.successions_created) == (0, 0, 0)
    assert (AdministrativeUnit.objects.count(), UnitSuccession.objects.count()) == before


def test_refresh_restores_a_renamed_unit_through_the_command():
    phuoc_thuan = unit("22882")
    AdministrativeUnit.objects.filter(pk=phuoc_thuan.pk).update(name="Tên sai", search_name="ten sai")
    call_command("load_units", verbosity=0)
    phuoc_thuan.refresh_from_db()
    assert phuoc_thuan.name == "Xã Phước Thuận"
    assert phuoc_thuan.search_name == "xa phuoc thuan"


@pytest.mark.parametrize(
    ("code", "name", "merged_into"),
    [
        ("22756", "Phường Tấn Tài", "Phường Kinh Dinh"),
        ("22753", "Phường Mỹ Hương", "Phường Kinh Dinh"),
        ("22747", "Phường Thanh Sơn", "Phường Phủ Hà"),
    ],
)
def test_the_three_wards_merged_on_1_november_2024_are_valid_until_31_october_2024(code, name, merged_into):
    ward = unit(code)
    assert (ward.name, ward.parent.name, ward.valid_to) == (
        name,
        "Thành phố Phan Rang - Tháp Chàm",
        datetime.date(2024, 10, 31),
    )
    assert unit_on(code, UnitLevel.COMMUNE, datetime.date(2024, 10, 31)) == ward
    assert unit_on(code, UnitLevel.COMMUNE, datetime.date(2024, 11, 1)) is None
    [succession] = ward.successions.all()
    assert (succession.successor.name, succession.effective_on) == (merged_into, datetime.date(2024, 11, 1))
    # Records of January–October 2024 roll up, through the ward they merged into, to today's ward.
    assert current_units_for(ward) == current_units_for(succession.successor)
    assert all(u.is_current for u in current_units_for(ward))


def test_today_s_ward_officer_reaches_the_2024_wards_and_loading_again_adds_nothing():
    tan_tai = unit("22756")
    [today] = current_units_for(unit("22759"))
    assert tan_tai.pk in scope_unit_ids(today)
    assert tan_tai.pk in scope_unit_ids(unit("22759"))  # the officer of phường Kinh Dinh before 1/7/2025
    report = load_administrative_units()
    assert (report.created, report.updated, report.successions_created) == (0, 0, 0)
