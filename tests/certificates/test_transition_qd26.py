"""QĐ 26/2026, Điều 12: a certificate whose re-evaluation window opened before 22/5/2026 stays valid past its expiry
while the re-evaluation filed from 22/5/2026 is undecided, at most 180 days; the status, the public check and the
indicators read it from the one validity rule."""

import datetime

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ocop.certificates.domain.issuing import register_certificate_from_records
from ocop.certificates.domain.status import certificate_status
from ocop.certificates.domain.validity import current_certificate, in_force
from ocop.certificates.enums import CertificateStatus
from ocop.certificates.models import Certificate
from ocop.common.dates import add_months
from ocop.dossiers.domain import workflow
from ocop.dossiers.enums import DossierKind, DossierState
from ocop.dossiers.models import Dossier
from ocop.evaluation.domain.rule_sets import rule_set_named
from tests.clock import today_is
from tests.factories import make_dossier, make_product

pytestmark = pytest.mark.django_db

D = datetime.date
EXPIRY = D(2026, 9, 30)  # window 03/04–02/06/2026: it opened before 22/5/2026


def _certified_until(product, expiry, number="9/QĐ-UBND"):
    register_certificate_from_records(
        actor=None, product=product, stars=3, decision_number=number, decided_on=add_months(expiry, -36)
    )
    return product.certificates.get(valid_until=expiry)


def _reevaluation_filed(on, expiry=EXPIRY):
    product = make_product()
    certificate = _certified_until(product, expiry)
    with today_is(on):
        dossier = make_dossier(product, kind=DossierKind.REEVALUATION, state="submitted", on=on)
    return certificate, dossier


def _valid(certificate, day) -> bool:
    return in_force(Certificate.objects.filter(pk=certificate.pk), day).exists()


def test_a_reevaluation_filed_on_10_june_2026_keeps_the_certificate_valid_until_the_decision_at_most_180_days():
    certificate, _dossier = _reevaluation_filed(D(2026, 6, 10))
    assert _valid(certificate, D(2026, 9, 30))
    assert _valid(certificate, D(2026, 12, 1))  # past its expiry, re-evaluation undecided
    assert certificate_status(certificate, D(2026, 12, 1)) == CertificateStatus.UNDER_REEVALUATION
    assert current_certificate(certificate.product, D(2026, 12, 1)) == certificate
    assert _valid(certificate, D(2027, 3, 29))  # 30/9/2026 + 180 days
    assert not _valid(certificate, D(2027, 3, 30))
    assert certificate_status(certificate, D(2027, 3, 30)) == CertificateStatus.EXPIRED


def test_the_certificate_ends_normally_when_the_decision_comes():
    certificate, _dossier = _reevaluation_filed(D(2026, 6, 10))
    with today_is(D(2026, 12, 20)):
        renewed = register_certificate_from_records(
            actor=None, product=certificate.product, stars=4, decision_number="77/QĐ-UBND", decided_on=D(2026, 12, 20)
        )
    certificate.refresh_from_db()
    assert renewed.replaces == certificate
    assert _valid(certificate, D(2026, 12, 19)) and not _valid(certificate, D(2026, 12, 20))
    assert certificate_status(certificate, D(2026, 12, 20)) == CertificateStatus.REPLACED
    assert current_certificate(certificate.product, D(2026, 12, 20)) == renewed


def test_a_refusal_ends_the_grace_on_its_day():
    certificate, dossier = _reevaluation_filed(D(2026, 6, 10))
    with today_is(D(2026, 11, 15)):
        workflow.reject_dossier(actor=None, dossier=dossier, reasons="Không đạt yêu cầu")
    assert Dossier.objects.get(pk=dossier.pk).closed_on == D(2026, 11, 15)
    assert _valid(certificate, D(2026, 11, 14))
    assert not _valid(certificate, D(2026, 11, 15))
    assert certificate_status(certificate, D(2026, 11, 16)) == CertificateStatus.EXPIRED


def test_no_grace_where_the_window_opened_after_22_may_2026_or_nothing_was_filed():
    later, _dossier = _reevaluation_filed(D(2026, 9, 1), expiry=D(2027, 1, 31))  # window 04/8–03/10/2026
    assert not _valid(later, D(2027, 2, 1))
    unfiled = _certified_until(make_product(), EXPIRY)
    assert not _valid(unfiled, D(2026, 10, 1))


def test_the_public_check_reads_the_grace(client):
    certificate, _dossier = _reevaluation_filed(D(2026, 6, 10))
    with today_is(D(2026, 12, 1)):
        page = client.get(reverse("public:certificate", args=[certificate.number]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Đang đánh giá lại" in text and "Hết hạn" not in text


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    expiry=st.dates(min_value=D(2026, 5, 22), max_value=D(2027, 6, 30)),
    filed_after=st.integers(min_value=0, max_value=200),
    decided_after=st.none() | st.integers(min_value=0, max_value=400),
    looked_after=st.integers(min_value=-30, max_value=400),
)
def test_never_valid_beyond_expiry_plus_180_days_nor_after_a_refusal(expiry, filed_after, decided_after, looked_after):
    product = make_product()
    certificate = _certified_until(product, expiry)
    filed_on = D(2026, 5, 22) + datetime.timedelta(days=filed_after)
    closed_on = None if decided_after is None else filed_on + datetime.timedelta(days=decided_after)
    Dossier.objects.create(
        product=product,
        producer=product.producer,
        kind=DossierKind.REEVALUATION,
        state=DossierState.ACCEPTED if closed_on is None else DossierState.NOT_RECOGNISED,
        filed_on=filed_on,
        closed_on=closed_on,
        rule_set=rule_set_named("QD26-2026"),
    )
    day = expiry + datetime.timedelta(days=looked_after)
    valid = _valid(certificate, day)
    assert not (valid and day > expiry + datetime.timedelta(days=180))
    assert not (valid and day > expiry and closed_on is not None and day >= closed_on)  # a refusal ends it
    if day <= expiry:
        assert valid
