"""Dossiers at every step, a provincial council in session and the Ministry's council, so that each demo account has
work waiting.

Runs after the registry and the people demo: it uses their producers and accounts.
"""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from ocop.accounts.domain.grants import assign_role
from ocop.accounts.domain.users import create_user
from ocop.accounts.enums import Role
from ocop.accounts.models import User
from ocop.councils.domain import membership, sessions, sheets
from ocop.demo.people import MINISTRY_ACCOUNT, PRODUCER_COMMUNE_OFFICER
from ocop.dossiers import checklist
from ocop.dossiers.domain import drafting, workflow
from ocop.dossiers.enums import Level
from ocop.geo.enums import Era, UnitLevel
from ocop.geo.models import AdministrativeUnit
from ocop.producers.models import Product

MINIMAL_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
COUNCIL_MEMBERS = [
    ("hoidong.02", "Nguyễn Văn Bảo", "secretary"),
    ("hoidong.03", "Lê Thị Hồng Nhung", "member"),
    ("hoidong.04", "Phan Minh Quang", "member"),
    ("hoidong.05", "Đỗ Thị Kim Oanh", "member"),
]


def _pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(f"{name}.pdf", MINIMAL_PDF, content_type="application/pdf")


def plausible_answers(sheet, strength: int) -> dict[str, int]:
    """Answers a fair product would get: every 3★ minimum met, the best option on every ``strength``-th criterion."""
    answers = {}
    for index, leaf in enumerate(sheet.leaves):
        floor = leaf.minimum_for(3) or 0
        adequate = min((o for o in leaf.options if o.points >= floor), key=lambda o: o.points)
        best = max(leaf.options, key=lambda o: o.points)
        answers[leaf.code] = (best if index % strength == 0 else adequate).order
    return answers


def _prepared(product, actor) -> object:
    """A complete dossier: required evidence, a plausible self-score, the business plan."""
    dossier = drafting.create_dossier(
        actor=actor,
        product=product,
        kind="first",
        contact_name=actor.full_name,
        business_plan_results="Doanh thu năm 2025 tăng 18%, mở thêm 12 điểm bán.",
        future_plan="Mở rộng vùng nguyên liệu, đăng ký nhãn hiệu tập thể.",
    )
    for requirement in checklist.requirements_for(product.product_set):
        if requirement.required(product.product_set):
            drafting.add_evidence(
                actor=actor, dossier=dossier, requirement=requirement.code, upload=_pdf(requirement.code)
            )
    answers = plausible_answers(drafting.scoring_sheet(dossier), 2)
    drafting.save_self_score(actor=actor, dossier=dossier, answers=answers, evidence={})
    return dossier


def _tick(dossier, officer) -> None:
    for requirement in checklist.requirements_for(dossier.product.product_set):
        if requirement.required(dossier.product.product_set):
            drafting.mark_item(actor=officer, dossier=dossier, requirement=requirement.code, ok=True)


def _forward(dossier, officer) -> None:
    _tick(dossier, officer)
    drafting.record_commune_report(
        actor=officer,
        dossier=dossier,
        local_origin="confirmed",
        local_labour="confirmed",
        idea_origin="confirmed",
        local_identity="confirmed",
    )
    workflow.forward_dossier(actor=officer, dossier=dossier)


def _council(password: str, province, chair, advisor):
    council = membership.create_council(
        actor=None,
        name="Hội đồng đánh giá, phân hạng sản phẩm OCOP tỉnh Khánh Hòa",
        level=Level.PROVINCE,
        unit=province,
        established_by="Quyết định số 512/QĐ-UBND ngày 15/3/2026 (demo)",
    )
    membership.add_member(actor=None, council=council, user=chair, role="chair")
    membership.add_member(actor=None, council=council, user=advisor, role="advisor")
    for username, full_name, role in COUNCIL_MEMBERS:
        user, _password = create_user(actor=None, username=username, full_name=full_name, password=password)
        assign_role(actor=None, user=user, role=Role.COUNCIL_MEMBER, note="dữ liệu demo")
        membership.add_member(actor=None, council=council, user=user, role=role)
    return council


