"""The producer scoring itself sees, beside criterion B.4.3 (promotion of the product), the fairs it took part in."""

import pytest
from django.urls import reverse

from ocop.promotion.domain import fairs
from tests.factories import make_dossier, make_producer_account, make_product
from tests.promotion.helpers import certified_product, make_fair

pytestmark = pytest.mark.django_db


def test_the_self_assessment_shows_the_fairs_beside_criterion_b43_only(client):
    product = make_product(name="Mật nho Thái An", product_set=7)
    shown = certified_product(product.producer, name="Nho sấy Thái An")
    fairs.register_product(actor=None, fair=make_fair(name="Hội chợ OCOP Hà Nội 2024"), product=shown)
    dossier = make_dossier(product, state="draft")
    client.force_login(make_producer_account(product.producer))
    page = client.get(reverse("backoffice:dossier_self_score", args=[dossier.pk])).content.decode()
    assert page.count("Hội chợ OCOP Hà Nội 2024") == 1
    criterion = page.index('name="4.3"')
    assert page.index("Hội chợ OCOP Hà Nội 2024") > criterion > page.index('name="4.2"')
    assert page.index("Hội chợ OCOP Hà Nội 2024") < page.index('name="4.4"') if 'name="4.4"' in page else True
