"""List pages cost the same number of queries whatever the number of rows, and sort in Vietnamese order."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ocop.accounts.domain.grants import assign_role
from ocop.accounts.domain.users import create_organisation
from ocop.accounts.enums import OrganisationKind, Role
from ocop.common.domain.activity import log_action
from tests.factories import PHUOC_THUAN, make_user, unit

pytestmark = pytest.mark.django_db

LISTS = ["backoffice:user_list", "backoffice:organisation_list", "backoffice:unit_list", "backoffice:activity_list"]


def _add_rows(count: int) -> None:
    for _index in range(count):
        person = make_user(Role.COMMUNE_OFFICER, PHUOC_THUAN)
        assign_role(actor=None, user=person, role=Role.COUNCIL_MEMBER)
        organisation = create_organisation(
            actor=None, name=f"Hợp tác xã {person.username}", kind=OrganisationKind.PRODUCER, unit=unit("22882")
        )
        person.organisation = organisation
        person.save()


def _queries(client, name) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse(name)).status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", LISTS)
def test_list_pages_do_not_grow_with_rows(client, name):
    client.force_login(make_user(Role.PROVINCE_OFFICE))
    _add_rows(2)
    few = _queries(client, name)
    _add_rows(12)
    assert _queries(client, name) == few


def test_users_are_listed_in_vietnamese_alphabetical_order(client):
    for full_name in ["Đặng Văn Tâm", "Dương Thị Hoa", "Âu Văn Bình", "An Thị Lan", "Huỳnh Văn Phúc"]:
        make_user(Role.COUNCIL_MEMBER, full_name=full_name)
    client.force_login(make_user(Role.ADMIN, full_name="Zô Quản Trị"))
    page = client.get(reverse("backoffice:user_list")).content.decode()
    positions = [page.index(name) for name in ["An Thị Lan", "Âu Văn Bình", "Dương Thị Hoa", "Đặng Văn Tâm"]]
    assert positions == sorted(positions)


def test_search_ignores_accents(client):
    make_user(Role.COUNCIL_MEMBER, full_name="Nguyễn Thị Đông Hải")
    make_user(Role.COUNCIL_MEMBER, full_name="Trần Văn Bình")
    client.force_login(make_user(Role.ADMIN))
    page = client.get(reverse("backoffice:user_list"), {"q": "dong hai"}).content.decode()
    assert "Nguyễn Thị Đông Hải" in page
    assert "Trần Văn Bình" not in page


def test_the_activity_log_filters_by_action(client):
    from django.db import transaction

    with transaction.atomic():
        log_action(actor=None, verb="geo.units_loaded")
    client.force_login(make_user(Role.ADMIN))
    page = client.get(reverse("backoffice:activity_list"), {"verb": "accounts.role"}).content.decode()
    rows = page[page.index("<tbody>") :]  # the filter's options name every action
    assert "đã cấp một vai trò" in rows
    assert "đã nạp danh mục đơn vị hành chính" not in rows
