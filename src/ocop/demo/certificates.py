"""Certificates in every status for the demo, made through the certificate domain on top of the registry demo.

The registry demo registers the 2020–2024 recognitions: on the demo's day (28/11/2026) those of 2020–2022 and of
October 2023 are **expired**, those of 29/12/2023 **expiring soon** (the 180-day notice of QĐ 26/2026) and those of
2024 **valid**. This adds, relative to the day it runs:

- an upgrade decision of the province in the latest round: three 3★ products become 4★ (their old certificates are
  **replaced**), and a correction of one certificate (the producer's street address), which replaces it too;
- upgrade dossiers filed for two products, whose certificates are then **under re-evaluation** (and, when a
  certificate is in its re-evaluation window, a re-evaluation dossier);
- a periodic inspection plan with inspections concluded, and an ad hoc inspection after a complaint whose corrective
  actions **suspend** a certificate;
- a **revoked** certificate (misuse of the OCOP mark, decided within the 15 days) and a revocation proposal waiting;
- one run of the daily job, so that the expiry notices and the office's digest are there.

Runs after ``registry``, ``people`` and ``workflow`` (it uses their products and accounts).
"""

import datetime
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from ocop.accounts.models import User
from ocop.certificates.domain import expiry, issuing, revocation, supervision
from ocop.certificates.domain.status import with_status
from ocop.certificates.enums import CertificateStatus
from ocop.certificates.models import Certificate
from ocop.dossiers import checklist
from ocop.dossiers.domain import drafting, workflow
from ocop.dossiers.enums import ACTIVE_STATES
from ocop.evaluation.domain.rule_sets import rule_set_in_force
from ocop.geo.enums import Era, UnitLevel
from ocop.geo.models import AdministrativeUnit
from ocop.producers.domain.producers import update_producer

PROVINCE_BODY = "UBND tỉnh Khánh Hòa"
SIGNER = ("Trần Quốc Nam", "Phó Chủ tịch")
MINIMAL_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _latest_round(today: datetime.date) -> datetime.date:
    """The decision date of the latest provincial round (of the rules in force) at least a month ago."""
    rules = rule_set_in_force(today)
    candidates = [r.decision_by for year in (today.year - 1, today.year) for r in rules.rounds(year)]
    return max(day for day in candidates if day <= today - datetime.timedelta(days=30))


def _valid_certificates(today: datetime.date, stars: int | None = None):
    """Certificates valid today (not expiring, not under re-evaluation…) of generated products with no open dossier."""
    rows = with_status(Certificate.objects.filter(is_generated=True, product__withdrawn_on__isnull=True), today).filter(
        status=CertificateStatus.VALID
    )
    if stars:
        rows = rows.filter(stars=stars)
    return (
        rows.exclude(product__dossiers__state__in=ACTIVE_STATES).select_related("product__producer").order_by("number")
    )


def _pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(f"{name}.pdf", MINIMAL_PDF, content_type="application/pdf")


def _file_dossier(product, kind: str, actor) -> None:
    """A complete dossier of ``kind`` filed with the commune."""
    from ocop.demo.workflow import plausible_answers

    dossier = drafting.create_dossier(
        actor=actor,
        product=product,
        kind=kind,
        contact_name=actor.full_name,
        business_plan_results="Doanh thu tăng 25% so với năm được công nhận, mở rộng vùng nguyên liệu.",
    )
    for requirement in checklist.requirements_for(product.product_set):
        if requirement.required(product.product_set):
            drafting.add_evidence(
                actor=actor, dossier=dossier, requirement=requirement.code, upload=_pdf(requirement.code)
            )
    drafting.save_self_score(
        actor=actor, dossier=dossier, answers=plausible_answers(drafting.scoring_sheet(dossier), 2), evidence={}
    )
    workflow.submit_dossier(actor=actor, dossier=dossier)


def _upgrades(office, today: datetime.date) -> None:
    decided_on = _latest_round(today)
    decision = issuing.record_decision(
        actor=office,
        number=f"{1800 + decided_on.month}/QĐ-UBND",
        decided_on=decided_on,
        level="province",
        issuing_body=PROVINCE_BODY,
        signer_name=SIGNER[0],
        signer_title=SIGNER[1],
        is_generated=True,
    )
    olds = [c for c in _valid_certificates(decided_on, stars=3) if c.issued_on < decided_on][:3]
    for index, old in enumerate(olds):
        issuing.issue_certificate(
            actor=office,
            decision=decision,
            product=old.product,
            stars=4,
            score=Decimal("71.50") + index * Decimal("3.25"),
            is_generated=True,
        )
    corrected = _valid_certificates(today).exclude(product__in=[old.product_id for old in olds]).first()
    if corrected is not None:
        # The registry is corrected first (the producer's street address was missing); the certificate follows.
        update_producer(actor=office, producer=corrected.producer, address="Số 12 đường 16 tháng 4")
        issuing.correct_certificate(
            actor=office,
            certificate=corrected,
            number=f"{1900 + decided_on.month}/QĐ-UBND",
            decided_on=min(decided_on + datetime.timedelta(days=20), today),
            issuing_body=PROVINCE_BODY,
            signer_name=SIGNER[0],
            signer_title=SIGNER[1],
            reason="Bổ sung số nhà, tên đường trong địa chỉ của chủ thể.",
            is_generated=True,
        )


