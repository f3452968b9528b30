"""Certificates in every status for the demo, made through the certificate domain on top of the registry demo.

The registry demo records Ninh Thuận's 2020–2024 recognitions as they were: historical facts whose dates never move
(a certificate of 31/12/2022 is expired from 01/01/2026 on). Everything added here is dated relative to the day the
demo is loaded, so that **on any day** the demo has certificates in every status:

- **valid**, **replaced**: the provincial re-evaluation rounds decided since QĐ 26/2026 (its first round, 30/06/2026)
  up to the latest round decided at least a month ago. In each, two in three generated products whose certificate
  runs out before the next round are re-evaluated and get a new certificate for the same stars, which replaces the
  old one; the others let theirs lapse (**expiring soon**, then **expired**), and as many products whose certificate
  had lapsed are recognised again, so that about 110 products stay in force whatever the year. In the latest round
  three 3★ products also become 4★, and a certificate is corrected (the producer's street address), which replaces
  it too;
- **under re-evaluation**: upgrade dossiers filed for two 3★ products, and a re-evaluation dossier for a certificate
  in its filing window when there is one;
- **suspended**: a periodic inspection plan with inspections concluded, and an ad hoc inspection after a complaint
  whose corrective actions suspend a certificate;
- **revoked**: a certificate revoked for misuse of the OCOP mark (decided within the 15 days), and a revocation
  proposal waiting for its decision;
- **expiring soon**: when nothing else reads so on the day, a product whose certificate had lapsed, recognised again
  36 months less half the notice period (about 90 days) before the day. For loads between 30/12/2026 and 18/05/2027,
  when no registry recognition can be expiring soon, that decision is necessarily dated 2024: the only case in which
  the demo adds a certificate to a registry year (its 2024 total then reads 85, the reported rounds still 84);
- **expired**: the registry's 2020–2022 recognitions, whatever the day.

The scenarios take certificates valid on the day (not expiring, no dossier open) of generated products, each product
once: real named products keep exactly their recorded certificates and are never inspected, suspended or revoked.
When none is left, a product whose certificate lapsed is recognised again in the round a year before the latest, so
no load date runs short. Ends with one run of the daily job, so that the expiry notices and the office's digest are
there.

Runs after ``registry``, ``people`` and ``workflow`` (it uses their products and accounts).
"""

import datetime
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Exists, OuterRef
from django.utils import timezone

from ocop.accounts.models import User
from ocop.certificates.domain import expiry, issuing, revocation, supervision
from ocop.certificates.domain.status import expiry_notice_days, with_status
from ocop.certificates.enums import CertificateStatus
from ocop.certificates.models import Certificate
from ocop.common.dates import add_months
from ocop.dossiers import checklist
from ocop.dossiers.domain import drafting, workflow
from ocop.dossiers.enums import ACTIVE_STATES
from ocop.evaluation.domain.rule_sets import rule_set_in_force
from ocop.geo.enums import Era, UnitLevel
from ocop.geo.models import AdministrativeUnit
from ocop.producers.domain.producers import update_producer
from ocop.producers.models import Product

PROVINCE_BODY = "UBND tỉnh Khánh Hòa"
NINH_THUAN_BODY = "UBND tỉnh Ninh Thuận"  # until Ninh Thuận merged into Khánh Hòa
MERGED_ON = datetime.date(2025, 7, 1)
SIGNER = ("Trần Quốc Nam", "Phó Chủ tịch")
MINIMAL_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
SCORES = {3: Decimal("63.50"), 4: Decimal("74.25"), 5: Decimal("91.00")}


def _pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(f"{name}.pdf", MINIMAL_PDF, content_type="application/pdf")


def _decision_number(day: datetime.date, offset: int = 0) -> str:
    """A plausible number: the province signs a few thousand decisions a year, so numbers grow with the date."""
    return f"{day.timetuple().tm_yday * 9 + 120 + offset}/QĐ-UBND"


def _replaced() -> Exists:
    return Exists(Certificate.objects.filter(replaces=OuterRef("pk")))


