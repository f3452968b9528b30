"""The demo data follows the reported Ninh Thuận figures and marks what it made up."""

import datetime

import pytest
from django.db.models import Count

from ocop.certificates.models import Certificate
from ocop.demo import load_demo
from ocop.producers.domain.queries import with_lifecycle
from ocop.producers.enums import ProductState
from ocop.producers.models import Producer, Product

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        from django.db import transaction

        with transaction.atomic():
            load_demo()
            yield
            transaction.set_rollback(True)


def test_recognitions_follow_the_reported_rounds(demo):
    before_2024 = Certificate.objects.filter(issued_on__lt=datetime.date(2024, 1, 1))
    assert before_2024.count() == 182
    assert before_2024.filter(stars=4).count() == 30
    round_2022 = Certificate.objects.filter(issued_on__year=2022)
    assert (round_2022.count(), round_2022.filter(stars=4).count()) == (65, 9)
    round_2024 = Certificate.objects.filter(issued_on__year=2024)
    assert (round_2024.count(), round_2024.filter(stars=4).count()) == (84, 12)
    producers_before_2024 = before_2024.values("producer").distinct().count()
    assert 70 <= producers_before_2024 <= 95


def test_named_products_are_real_records_in_their_communes(demo):
    cana = Product.objects.get(name="Nước mắm truyền thống Cana")
    assert not cana.is_generated
    assert (cana.producer.unit.name, cana.producer.unit.parent.name) == ("Xã Phước Minh", "Huyện Thuận Nam")
    assert cana.product_set == 9
    assert Product.objects.filter(is_generated=False).count() == 29
    assert Producer.objects.get(name="HTX DV tổng hợp nông nghiệp Thái An").products.count() == 8


def test_generated_records_are_marked_and_statuses_vary(demo):
    assert Product.objects.filter(is_generated=True).count() > 250
    states = dict(
        with_lifecycle(Product.objects.all(), datetime.date(2026, 11, 28)).values_list("state").annotate(n=Count("id"))
    )
    assert states[ProductState.CERTIFIED] > 0
    assert states[ProductState.EXPIRED] > 0
    assert states[ProductState.IDEA] > 0
    assert states[ProductState.WITHDRAWN] > 0
