"""The producer's notice of the result writes the score the Vietnamese way (77,00 điểm), not as Python prints it."""

import pytest

from ocop.common.models import Notification
from tests.dossiers.journey import dossier_in
from tests.factories import make_producer_account, make_product

pytestmark = pytest.mark.django_db


def test_the_result_notice_writes_the_mean_with_a_decimal_comma():
    product = make_product(product_set=9)
    account = make_producer_account(product.producer)
    dossier_in("recognised", product)
    notice = Notification.objects.get(recipient=account, verb="dossiers.recognised")
    assert "77,00" in notice.message
    assert "77.00" not in notice.message