class _Rounds:
    """The provincial rounds decided by the load date, one recognition decision per round (or other decision day)."""

    def __init__(self, office, today: datetime.date):
        self.office = office
        rules = rule_set_in_force(today)
        last_decided = today - datetime.timedelta(days=30)
        self.days = sorted(
            round_.decision_by
            for year in range(MERGED_ON.year, today.year + 1)
            for round_ in rules.rounds(year)
            if MERGED_ON <= round_.decision_by <= last_decided
        )
        # Rounds of rules with a re-evaluation procedure (QĐ 26/2026 on): producers file 180 to 120 days before expiry.
        self.reevaluation_days = [day for day in self.days if rule_set_in_force(day).reevaluation_window()]
        self.latest = self.days[-1] if self.days else MERGED_ON
        self._decisions: dict[datetime.date, object] = {}

    def decision(self, day: datetime.date):
        """The province's recognition decision of ``day`` (after the merger), recorded once."""
        if day not in self._decisions:
            self._decisions[day] = issuing.record_decision(
                actor=self.office,
                number=_decision_number(day),
                decided_on=day,
                level="province",
                issuing_body=PROVINCE_BODY,
                signer_name=SIGNER[0],
                signer_title=SIGNER[1],
                is_generated=True,
            )
        return self._decisions[day]


def _lapsed_product(before: datetime.date, taken=()) -> Product | None:
    """A generated product whose certificates all ran out before ``before`` and that has no dossier open."""
    return (
        Product.objects.filter(is_generated=True, withdrawn_on__isnull=True, certificates__isnull=False)
        .exclude(certificates__valid_until__gte=before)
        .exclude(dossiers__state__in=ACTIVE_STATES)
        .exclude(pk__in=taken)
        .order_by("code")
        .first()
    )


class _Certified:
    """Certificates valid on the day of generated products with no dossier open, each product handed out once.

    When none is left, a product whose certificate lapsed is recognised again in the round a year before the latest:
    valid today, not expiring, and issued before the latest round (so an upgrade in that round replaces it).
    """

    def __init__(self, rounds: _Rounds, today: datetime.date):
        self.rounds = rounds
        self.today = today
        self.taken: set[int] = set()  # product ids
        self.fallback_day = max(add_months(rounds.latest, -12), MERGED_ON)

    def take(self, count: int, *, stars: int | None = None, issued_before: datetime.date | None = None):
        rows = with_status(
            Certificate.objects.filter(product__is_generated=True, product__withdrawn_on__isnull=True), self.today
        ).filter(status=CertificateStatus.VALID)
        if stars:
            rows = rows.filter(stars=stars)
        if issued_before:
            rows = rows.filter(issued_on__lt=issued_before)
        rows = (
            rows.exclude(product__dossiers__state__in=ACTIVE_STATES)
            .exclude(product__in=self.taken)
            .select_related("product__producer")
            .order_by("number")
        )
        chosen = list(rows[:count])
        while len(chosen) < count:
            product = _lapsed_product(self.fallback_day, taken=self.taken | {c.product_id for c in chosen})
            if product is None:
                break
            chosen.append(
                issuing.issue_certificate(
                    actor=self.rounds.office,
                    decision=self.rounds.decision(self.fallback_day),
                    product=product,
                    stars=stars or 3,
                    score=SCORES[stars or 3],
                    is_generated=True,
                )
            )
        self.taken.update(certificate.product_id for certificate in chosen)
        return chosen


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


