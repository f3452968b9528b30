"""Two certificates issued for one product at once get their own numbers, the later replacing the earlier."""

import pytest
from django.utils import timezone

from ocop.certificates.domain.issuing import issue_certificate, record_decision
from ocop.certificates.models import Certificate
from tests.factories import make_product
from tests.races import needs_postgresql, run_together

pytestmark = [needs_postgresql, pytest.mark.usefixtures("reference_data")]


def test_two_decisions_certifying_one_product_at_once_issue_two_numbered_certificates_in_a_chain():
    product = make_product(product_set=7)
    today = timezone.localdate()
    decisions = [
        record_decision(actor=None, number=f"{n}/QĐ-UBND", decided_on=today, level="province", issuing_body="UBND")
        for n in (1, 2)
    ]

    outcomes = run_together(
        lambda: type(product).objects.get(pk=product.pk),
        lambda p, n: issue_certificate(actor=None, decision=decisions[n], product=p, stars=3, score=None),
        times=2,
    )

    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    first, second = Certificate.objects.filter(product=product).order_by("pk")
    assert (first.number, second.number) == (f"{product.code}/{today.year}", f"{product.code}/{today.year}-2")
    assert (first.replaces, second.replaces) == (None, first)
