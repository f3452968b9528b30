"""Stamps for the demo, so that the scan page has each of its verdicts to show: the demo producer's products and a
few products in force carry issued stamps, one run of them voided as a lost roll, and one request waits for the
office. Made through the traceability domain, asked for by the producer's account and issued by the provincial
office. The first batch's product has its value chain recorded by the producer (harvest to a sales point), with
stamps 1–100 put on its lot, so that their scan page tells where the product came from. Runs after
``certificates`` (it picks products in force)."""

import dataclasses
import datetime

from django.utils import timezone

from ocop.accounts.models import User
from ocop.certificates.domain.status import with_status
from ocop.certificates.enums import CertificateStatus
from ocop.certificates.models import Certificate
from ocop.demo.people import PRODUCER_ACCOUNT
from ocop.producers.models import Product
from ocop.traceability.domain.events import Step, province_of, record_step
from ocop.traceability.domain.stamps import issue_stamps, request_stamps, void_stamps
from ocop.traceability.enums import ValueChainStep

STAMPS_PER_BATCH = 200
IN_FORCE_PRODUCTS = 3


def load() -> None:
    office = User.objects.get(username="tinh.ocop")
    producer_account = User.objects.get(username=PRODUCER_ACCOUNT[0])
    own = list(Product.objects.filter(producer__name=PRODUCER_ACCOUNT[2]).order_by("pk"))
    valid = with_status(Certificate.objects.filter(replaced_by__isnull=True)).filter(status=CertificateStatus.VALID)
    in_force = list(
        Product.objects.filter(pk__in=valid.values("product_id")).exclude(pk__in=[p.pk for p in own]).order_by("pk")
    )[:IN_FORCE_PRODUCTS]
    batches = []
    for product in own[:1] + in_force:
        actor = producer_account if product in own else office
        batch = request_stamps(actor=actor, product=product, quantity=STAMPS_PER_BATCH)
        batches.append(issue_stamps(actor=office, batch=batch))
    void_stamps(actor=office, batch=batches[0], first=151, last=200, reason="Mất cuộn tem khi vận chuyển")
    for product in own[1:2]:
        request_stamps(actor=producer_account, product=product, quantity=500)
    _value_chain(producer_account, batches[0])


def _value_chain(actor, batch) -> None:
    product = batch.product
    zone = product.raw_material_zones.first() or product.producer.raw_material_zones.first()
    home = province_of(product)
    start = timezone.localtime().replace(hour=7, minute=30, second=0, microsecond=0) - datetime.timedelta(days=40)
    steps = [
        Step(ValueChainStep.PROCESS, start + datetime.timedelta(days=2), "L-DEMO-01", home, quantity=120.0),
        Step(
            ValueChainStep.PACK, start + datetime.timedelta(days=3), "L-DEMO-01", home, batch=batch, first=1, last=100
        ),
        Step(ValueChainStep.SHIP, start + datetime.timedelta(days=5), "L-DEMO-01", home, quantity=40.0),
        Step(ValueChainStep.RECEIVE, start + datetime.timedelta(days=6), "L-DEMO-01", "TP. Hồ Chí Minh", quantity=40.0),
    ]
    if zone is not None:
        harvest = Step(ValueChainStep.HARVEST, start, "H-DEMO-01", home, zone=zone, quantity=600.0)
        steps[0] = dataclasses.replace(steps[0], input_lot="H-DEMO-01")
        steps.insert(0, harvest)
    for step in steps:
        record_step(actor=actor, product=product, step=step)
