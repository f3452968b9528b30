import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ocop.accounts.domain.grants import assign_role, revoke_role
from ocop.accounts.domain.queries import visible_users
from ocop.accounts.domain.roles import has_role
from ocop.accounts.domain.scope import scope_of
from ocop.accounts.enums import Role
from ocop.common.models import ActivityLog
from ocop.geo.enums import UnitLevel
from tests.factories import NHON_HAI, PHUOC_THUAN, make_user, unit

pytestmark = pytest.mark.django_db


def test_granting_and_revoking_a_role_is_logged_with_who_and_what():
    admin = make_user(Role.ADMIN)
    officer = make_user()
    assignment = assign_role(actor=admin, user=officer, role=Role.COMMUNE_OFFICER, unit=unit("22882"))
    assert has_role(officer, Role.COMMUNE_OFFICER)
    revoke_role(actor=admin, assignment=assignment)
    assert not has_role(officer, Role.COMMUNE_OFFICER)
    entries = list(ActivityLog.objects.filter(target_id=str(officer.pk)).order_by("id"))
    assert [(e.verb, e.actor_name) for e in entries[-2:]] == [
        ("accounts.role_granted", admin.username),
        ("accounts.role_revoked", admin.username),
    ]
    assert entries[-2].data["unit"] == "22882"


@pytest.mark.parametrize(
    ("role", "unit_key", "code"),
    [
        (Role.COMMUNE_OFFICER, None, "unit_required"),
        (Role.COMMUNE_OFFICER, ("587", UnitLevel.DISTRICT), "unit_level"),
        (Role.COUNCIL_MEMBER, ("22882", UnitLevel.COMMUNE), "unit_not_allowed"),
    ],
)
def test_a_role_needs_a_unit_of_its_level(role, unit_key, code):
    person = make_user()
    with pytest.raises(ValidationError) as error:
        assign_role(actor=None, user=person, role=role, unit=unit(*unit_key) if unit_key else None)
    assert error.value.code == code
    assert not ActivityLog.objects.filter(verb="accounts.role_granted", target_id=str(person.pk)).exists()


def test_district_officers_only_exist_before_the_reform():
    new_commune_parent = unit("56", UnitLevel.PROVINCE, era="from_2025")
    assert not new_commune_parent.children.filter(level=UnitLevel.DISTRICT).exists()


def test_the_same_role_cannot_be_held_twice():
    person = make_user(Role.COMMUNE_OFFICER, PHUOC_THUAN)
    with pytest.raises(ValidationError):
        assign_role(actor=None, user=person, role=Role.COMMUNE_OFFICER, unit=unit("22882"))


def test_the_provincial_office_cannot_make_administrators_nor_grant_outside_its_area():
    office = make_user(Role.PROVINCE_OFFICE)
    person = make_user()
    with pytest.raises(PermissionDenied):
        assign_role(actor=office, user=person, role=Role.ADMIN)
    with pytest.raises(PermissionDenied):
        assign_role(actor=office, user=person, role=Role.COMMUNE_OFFICER, unit=unit("00004"))  # Hà Nội
    assign_role(actor=office, user=person, role=Role.COMMUNE_OFFICER, unit=unit("22882"))


def test_a_commune_officer_sees_only_their_commune():
    officer = make_user(Role.COMMUNE_OFFICER, PHUOC_THUAN)
    scope = scope_of(officer)
    assert scope.allows_unit(unit("22882").pk)
    assert not scope.allows_unit(unit("22867").pk)
    assert not scope.allows_unit(unit("587", UnitLevel.DISTRICT).pk)
    assert not scope.everything


def test_a_district_officer_sees_the_district_and_its_communes():
    officer = make_user(Role.DISTRICT_OFFICER)
    scope = scope_of(officer)
    assert scope.allows_unit(unit("22882").pk)
    assert not scope.allows_unit(unit(*NHON_HAI).pk)


def test_people_without_an_area_see_no_units():
    assert scope_of(make_user(Role.COUNCIL_MEMBER)).is_empty
    assert scope_of(make_user()).is_empty


def test_the_provincial_office_manages_accounts_of_its_area_but_not_administrators():
    office = make_user(Role.PROVINCE_OFFICE)
    admin = make_user(Role.ADMIN)
    commune_officer = make_user(Role.COMMUNE_OFFICER, PHUOC_THUAN)
    hanoi_officer = make_user(Role.COMMUNE_OFFICER, ("00004", UnitLevel.COMMUNE))
    council_member = make_user(Role.COUNCIL_MEMBER)
    visible = set(visible_users(office))
    assert {commune_officer, council_member} <= visible
    assert admin not in visible
    assert hanoi_officer not in visible
    assert set(visible_users(admin)) >= {office, commune_officer, hanoi_officer}
    assert not visible_users(commune_officer).exists()
