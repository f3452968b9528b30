import datetime

import pytest
from django.core.exceptions import ValidationError

from ocop.certificates.domain.issuing import register_certificate_from_records
from ocop.certificates.enums import RecognitionLevel
from ocop.dossiers.domain.lifecycle import with_lifecycle
from ocop.producers.domain.products import withdraw_product
from ocop.producers.enums import ProductState
from ocop.producers.models import Product
from tests.factories import make_product

pytestmark = pytest.mark.django_db


def _register(product, day, stars=3, number="1234/QĐ-UBND"):
    return register_certificate_from_records(
        actor=None,
        product=product,
        stars=stars,
        decision_number=number,
        decided_on=day,
        level=RecognitionLevel.PROVINCE,
    )


def _state(product, today):
    return with_lifecycle(Product.objects.filter(pk=product.pk), today).get()


def test_a_certificate_from_31_12_2022_is_valid_36_months():
    product = make_product(registered_in=2022)
    certificate = _register(product, datetime.date(2022, 12, 31), stars=4)
    assert certificate.valid_until == datetime.date(2025, 12, 31)
    assert certificate.number == f"{product.code}/2022"
    on_last_day = _state(product, datetime.date(2025, 12, 31))
    assert (on_last_day.state, on_last_day.stars) == (ProductState.CERTIFIED, 4)
    after = _state(product, datetime.date(2026, 1, 1))
    assert (after.state, after.stars) == (ProductState.EXPIRED, None)


def test_a_product_without_certificate_is_an_idea_and_a_withdrawn_one_says_so():
    product = make_product()
    assert _state(product, datetime.date(2026, 11, 28)).state == ProductState.IDEA
    withdraw_product(actor=None, product=product, reason="Ngừng sản xuất")
    assert _state(product, datetime.date(2026, 11, 28)).state == ProductState.WITHDRAWN


def test_the_latest_certificate_counts():
    product = make_product()
    _register(product, datetime.date(2020, 12, 30), stars=3, number="11/QĐ-UBND")
    _register(product, datetime.date(2024, 12, 27), stars=4, number="22/QĐ-UBND")
    state = _state(product, datetime.date(2026, 11, 28))
    assert (state.state, state.stars) == (ProductState.CERTIFIED, 4)


def test_the_same_decision_cannot_recognise_a_product_twice():
    product = make_product()
    _register(product, datetime.date(2024, 12, 27))
    with pytest.raises(ValidationError):
        _register(product, datetime.date(2024, 12, 27))


@pytest.mark.parametrize("stars", [1, 2, 6])
def test_only_three_to_five_stars_are_certified(stars):
    with pytest.raises(ValidationError):
        _register(make_product(), datetime.date(2024, 12, 27), stars=stars)


def test_a_decision_issues_a_certificate_that_replaces_the_one_in_force():
    from decimal import Decimal

    from ocop.certificates.domain.issuing import issue_certificate, record_decision

    product = make_product()
    old = _register(product, datetime.date(2024, 12, 27), stars=3, number="11/QĐ-UBND")
    decision = record_decision(
        actor=None,
        number="2020/QĐ-UBND",
        decided_on=datetime.date(2026, 6, 30),
        level=RecognitionLevel.PROVINCE,
        issuing_body="UBND tỉnh Khánh Hòa",
    )
    assert decision.rule_set == "QD26-2026"
    upgraded = issue_certificate(actor=None, decision=decision, product=product, stars=4, score=Decimal("78.25"))
    assert upgraded.replaces == old
    assert upgraded.valid_until == datetime.date(2029, 6, 30)
    state = _state(product, datetime.date(2026, 11, 28))
    assert (state.state, state.stars) == (ProductState.CERTIFIED, 4)
    with pytest.raises(ValidationError):
        record_decision(
            actor=None,
            number="2020/QĐ-UBND",
            decided_on=datetime.date(2026, 6, 30),
            level=RecognitionLevel.PROVINCE,
            issuing_body="UBND tỉnh Khánh Hòa",
        )
