"""What a page script hides stays hidden."""

import pytest

from ocop.accounts.enums import Role
from tests.factories import make_user

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_a_role_grant_shows_the_producer_only_for_a_producer_account(reference_data, login):
    person = make_user()
    page = login(make_user(Role.PROVINCE_OFFICE), f"/backoffice/users/{person.pk}/")
    shown = {}
    for role in ("producer", "commune_officer", "council_member"):
        page.select_option("#id_role", role)
        shown[role] = (page.locator("#id_unit").is_visible(), page.locator("#id_producer").is_visible())
    assert shown == {
        "producer": (False, True),
        "commune_officer": (True, False),
        "council_member": (False, False),
    }
    page.select_option("#id_role", "producer")
    assert page.locator("#id_producer").evaluate("select => select.required") is True