def _ministry_council() -> None:
    """The Ministry's own council, created by its coordination office (no area: every province's 5★ candidates); the
    office sits on it as its secretary and adds the members the Ministry appoints."""
    ministry = User.objects.get(username=MINISTRY_ACCOUNT)
    council = membership.create_council(
        actor=ministry,
        name="Hội đồng đánh giá, phân hạng sản phẩm OCOP cấp Trung ương",
        level=Level.CENTRAL,
        unit=None,
        established_by="Quyết định số 1250/QĐ-BNNMT ngày 02/4/2026 (demo)",
    )
    membership.add_member(actor=ministry, council=council, user=ministry, role="secretary")


def load(password: str) -> None:
    producer_account = User.objects.get(username="chuthe.thaian")
    commune_officer = User.objects.get(username="xa.ninhphuoc")
    office = User.objects.get(username="tinh.ocop")
    candidates = list(
        Product.objects.filter(
            is_generated=True, withdrawn_on__isnull=True, certificates__isnull=True, product_set__in=(7, 9, 10, 12)
        )
        .select_related("producer__unit")
        .order_by("code")[:9]
    )
    own = Product.objects.filter(producer__name="HTX DV tổng hợp nông nghiệp Thái An").order_by("code")
    # The producer account's own dossiers: a draft, and one returned by the commune for a new lab test.
    drafting.create_dossier(
        actor=producer_account, product=own[0], kind="first", contact_name=producer_account.full_name
    )
    returned = _prepared(own[1], producer_account)
    workflow.submit_dossier(actor=producer_account, dossier=returned)
    workflow.request_supplement(
        actor=User.objects.get(username=PRODUCER_COMMUNE_OFFICER),  # the officer of the producer's commune
        dossier=returned,
        items=["lab_test"],
        message="Phiếu kiểm nghiệm đã quá 6 tháng, đề nghị bổ sung phiếu mới.",
        deadline=timezone.localdate() + datetime.timedelta(days=14),
    )
    # Dossiers waiting for the commune, for the province, and five in the provincial round.
    workflow.submit_dossier(actor=commune_officer, dossier=_prepared(candidates[0], commune_officer))
    forwarded = _prepared(candidates[1], commune_officer)
    workflow.submit_dossier(actor=commune_officer, dossier=forwarded)
    _forward(forwarded, commune_officer)
    accepted = []
    for product in candidates[2:7]:
        dossier = _prepared(product, commune_officer)
        workflow.submit_dossier(actor=commune_officer, dossier=dossier)
        _forward(dossier, commune_officer)
        _tick(dossier, office)
        workflow.accept_dossier(actor=office, dossier=dossier)
        accepted.append(dossier)
    province = AdministrativeUnit.objects.get(era=Era.FROM_2025, level=UnitLevel.PROVINCE, code="56")
    council = _council(
        password, province, User.objects.get(username="hoidong.01"), User.objects.get(username="tuvan.01")
    )
    session = sessions.open_session(
        actor=office,
        council=council,
        round=accepted[0].round,
        held_on=timezone.localdate(),
        place="Sở Nông nghiệp và Môi trường",
    )
    sessions.record_attendance(actor=office, session=session, members=list(council.members.all()))
    sessions.auto_assign(actor=office, session=session)
    # The other members have already scored the first two products; hoidong.01 has all five to do.
    scorers = session.assignments.filter(dossier__in=accepted[:2]).exclude(member__user__username="hoidong.01")
    for number, assignment in enumerate(scorers.order_by("dossier_id", "member_id")):
        answers = plausible_answers(sheets.sheet_of(assignment), 2 + number % 3)
        sheets.save_answers(actor=assignment.member.user, assignment=assignment, answers=answers)
        sheets.submit_sheet(actor=assignment.member.user, assignment=assignment)
    _ministry_council()