def _reevaluation_rounds(rounds: _Rounds) -> None:
    """Each round re-evaluates two in three generated products whose certificate runs out before the next round, and
    recognises again as many products whose certificate had lapsed (their producers filed anew), so that the number
    of products in force stays about the same from round to round."""
    for day in rounds.reevaluation_days:
        lapsing = 0
        due = (
            Certificate.objects.filter(
                product__is_generated=True,
                product__withdrawn_on__isnull=True,
                issued_on__lt=day,
                valid_until__gt=day,
                valid_until__lte=add_months(day, 6),
                revocation__isnull=True,
            )
            .exclude(_replaced())
            .exclude(product__dossiers__state__in=ACTIVE_STATES)
            .select_related("product")
            .order_by("number")
        )
        for index, old in enumerate(list(due)):
            if index % 3 == 2:
                lapsing += 1  # the producer did not file in time: its certificate lapses
                continue
            issuing.issue_certificate(
                actor=rounds.office,
                decision=rounds.decision(day),
                product=old.product,
                stars=old.stars,
                score=old.score or SCORES[old.stars],
                is_generated=True,
            )
        for _ in range(lapsing):
            product = _lapsed_product(day)
            if product is None:
                break
            last = product.certificates.order_by("-issued_on", "-pk").first()
            issuing.issue_certificate(
                actor=rounds.office,
                decision=rounds.decision(day),
                product=product,
                stars=last.stars,
                score=last.score or SCORES[last.stars],
                is_generated=True,
            )


def _upgrades(rounds: _Rounds, certified: _Certified, today: datetime.date) -> None:
    """In the latest round three 3★ products become 4★; a certificate is corrected three weeks later."""
    decided_on = rounds.latest
    for index, old in enumerate(certified.take(3, stars=3, issued_before=decided_on)):
        issuing.issue_certificate(
            actor=rounds.office,
            decision=rounds.decision(decided_on),
            product=old.product,
            stars=4,
            score=Decimal("71.50") + index * Decimal("3.25"),
            is_generated=True,
        )
    for corrected in certified.take(1, issued_before=decided_on):
        # The registry is corrected first (the producer's street address was missing); the certificate follows.
        update_producer(actor=rounds.office, producer=corrected.producer, address="Số 12 đường 16 tháng 4")
        corrected_on = min(decided_on + datetime.timedelta(days=20), today)
        issuing.correct_certificate(
            actor=rounds.office,
            certificate=corrected,
            number=_decision_number(corrected_on, offset=4),
            decided_on=corrected_on,
            issuing_body=PROVINCE_BODY,
            signer_name=SIGNER[0],
            signer_title=SIGNER[1],
            reason="Bổ sung số nhà, tên đường trong địa chỉ của chủ thể.",
            is_generated=True,
        )


def _reevaluations(office, certified: _Certified, today: datetime.date) -> None:
    """Upgrade dossiers for two 3★ products; a re-evaluation dossier for a certificate in its filing window."""
    for certificate in certified.take(2, stars=3):
        _file_dossier(certificate.product, "upgrade", office)
    window = rule_set_in_force(today).reevaluation_window()
    if window is None:
        return
    opens = today + datetime.timedelta(days=window.latest_days)
    closes = today + datetime.timedelta(days=window.earliest_days)
    candidate = (
        with_status(Certificate.objects.filter(product__is_generated=True, valid_until__range=(opens, closes)), today)
        .filter(status=CertificateStatus.EXPIRING)
        .exclude(product__in=certified.taken)
        .select_related("product")
        .order_by("number")
        .first()
    )
    if candidate is not None:
        certified.taken.add(candidate.product_id)
        _file_dossier(candidate.product, "reevaluation", office)


def _supervision_plan_period(today: datetime.date) -> tuple[int, datetime.date, datetime.date]:
    """The periodic plan of the year of the inspections already done, stretched to the ones coming."""
    year = (today - datetime.timedelta(days=40)).year
    starts_on = min(datetime.date(year, 3, 1), today - datetime.timedelta(days=40))
    ends_on = max(datetime.date(year, 12, 15), today + datetime.timedelta(days=7))
    return year, starts_on, ends_on


