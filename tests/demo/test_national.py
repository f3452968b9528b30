"""The generated national registry: built through the domain functions, with decisions of the bodies in office."""

import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ocop.certificates.models import Certificate
from ocop.common.models import ActivityLog
from ocop.demo import national
from ocop.producers.models import Producer, Product

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 28)


def test_a_slice_of_the_country_keeps_every_invariant_of_data_typed_in():
    counts = national._Generator(0.001, seed=3, today=TODAY).run()
    assert (counts.producers, counts.products) == (Producer.objects.count(), Product.objects.count()) == (8, 16)
    certificates = list(Certificate.objects.select_related("decision", "product__producer__unit__parent__parent"))
    assert len(certificates) == counts.certificates >= 16
    for certificate in certificates:
        province_then = certificate.product.producer.unit.parent.parent.name
        body = certificate.decision.issuing_body
        if certificate.stars == 5:
            assert body.startswith("Bộ Nông nghiệp")
        elif certificate.issued_on < national.MERGER:
            assert body == f"UBND {province_then[:1].lower()}{province_then[1:]}"
        else:  # after the merger the province's successor decides
            assert body.startswith("UBND tỉnh") or body.startswith("UBND thành phố")
        assert certificate.issued_on <= TODAY and certificate.valid_until > certificate.issued_on
    # A re-evaluation replaces the certificate it follows, as an entered one does.
    again = [
        c for c in certificates if Certificate.objects.filter(product=c.product, issued_on__lt=c.issued_on).exists()
    ]
    assert all(c.replaces is None or c.replaces.product_id == c.product_id for c in again)
    assert Producer.objects.filter(is_generated=True).count() == 8
    assert ActivityLog.objects.filter(verb="producers.producer_created").count() == 8  # the domain functions wrote


def test_the_command_runs_once_per_database(settings):
    national._Generator(0.0005, seed=1, today=TODAY).run()
    assert national.already_generated()
    with pytest.raises(CommandError, match="đã được tạo"):
        call_command("generate", "--scale", "small")
