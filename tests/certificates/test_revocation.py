"""Revocation: one of the six grounds, decided by whoever recognised the product within the rule set's days."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from ocop.accounts.enums import Role
from ocop.certificates.domain.revocation import (
    close_proposal,
    decide_revocation,
    lift_suspension,
    propose_revocation,
    revoking_level,
    suspend_certificate,
)
from ocop.certificates.enums import ProposalOutcome, RecognitionLevel, RevocationGround
from ocop.common.models import ActivityLog, Notification
from tests.certificates.helpers import registered
from tests.clock import today_is
from tests.factories import NINH_PHUOC_DISTRICT, make_producer_account, make_product, make_user

pytestmark = pytest.mark.django_db
D = datetime.date
DAY = D(2026, 11, 28)


@pytest.fixture(autouse=True)
def _as_on_day():
    """Told as seen on 28/11/2026: QĐ 26/2026 in force, districts gone, the 2024 recognitions still valid."""
    with today_is(DAY):
        yield


def _decide(proposal, day, **extra):
    return decide_revocation(
        actor=None,
        proposal=proposal,
        number=extra.pop("number", "31/QĐ-UBND"),
        decided_on=day,
        issuing_body="UBND tỉnh Khánh Hòa",
        public_reason=extra.pop("public_reason", "Sai nhãn"),
        **extra,
    )


def test_the_six_grounds_of_the_rules_and_no_other():
    with translation.override("en"):
        labels = [str(label) for _value, label in RevocationGround.choices]
    assert labels == [
        "Dishonest or forged information",
        "No longer meets the criteria, as an inspection found",
        "Violation of quality, food-safety, environment, IP or labelling law",
        "Misuse of the OCOP mark",
        "Production stopped",
        "Other conclusion of a competent authority",
    ]
    certificate = registered(make_product(), timezone.localdate() - datetime.timedelta(days=30))
    with pytest.raises(ValidationError) as error:
        propose_revocation(
            actor=None, certificate=certificate, ground="not-a-ground", finding="…", found_on=timezone.localdate()
        )
    assert "ground" in error.value.message_dict
    assert not certificate.revocation_proposals.exists()


def test_the_decision_is_due_within_the_days_of_the_rules_in_force_on_the_finding():
    certificate = registered(make_product(), D(2024, 12, 27))
    proposal = propose_revocation(
        actor=None, certificate=certificate, ground="law_violation", finding="Vi phạm ATTP", found_on=D(2026, 11, 2)
    )
    assert proposal.due_on == D(2026, 11, 17)  # 15 days under QĐ 26/2026
    revocation = _decide(proposal, D(2026, 11, 20))
    proposal.refresh_from_db()
    assert (proposal.outcome, proposal.closed_on) == (ProposalOutcome.REVOKED, D(2026, 11, 20))
    logged = ActivityLog.objects.get(verb="certificates.revoked")
    assert logged.data["late"] is True
    with pytest.raises(ValidationError):
        revocation.save()  # a revocation decision is never edited either


def test_the_producer_and_the_deciders_are_told():
    product = make_product()
    owner = make_producer_account(product.producer)
    office = make_user(Role.PROVINCE_OFFICE)
    certificate = registered(product, D(2024, 12, 27))
    propose_revocation(
        actor=None, certificate=certificate, ground="mark_misuse", finding="Sai sao", found_on=timezone.localdate()
    )
    told = set(Notification.objects.filter(verb="certificates.revocation_proposed").values_list("recipient", flat=True))
    assert {owner.pk, office.pk} <= told


def test_a_district_recognition_is_decided_by_the_province_once_districts_are_gone():
    certificate = registered(make_product(), D(2024, 11, 15), level=RecognitionLevel.DISTRICT)
    assert revoking_level(certificate, D(2025, 3, 1)) == RecognitionLevel.DISTRICT  # QĐ 148: the district
    assert revoking_level(certificate, D(2026, 11, 28)) == RecognitionLevel.PROVINCE  # since 1/7/2025
    province = registered(make_product(), D(2024, 12, 27), stars=4)
    assert revoking_level(province, D(2026, 11, 28)) == RecognitionLevel.PROVINCE


def test_only_the_recognising_level_records_the_decision():
    certificate = registered(make_product(), D(2024, 12, 27))
    proposal = propose_revocation(
        actor=None, certificate=certificate, ground="dishonest", finding="Hồ sơ giả", found_on=timezone.localdate()
    )
    assert make_user(Role.PROVINCE_OFFICE).has_perm("certificates.decide_revocation", proposal)
    assert not make_user(Role.DISTRICT_OFFICER, NINH_PHUOC_DISTRICT).has_perm(
        "certificates.decide_revocation", proposal
    )
    assert not make_user(Role.COMMUNE_OFFICER).has_perm("certificates.decide_revocation", proposal)
    assert make_user(Role.COMMUNE_OFFICER).has_perm("certificates.propose_revocation")


def test_what_cannot_be_revoked_or_proposed_twice():
    expired = registered(make_product(), D(2020, 12, 30))
    with pytest.raises(ValidationError):
        propose_revocation(actor=None, certificate=expired, ground="dishonest", finding="x", found_on=D(2026, 11, 1))
    certificate = registered(make_product(), D(2024, 12, 27))
    today = timezone.localdate()
    propose_revocation(actor=None, certificate=certificate, ground="dishonest", finding="x", found_on=today)
    with pytest.raises(ValidationError):
        propose_revocation(actor=None, certificate=certificate, ground="dishonest", finding="y", found_on=today)
    with pytest.raises(ValidationError):
        propose_revocation(
            actor=None,
            certificate=registered(make_product(), D(2024, 12, 27)),
            ground="dishonest",
            finding="x",
            found_on=today + datetime.timedelta(days=1),
        )


def test_a_decision_needs_its_number_body_and_published_reason_and_cannot_precede_the_finding():
    certificate = registered(make_product(), D(2024, 12, 27))
    proposal = propose_revocation(
        actor=None, certificate=certificate, ground="dishonest", finding="x", found_on=D(2026, 11, 10)
    )
    with pytest.raises(ValidationError) as error:
        decide_revocation(
            actor=None, proposal=proposal, number="", decided_on=D(2026, 11, 12), issuing_body="", public_reason=""
        )
    assert set(error.value.error_dict) == {"number", "issuing_body", "public_reason"}
    with pytest.raises(ValidationError):
        _decide(proposal, D(2026, 11, 9))


def test_a_proposal_can_be_closed_without_revoking():
    certificate = registered(make_product(), D(2024, 12, 27))
    proposal = propose_revocation(
        actor=None, certificate=certificate, ground="dishonest", finding="x", found_on=timezone.localdate()
    )
    close_proposal(actor=None, proposal=proposal, outcome="rejected", note="Thông tin đã được xác minh là đúng")
    assert proposal.outcome == ProposalOutcome.REJECTED
    with pytest.raises(ValidationError):
        _decide(proposal, timezone.localdate())
    # A new finding can be proposed afterwards.
    propose_revocation(
        actor=None, certificate=certificate, ground="mark_misuse", finding="y", found_on=timezone.localdate()
    )


def test_a_suspended_certificate_can_be_revoked_and_a_suspension_needs_its_actions_done():
    certificate = registered(make_product(), D(2024, 12, 27))
    today = timezone.localdate()
    suspension = suspend_certificate(
        actor=None, certificate=certificate, starts_on=today, until=today + datetime.timedelta(days=10), reason="x"
    )
    with pytest.raises(ValidationError):
        suspend_certificate(
            actor=None, certificate=certificate, starts_on=today, until=today + datetime.timedelta(days=10), reason="x"
        )
    with pytest.raises(ValidationError):
        lift_suspension(actor=None, suspension=suspension, lifted_on=today, note="")
    proposal = propose_revocation(
        actor=None, certificate=certificate, ground="no_longer_meets", finding="Không khắc phục", found_on=today
    )
    _decide(proposal, today)
