"""Supervision after certification: plans, inspections, findings against the criteria that were scored, corrective
actions with deadlines, and a conclusion that can suspend the certificate or propose its revocation."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from ocop.certificates.domain import supervision
from ocop.certificates.domain.revocation import lift_suspension
from ocop.certificates.domain.status import certificate_status
from ocop.certificates.enums import CertificateStatus, ProposalOutcome, RevocationGround
from ocop.geo.enums import Era, UnitLevel
from ocop.geo.models import AdministrativeUnit
from tests.certificates.helpers import registered
from tests.clock import today_is
from tests.factories import make_product

pytestmark = pytest.mark.django_db
D = datetime.date
DAY = D(2026, 11, 28)


@pytest.fixture
def today():
    """Supervision as seen on 28/11/2026: the 2024 recognitions (decided under QĐ 148) are still in force."""
    with today_is(DAY):
        yield DAY


@pytest.fixture
def plan(today):
    return supervision.create_plan(
        actor=None,
        title="Hậu kiểm 2026",
        kind="periodic",
        year=today.year,
        starts_on=today - datetime.timedelta(days=30),
        ends_on=today + datetime.timedelta(days=60),
        unit=AdministrativeUnit.objects.get(era=Era.FROM_2025, level=UnitLevel.PROVINCE, code="56"),
    )


def _inspection(plan, today, product_set=9):
    certificate = registered(make_product(product_set=product_set), D(2024, 12, 27))
    return supervision.add_inspection(actor=None, plan=plan, certificate=certificate, scheduled_on=today)


def test_findings_name_a_criterion_of_the_sheet_the_product_was_scored_on(plan, today):
    inspection = _inspection(plan, today)
    sheet = supervision.criteria_sheet(inspection.certificate)
    assert sheet.no == 9  # QĐ 148 was loaded as a procedure: its dossiers are scored on QĐ 26's sheets
    leaf = sheet.leaves[-1]
    finding = supervision.record_finding(
        actor=None, inspection=inspection, kind="criterion", severity="major", description="x", criterion_code=leaf.code
    )
    assert finding.criterion_title == leaf.title[:500]
    with pytest.raises(ValidationError):
        supervision.record_finding(
            actor=None, inspection=inspection, kind="criterion", severity="minor", description="x", criterion_code="Z.9"
        )
    with pytest.raises(ValidationError):
        supervision.record_finding(
            actor=None, inspection=inspection, kind="other", severity="minor", description="x", criterion_code=leaf.code
        )


def test_a_certificate_is_scheduled_once_per_plan_and_only_while_in_force(plan, today):
    inspection = _inspection(plan, today)
    with pytest.raises(ValidationError):
        supervision.add_inspection(actor=None, plan=plan, certificate=inspection.certificate, scheduled_on=today)
    expired = registered(make_product(), D(2020, 12, 30))
    with pytest.raises(ValidationError):
        supervision.add_inspection(actor=None, plan=plan, certificate=expired, scheduled_on=today)


def test_a_periodic_plan_takes_every_certificate_in_force(plan, today):
    from ocop.certificates.models import Certificate

    valid = [registered(make_product(), D(2024, 12, 27)) for _ in range(3)]
    registered(make_product(), D(2020, 12, 30))  # expired: not supervised
    added = supervision.add_certificates_in_force(
        actor=None, plan=plan, certificates=Certificate.objects.all(), scheduled_on=today
    )
    assert {i.certificate_id for i in added} == {c.pk for c in valid}
    assert (
        supervision.add_certificates_in_force(
            actor=None, plan=plan, certificates=Certificate.objects.all(), scheduled_on=today
        )
        == []
    )


def test_corrective_actions_suspend_until_done_then_the_suspension_is_lifted(plan, today):
    inspection = _inspection(plan, today)
    finding = supervision.record_finding(
        actor=None, inspection=inspection, kind="mark_use", severity="major", description="Tem OCOP sai mẫu"
    )
    deadline = today + datetime.timedelta(days=20)
    action = supervision.add_corrective_action(actor=None, finding=finding, description="In lại tem", deadline=deadline)
    supervision.conclude_inspection(
        actor=None,
        inspection=inspection,
        inspected_on=today,
        conclusion="corrective",
        note="Khắc phục nhãn",
        suspend=True,
    )
    certificate = inspection.certificate
    assert certificate_status(certificate, today) == CertificateStatus.SUSPENDED
    suspension = certificate.suspensions.get()
    assert suspension.until == deadline
    with pytest.raises(ValidationError):  # concluded: nothing more to add
        supervision.record_finding(actor=None, inspection=inspection, kind="other", severity="minor", description="y")
    with pytest.raises(ValidationError):  # the action is not done yet
        lift_suspension(actor=None, suspension=suspension, lifted_on=today, note="Đã in lại tem")
    supervision.complete_corrective_action(actor=None, action=action, done_on=today, note="Đã kiểm tra")
    lift_suspension(actor=None, suspension=suspension, lifted_on=today, note="Đã in lại tem")
    assert certificate_status(certificate, today) == CertificateStatus.VALID


def test_an_inspection_can_propose_revocation(plan, today):
    inspection = _inspection(plan, today)
    supervision.record_finding(
        actor=None,
        inspection=inspection,
        kind="criterion",
        severity="critical",
        description="Không còn đạt",
        criterion_code=supervision.criteria_sheet(inspection.certificate).leaves[0].code,
    )
    with pytest.raises(ValidationError):  # a critical finding is not "compliant"
        supervision.conclude_inspection(
            actor=None, inspection=inspection, inspected_on=today, conclusion="compliant", note="Đạt"
        )
    supervision.conclude_inspection(
        actor=None,
        inspection=inspection,
        inspected_on=today,
        conclusion="propose_revocation",
        note="Sản phẩm không còn đáp ứng tiêu chí đã được chấm",
        mark_used_correctly=True,
    )
    proposal = inspection.certificate.revocation_proposals.get()
    assert (proposal.ground, proposal.outcome, proposal.inspection) == (
        RevocationGround.NO_LONGER_MEETS,
        ProposalOutcome.OPEN,
        inspection,
    )


def test_a_corrective_conclusion_needs_its_actions(plan, today):
    inspection = _inspection(plan, today)
    with pytest.raises(ValidationError):
        supervision.conclude_inspection(
            actor=None, inspection=inspection, inspected_on=today, conclusion="corrective", note="x"
        )
