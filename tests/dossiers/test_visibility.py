"""Who sees which dossier (dossiers.domain.queries.visible_dossiers)."""

import pytest
from django.urls import reverse

from ocop.accounts.enums import Role
from ocop.dossiers.domain.queries import visible_dossiers
from tests.dossiers.journey import dossier_in
from tests.factories import make_dossier, make_producer_account, make_product, make_user

pytestmark = pytest.mark.django_db


def test_department_staff_read_filed_dossiers_but_never_a_producers_unsubmitted_draft(client):
    product = make_product(name="Mứt nho chưa nộp")
    draft = make_dossier(product)
    withdrawn_draft = dossier_in("withdrawn_draft")
    filed = make_dossier(make_product(product.producer), state="submitted")
    staff = make_user(Role.DEPARTMENT_STAFF)

    assert set(visible_dossiers(staff)) == {filed}
    client.force_login(staff)
    assert client.get(reverse("backoffice:dossier_detail", args=[draft.pk])).status_code == 404
    assert client.get(reverse("backoffice:dossier_summary", args=[draft.pk])).status_code == 404
    listing = client.get(reverse("backoffice:dossier_list")).content.decode()
    assert filed.receipt_number in listing and "Mứt nho chưa nộp" not in listing

    # Those who may help file it still see the draft in the producer's commune, and the producer its own.
    for helper in (
        make_user(Role.COMMUNE_OFFICER),
        make_user(Role.DISTRICT_OFFICER),
        make_user(Role.PROVINCE_OFFICE),
        make_user(Role.ADMIN),
        make_producer_account(product.producer),
    ):
        assert draft in set(visible_dossiers(helper)), helper
    assert withdrawn_draft in set(visible_dossiers(make_user(Role.PROVINCE_OFFICE)))
