"""Dossiers in every state of their life, walked through the real domain functions (council and decision
included), for the tests that must hold in each state: the printable papers, the next steps, the outcome."""

import datetime
from decimal import Decimal

from django.utils import timezone

from ocop.councils.domain import decisions, results, sessions, sheets
from ocop.dossiers.domain import workflow
from tests.councils.test_councils import _answers_worth
from tests.factories import make_council, make_dossier, make_product, make_session, make_user

# Every state a dossier can be in, with the ways it gets there that print differently.
STATES = (
    "draft",
    "withdrawn_draft",
    "submitted",
    "supplement_requested",
    "supplement_requested_by_province",
    "forwarded",
    "accepted",
    "scored",
    "recognised",
    "not_recognised",
    "sent_to_the_ministry",
    "rejected",
    "withdrawn",
)


def _scored(product, target: Decimal | None, *, decide: bool):
    """An accepted dossier scored by a three-member provincial council at about ``target`` (None: 100 points)."""
    dossier = make_dossier(product, state="accepted")
    council = make_council(members=3)
    session = make_session(council, [dossier], held_on=timezone.localdate())
    sessions.auto_assign(actor=None, session=session)
    for sheet in session.assignments.all():
        criteria = sheets.sheet_of(sheet)
        answers = (
            {leaf.code: max(leaf.options, key=lambda o: o.points).order for leaf in criteria.leaves}
            if target is None
            else _answers_worth(criteria, target)
        )
        sheets.save_answers(actor=None, assignment=sheet, answers=answers)
        sheets.submit_sheet(actor=None, assignment=sheet)
    results.close_session(actor=None, session=session)
    if decide:
        decisions.approve_decision(
            actor=None,
            session=session,
            number="12/QĐ-UBND",
            decided_on=timezone.localdate(),
            issuing_body="UBND tỉnh Khánh Hòa",
            signer_name="Nguyễn Văn A",
            signer_title="Phó Chủ tịch",
        )
    dossier.refresh_from_db()
    return dossier


def dossier_in(state: str, product=None):
    """A dossier in ``state`` (one of STATES)."""
    product = product or make_product(product_set=9)
    officer = make_user()
    if state in ("draft", "submitted", "forwarded", "accepted"):
        return make_dossier(product, state=state)
    if state == "withdrawn_draft":
        return workflow.withdraw_dossier(actor=None, dossier=make_dossier(product))
    if state in ("supplement_requested", "supplement_requested_by_province"):
        dossier = make_dossier(product, state="submitted" if state == "supplement_requested" else "forwarded")
        workflow.request_supplement(
            actor=officer,
            dossier=dossier,
            items=["lab_test"],
            message="Phiếu kiểm nghiệm đã hết hạn.\nBổ sung ảnh nhãn mới.",
            deadline=timezone.localdate() + datetime.timedelta(days=10),
        )
        return dossier
    if state == "rejected":
        return workflow.reject_dossier(
            actor=officer, dossier=make_dossier(product, state="submitted"), reasons="Sản phẩm không thuộc địa bàn."
        )
    if state == "withdrawn":
        return workflow.withdraw_dossier(actor=None, dossier=make_dossier(product, state="forwarded"))
    if state == "scored":
        return _scored(product, Decimal(77), decide=False)
    if state == "recognised":
        return _scored(product, Decimal(77), decide=True)
    if state == "not_recognised":
        return _scored(product, Decimal(0), decide=True)
    if state == "sent_to_the_ministry":
        return _scored(product, None, decide=True)
    raise ValueError(state)
