"""Stamps for the demo, so that the scan page has each of its verdicts to show: the demo producer's products and a
few products in force carry issued stamps, one run of them voided as a lost roll, and one request waits for the
office. Made through the traceability domain, asked for by the producer's account and issued by the provincial
office. Runs after ``certificates`` (it picks products in force)."""

from ocop.accounts.models import User
from ocop.certificates.domain.status import with_status
from ocop.certificates.enums import CertificateStatus
from ocop.certificates.models import Certificate
from ocop.demo.people import PRODUCER_ACCOUNT
from ocop.producers.models import Product
from ocop.traceability.domain.stamps import issue_stamps, request_stamps, void_stamps

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