def _reevaluations(office, today: datetime.date) -> None:
    """Upgrade dossiers for two 3★ products; a re-evaluation dossier for a certificate in its filing window."""
    for certificate in list(_valid_certificates(today, stars=3)[:2]):
        _file_dossier(certificate.product, "upgrade", office)
    window = rule_set_in_force(today).reevaluation_window()
    if window is None:
        return
    opens = today + datetime.timedelta(days=window.latest_days)
    closes = today + datetime.timedelta(days=window.earliest_days)
    candidate = (
        with_status(Certificate.objects.filter(is_generated=True, valid_until__range=(opens, closes)), today)
        .filter(status=CertificateStatus.EXPIRING)
        .select_related("product")
        .first()
    )
    if candidate is not None:
        _file_dossier(candidate.product, "reevaluation", office)


def _supervision(office, today: datetime.date) -> None:
    province = AdministrativeUnit.objects.get(era=Era.FROM_2025, level=UnitLevel.PROVINCE, code="56")
    periodic = supervision.create_plan(
        actor=office,
        title=f"Kế hoạch hậu kiểm sản phẩm OCOP năm {today.year}",
        kind="periodic",
        year=today.year,
        starts_on=datetime.date(today.year, 3, 1),
        ends_on=datetime.date(today.year, 12, 15),
        unit=province,
        description="Kiểm tra việc duy trì chất lượng theo tiêu chí đã được chấm điểm và việc sử dụng nhãn OCOP.",
    )
    checked = list(_valid_certificates(today)[10:14])
    for number, certificate in enumerate(checked):
        inspection = supervision.add_inspection(
            actor=office,
            plan=periodic,
            certificate=certificate,
            scheduled_on=today - datetime.timedelta(days=40 - number * 5),
            inspectors="Đoàn kiểm tra liên ngành (Sở NN&MT, Sở Y tế, Sở Công Thương)",
        )
        if number < 3:
            supervision.conclude_inspection(
                actor=office,
                inspection=inspection,
                inspected_on=inspection.scheduled_on,
                conclusion="compliant",
                mark_used_correctly=True,
                note="Sản phẩm duy trì chất lượng như khi được đánh giá; nhãn OCOP sử dụng đúng quy định.",
            )
    upcoming = _valid_certificates(today)[14:16]
    for certificate in upcoming:
        supervision.add_inspection(
            actor=office, plan=periodic, certificate=certificate, scheduled_on=today + datetime.timedelta(days=7)
        )
    ad_hoc = supervision.create_plan(
        actor=office,
        title="Kiểm tra đột xuất theo phản ánh của người tiêu dùng",
        kind="ad_hoc",
        year=today.year,
        starts_on=today - datetime.timedelta(days=15),
        ends_on=today + datetime.timedelta(days=45),
        unit=province,
    )
    suspended = _valid_certificates(today)[16]
    inspection = supervision.add_inspection(
        actor=office, plan=ad_hoc, certificate=suspended, scheduled_on=today - datetime.timedelta(days=10)
    )
    sheet = supervision.criteria_sheet(suspended)
    criterion = next((leaf for leaf in sheet.leaves if leaf.part == "C"), None) if sheet else None
    finding = supervision.record_finding(
        actor=office,
        inspection=inspection,
        kind="criterion" if criterion else "law",
        criterion_code=criterion.code if criterion else "",
        severity="major",
        description="Phiếu kiểm nghiệm định kỳ đã quá hạn; chỉ tiêu vi sinh của lô hàng lấy mẫu chưa đạt.",
    )
    supervision.add_corrective_action(
        actor=office,
        finding=finding,
        description="Kiểm nghiệm lại sản phẩm tại phòng thí nghiệm được công nhận, nộp phiếu kết quả mới.",
        deadline=today + datetime.timedelta(days=30),
    )
    supervision.conclude_inspection(
        actor=office,
        inspection=inspection,
        inspected_on=today - datetime.timedelta(days=10),
        conclusion="corrective",
        mark_used_correctly=True,
        suspend=True,
        note="Tạm đình chỉ giấy chứng nhận cho đến khi chủ thể khắc phục chỉ tiêu vi sinh và nộp kết quả kiểm "
        "nghiệm mới.",
    )


def _revocations(office, today: datetime.date) -> None:
    revoked, pending = list(_valid_certificates(today)[17:19])
    proposal = revocation.propose_revocation(
        actor=office,
        certificate=revoked,
        ground="mark_misuse",
        finding="Chủ thể in nhãn OCOP 4 sao trên bao bì trong khi sản phẩm được công nhận 3 sao (biên bản kiểm tra "
        "của đoàn liên ngành).",
        found_on=today - datetime.timedelta(days=20),
    )
    revocation.decide_revocation(
        actor=office,
        proposal=proposal,
        number=f"{2100 + today.month}/QĐ-UBND",
        decided_on=today - datetime.timedelta(days=9),
        issuing_body=PROVINCE_BODY,
        signer_name=SIGNER[0],
        signer_title=SIGNER[1],
        public_reason="Sử dụng nhãn OCOP sai hạng sao được công nhận (in 4 sao cho sản phẩm 3 sao).",
    )
    revocation.propose_revocation(
        actor=office,
        certificate=pending,
        ground="production_stopped",
        finding="Chủ thể báo ngừng sản xuất sản phẩm từ tháng trước; đề nghị thu hồi giấy chứng nhận.",
        found_on=today - datetime.timedelta(days=3),
    )


def load() -> None:
    """Add what the demo needs for certificates in every status; the registry, people and workflow demos first."""
    today = timezone.localdate()
    office = User.objects.get(username="tinh.ocop")
    _upgrades(office, today)
    _reevaluations(office, today)
    _supervision(office, today)
    _revocations(office, today)
    expiry.run_daily(today=today)