def _supervision(office, certified: _Certified, today: datetime.date) -> None:
    province = AdministrativeUnit.objects.get(era=Era.FROM_2025, level=UnitLevel.PROVINCE, code="56")
    year, starts_on, ends_on = _supervision_plan_period(today)
    periodic = supervision.create_plan(
        actor=office,
        title=f"Kế hoạch hậu kiểm sản phẩm OCOP năm {year}",
        kind="periodic",
        year=year,
        starts_on=starts_on,
        ends_on=ends_on,
        unit=province,
        description="Kiểm tra việc duy trì chất lượng theo tiêu chí đã được chấm điểm và việc sử dụng nhãn OCOP.",
    )
    for number, certificate in enumerate(certified.take(4)):
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
    for certificate in certified.take(2):
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
    for suspended in certified.take(1):
        _suspend_after_complaint(office, ad_hoc, suspended, today)


def _suspend_after_complaint(office, plan, certificate, today: datetime.date) -> None:
    inspection = supervision.add_inspection(
        actor=office, plan=plan, certificate=certificate, scheduled_on=today - datetime.timedelta(days=10)
    )
    sheet = supervision.criteria_sheet(certificate)
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


def _revocations(office, certified: _Certified, today: datetime.date) -> None:
    revoked, *pending = certified.take(2) or [None]
    if revoked is not None:
        proposal = revocation.propose_revocation(
            actor=office,
            certificate=revoked,
            ground="mark_misuse",
            finding="Chủ thể in nhãn OCOP 4 sao trên bao bì trong khi sản phẩm được công nhận 3 sao (biên bản kiểm "
            "tra của đoàn liên ngành).",
            found_on=today - datetime.timedelta(days=20),
        )
        decided_on = today - datetime.timedelta(days=9)
        revocation.decide_revocation(
            actor=office,
            proposal=proposal,
            number=_decision_number(decided_on, offset=2),
            decided_on=decided_on,
            issuing_body=PROVINCE_BODY,
            signer_name=SIGNER[0],
            signer_title=SIGNER[1],
            public_reason="Sử dụng nhãn OCOP sai hạng sao được công nhận (in 4 sao cho sản phẩm 3 sao).",
        )
    for certificate in pending:
        revocation.propose_revocation(
            actor=office,
            certificate=certificate,
            ground="production_stopped",
            finding="Chủ thể báo ngừng sản xuất sản phẩm từ tháng trước; đề nghị thu hồi giấy chứng nhận.",
            found_on=today - datetime.timedelta(days=3),
        )


def _expiring(rounds: _Rounds, certified: _Certified, today: datetime.date) -> None:
    """When nothing reads "expiring soon" today, a lapsed product recognised again so that it expires in half the
    notice period: 36 months (the validity) less about 90 days before today."""
    if with_status(Certificate.objects.all(), today).filter(status=CertificateStatus.EXPIRING).exists():
        return
    expires_on = today + datetime.timedelta(days=expiry_notice_days(today) // 2)
    decided_on = add_months(expires_on, -rule_set_in_force(today).certificate_validity_months)
    product = _lapsed_product(decided_on, taken=certified.taken)
    if product is None:
        return
    certified.taken.add(product.pk)
    if decided_on >= MERGED_ON:
        issuing.issue_certificate(
            actor=rounds.office,
            decision=rounds.decision(decided_on),
            product=product,
            stars=3,
            score=SCORES[3],
            is_generated=True,
        )
    else:  # a decision of Ninh Thuận's, entered from its records like the registry's
        issuing.register_certificate_from_records(
            actor=rounds.office,
            product=product,
            stars=3,
            decision_number=_decision_number(decided_on),
            decided_on=decided_on,
            level="province",
            score=SCORES[3],
            issuing_body=NINH_THUAN_BODY,
            is_generated=True,
        )


def load() -> None:
    """Add what the demo needs for certificates in every status; the registry, people and workflow demos first."""
    today = timezone.localdate()
    office = User.objects.get(username="tinh.ocop")
    rounds = _Rounds(office, today)
    _reevaluation_rounds(rounds)
    certified = _Certified(rounds, today)
    _upgrades(rounds, certified, today)
    _reevaluations(office, certified, today)
    _supervision(office, certified, today)
    _revocations(office, certified, today)
    _expiring(rounds, certified, today)
    expiry.run_daily(today=today)
