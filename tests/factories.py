"""Builders for test data that go through the same domain functions as the application."""

import itertools

from ocop.accounts.domain.grants import assign_role
from ocop.accounts.domain.users import create_user
from ocop.accounts.enums import Role
from ocop.geo.enums import Era, UnitLevel
from ocop.geo.models import AdministrativeUnit

PASSWORD = "mat-khau-thu-nghiem-1"
_sequence = itertools.count(1)


def unit(code: str, level: str = UnitLevel.COMMUNE, era: str = Era.BEFORE_2025) -> AdministrativeUnit:
    return AdministrativeUnit.objects.get(code=code, level=level, era=era)


NINH_THUAN = ("58", UnitLevel.PROVINCE)
NINH_PHUOC_DISTRICT = ("587", UnitLevel.DISTRICT)
PHUOC_THUAN = ("22882", UnitLevel.COMMUNE)
NHON_HAI = ("22867", UnitLevel.COMMUNE)  # xã Nhơn Hải, huyện Ninh Hải: another commune, another district

# The unit each role is scoped to in tests (None: the role carries no unit).
ROLE_UNITS = {
    Role.ADMIN: None,
    Role.PROVINCE_OFFICE: NINH_THUAN,
    Role.DEPARTMENT_STAFF: NINH_THUAN,
    Role.DISTRICT_OFFICER: NINH_PHUOC_DISTRICT,
    Role.COMMUNE_OFFICER: PHUOC_THUAN,
    Role.COUNCIL_MEMBER: None,
    Role.ADVISORY_MEMBER: None,
    Role.PRODUCER: None,
}


def make_user(role: str | None = None, unit_key: tuple[str, str] | None = None, **fields):
    number = next(_sequence)
    values = {"username": f"user{number}", "full_name": f"Người dùng {number}", "password": PASSWORD} | fields
    user, _password = create_user(actor=None, **values)
    if role is not None:
        key = unit_key if unit_key is not None else ROLE_UNITS[Role(role)]
        assign_role(actor=None, user=user, role=role, unit=unit(*key) if key else None)
    return user
