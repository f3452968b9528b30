"""A certificate's status comes from its dates and events, by one rule, in lists and for one certificate alike."""

import datetime

import pytest
from django.utils import timezone

from ocop.certificates.domain.revocation import (
    decide_revocation,
    lift_suspension,
    propose_revocation,
    suspend_certificate,
)
from ocop.certificates.domain.status import certificate_status, with_status
from ocop.certificates.domain.validity import in_force
from ocop.certificates.enums import CertificateStatus as S
from ocop.certificates.models import Certificate
from ocop.dossiers.domain import workflow
from ocop.dossiers.domain.lifecycle import with_lifecycle
from ocop.producers.enums import ProductState
from ocop.producers.models import Product
from tests.certificates.helpers import days_ago, issued, registered
from tests.factories import make_dossier, make_product

pytestmark = pytest.mark.django_db
D = datetime.date


def _listed(certificate, day):
    return with_status(Certificate.objects.filter(pk=certificate.pk), day).get().status


def _both(certificate, day):
    """The list annotation and the one-certificate function, which must agree."""
    single = certificate_status(Certificate.objects.get(pk=certificate.pk), day)
    assert _listed(certificate, day) == single
    return single


def test_a_certificate_of_31_12_2022_is_valid_through_31_12_2025_and_expired_after():
    certificate = registered(make_product(), D(2022, 12, 31), stars=4)
    assert certificate.valid_until == D(2025, 12, 31)
    assert _both(certificate, D(2024, 6, 1)) == S.VALID
    assert _both(certificate, D(2025, 12, 31)) == S.EXPIRING
    assert _both(certificate, D(2026, 1, 1)) == S.EXPIRED


def test_expiring_soon_follows_the_notice_of_the_rules_in_force_that_day():
    # QĐ 148 (in force on 01/06/2025) gave 30 days' notice, QĐ 26/2026 (in force today) 180.
    certificate = registered(make_product(), D(2022, 8, 1))
    assert certificate.valid_until == D(2025, 8, 1)
    assert _both(certificate, D(2025, 6, 1)) == S.VALID  # 61 days left under QĐ 148
    assert _both(certificate, D(2025, 7, 10)) == S.EXPIRING  # QĐ 148 + 1489: still 30 days' notice
    later = registered(make_product(), D(2024, 3, 1))  # valid until 01/03/2027: 93 days left today
    assert _both(later, D(2026, 11, 28)) == S.EXPIRING
    assert _both(later, D(2026, 9, 2)) == S.EXPIRING  # 180 days left
    assert _both(later, D(2026, 9, 1)) == S.VALID  # 181


def test_an_upgrade_replaces_the_certificate_in_force_and_both_stay(django_capture_on_commit_callbacks):
    product = make_product()
    old = registered(product, D(2024, 12, 27), stars=3)
    new = issued(product, D(2026, 6, 30), stars=4)
    assert new.replaces == old
    assert _both(old, D(2026, 11, 28)) == S.REPLACED
    assert _both(new, D(2026, 11, 28)) == S.VALID
    assert new.valid_until == D(2029, 6, 30)
    state = with_lifecycle(Product.objects.filter(pk=product.pk), D(2026, 11, 28)).get()
    assert (state.state, state.stars) == (ProductState.CERTIFIED, 4)
    assert list(product.certificates.order_by("issued_on").values_list("number", flat=True)) == [old.number, new.number]


def test_an_expired_certificate_is_not_replaced_by_the_next_one():
    product = make_product()
    old = registered(product, D(2020, 12, 30))
    new = registered(product, D(2024, 12, 27), stars=4)
    assert new.replaces is None
    assert _both(old, D(2026, 11, 28)) == S.EXPIRED


def test_a_dossier_in_progress_that_will_replace_it_makes_it_under_re_evaluation():
    product = make_product()
    certificate = registered(product, days_ago(365))
    today = timezone.localdate()
    assert _both(certificate, today) == S.VALID
    make_dossier(product, kind="upgrade")
    assert _both(certificate, today) == S.VALID  # a draft is not filed yet
    filed = make_product(product.producer)
    registered(filed, days_ago(365))
    submitted = make_dossier(filed, state="submitted", kind="upgrade")
    assert _both(filed.certificates.get(), today) == S.UNDER_REEVALUATION
    workflow.withdraw_dossier(actor=None, dossier=submitted)
    assert _both(filed.certificates.get(), today) == S.VALID


def test_suspension_and_lifting():
    certificate = registered(make_product(), days_ago(365))
    today = timezone.localdate()
    suspension = suspend_certificate(
        actor=None,
        certificate=certificate,
        starts_on=today,
        until=today + datetime.timedelta(days=30),
        reason="Nhãn sai",
    )
    assert _both(certificate, today) == S.SUSPENDED
    assert not in_force(Certificate.objects.filter(pk=certificate.pk)).exists()
    lift_suspension(actor=None, suspension=suspension, lifted_on=today, note="Đã sửa nhãn")
    assert _both(certificate, today) == S.VALID
    assert _both(certificate, today - datetime.timedelta(days=1)) == S.VALID


def test_revocation_wins_over_everything_and_the_product_shows_it():
    product = make_product()
    certificate = registered(product, days_ago(365))
    today = timezone.localdate()
    proposal = propose_revocation(
        actor=None, certificate=certificate, ground="mark_misuse", finding="Dán tem 4 sao", found_on=today
    )
    assert proposal.due_on == today + datetime.timedelta(days=15)  # QĐ 26/2026
    assert _both(certificate, today) == S.VALID
    decide_revocation(
        actor=None,
        proposal=proposal,
        number="99/QĐ-UBND",
        decided_on=today,
        issuing_body="UBND tỉnh Khánh Hòa",
        public_reason="Sử dụng sai nhãn hiệu OCOP (ghi 4 sao).",
    )
    assert _both(certificate, today) == S.REVOKED
    assert _both(certificate, today + datetime.timedelta(days=3 * 365)) == S.REVOKED  # revoked, not merely expired
    assert _both(certificate, today - datetime.timedelta(days=1)) == S.VALID  # the day before the decision
    state = with_lifecycle(Product.objects.filter(pk=product.pk), today).get()
    assert (state.state, state.stars) == (ProductState.REVOKED, None)
    # A new certificate for the product does not "replace" a revoked one: the revoked one stays revoked.
    new = issued(product, today, stars=3)
    assert new.replaces is None
    assert _both(certificate, today) == S.REVOKED


def test_lists_get_the_status_in_constant_queries(django_assert_num_queries):
    for day in (D(2020, 12, 30), D(2024, 3, 1), D(2024, 12, 27)):
        registered(make_product(), day)
    with django_assert_num_queries(2):  # the rule set in force (then cached for the day) and the list
        rows = list(with_status(Certificate.objects.all(), D(2026, 11, 28)).order_by("valid_until"))
    assert [row.status for row in rows] == [S.EXPIRED, S.EXPIRING, S.VALID]
    with django_assert_num_queries(0):
        assert [certificate_status(row, D(2026, 11, 28)) for row in rows] == [S.EXPIRED, S.EXPIRING, S.VALID]
