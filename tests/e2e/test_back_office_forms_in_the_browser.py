"""What a page script hides stays hidden, and a list's stacked cards fit a 390 px phone."""

import pytest

from ocop.accounts.enums import Role
from ocop.certificates.domain.issuing import register_certificate_from_records
from tests.certificates.helpers import decided_to_expire_in
from tests.e2e.conftest import PHONE
from tests.factories import make_product, make_user

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


def test_the_expiry_list_fits_a_phone(reference_data, login, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    certificate = register_certificate_from_records(  # a demo record: tagged "demo" beside its number
        actor=None,
        product=make_product(name="Nước mắm nhĩ cá cơm truyền thống"),
        stars=4,
        decision_number="1234/QĐ-UBND",
        decided_on=decided_to_expire_in(30),
        is_generated=True,
    )
    page = login(make_user(Role.PROVINCE_OFFICE), "/backoffice/certificates/expiring/")
    page.set_viewport_size(PHONE)
    assert page.locator(f"text={certificate.number}").count() == 1
    overflow = page.evaluate("[...document.querySelectorAll('.table-wrap')].map(w => w.scrollWidth - w.clientWidth)")
    assert overflow == [0]
