"""Dossier, round, council and task lists cost the same number of queries whatever the number of rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ocop.accounts.enums import Role
from tests.factories import make_council, make_dossier, make_session, make_user

pytestmark = pytest.mark.django_db


def _count(client, name):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse(name)).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    ("name", "role"),
    [
        ("backoffice:dossier_list", Role.PROVINCE_OFFICE),
        ("backoffice:round_list", Role.PROVINCE_OFFICE),
        ("backoffice:my_tasks", Role.COMMUNE_OFFICER),
        ("backoffice:council_list", Role.PROVINCE_OFFICE),
    ],
)
def test_lists_do_not_grow_with_rows(client, name, role):
    client.force_login(make_user(role))
    for _ in range(2):
        make_dossier(state="submitted")
        make_dossier(state="accepted")
        make_council(members=3)
    few = _count(client, name)
    for _ in range(6):
        make_dossier(state="submitted")
        make_dossier(state="accepted")
        make_council(members=3)
    assert _count(client, name) == few


def test_the_members_sheet_list_does_not_grow_with_sheets(client):
    council = make_council(members=3)
    dossiers = [make_dossier(state="accepted") for _ in range(2)]
    session = make_session(council, dossiers)
    from ocop.councils.domain import sessions

    sessions.auto_assign(actor=None, session=session)
    member = council.members.get(role="chair").user
    client.force_login(member)
    few = _count(client, "backoffice:my_scoring")
    more = make_session(council, [make_dossier(state="accepted") for _ in range(5)])
    sessions.auto_assign(actor=None, session=more)
    assert _count(client, "backoffice:my_scoring") == few
