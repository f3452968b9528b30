"""Council safeguards: totals too far apart are re-scored or explained by the chair before the session closes, closing
and approving are confirmed, the decision names its signer and is dated day first, and the results, the decision and
the minutes stay readable once the decision is approved."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from ocop.accounts.enums import Role
from ocop.certificates.models import RecognitionDecision
from ocop.common.papers.official import Paragraph, Table
from ocop.councils.domain import decisions, membership, results, sheets
from ocop.councils.domain.sessions import auto_assign
from ocop.councils.enums import SessionState
from ocop.councils.interfaces.forms import MemberForm
from ocop.councils.interfaces.minutes import minutes
from ocop.councils.models import SpreadReason
from ocop.dossiers.enums import DossierState
from ocop.evaluation.domain.scoring import answers_from_form
from tests.councils.test_councils import _score_all
from tests.factories import (
    make_council,
    make_dossier,
    make_producer,
    make_producer_account,
    make_product,
    make_session,
    make_user,
)

pytestmark = pytest.mark.django_db

SIGNED = {"signer_name": "Trần Quốc Nam", "signer_title": "Phó Chủ tịch UBND tỉnh"}


@pytest.fixture
def scored():
    """Three members scored two products: "Mật nho" within the spread (62, 62, 62), "Rượu nho" 30 points apart
    (50, 80, 80)."""
    council = make_council(members=3)
    close = make_dossier(make_product(name="Mật nho Thái An", product_set=7), state="accepted")
    apart = make_dossier(make_product(name="Rượu nho Thái An", product_set=7), state="accepted")
    session = make_session(council, [close, apart])
    auto_assign(actor=None, session=session)
    _score_all(session, {close.pk: [Decimal(62)] * 3, apart.pk: [Decimal(50), Decimal(80), Decimal(80)]})
    return council, session, close, apart


def _member(council, role):
    return council.members.get(role=role).user


def _spread_paragraphs(session):
    _document, body = minutes(session)
    return [block.text for block in body if isinstance(block, Paragraph) and "vượt mức cho phép" in block.text]


def test_totals_too_far_apart_keep_the_session_open_until_the_chair_records_why_the_result_stands(scored):
    council, session, close, apart = scored
    row = {row["dossier"].pk: row for row in results.overview(session)}[apart.pk]
    assert (row["score"].spread, row["score"].spread_exceeded) == (Decimal(30), True)

    with pytest.raises(ValidationError) as refused:
        results.close_session(actor=_member(council, "secretary"), session=session)
    assert refused.value.messages == [
        "Rượu nho Thái An: tổng điểm các thành viên chênh nhau 30,00 điểm, quá mức 10 điểm cho phép. Đề nghị các "
        "thành viên chấm lại, hoặc Chủ tịch Hội đồng ghi lý do giữ kết quả."
    ]
    assert _spread_paragraphs(session) == [
        "Rượu nho Thái An: tổng điểm các thành viên chênh lệch 30,00 điểm, vượt mức cho phép 10 điểm. Hội đồng chưa "
        "chấm lại, Chủ tịch Hội đồng chưa ghi nhận lý do."
    ]

    # The secretary may ask for a re-score, but the reason for keeping the result is the chair's to record.
    with pytest.raises(ValidationError) as not_chair:
        results.record_spread_reason(
            actor=_member(council, "secretary"), session=session, dossier=apart, reason="Thành viên chấm khắt khe"
        )
    assert not_chair.value.code == "not_chair"
    with pytest.raises(ValidationError) as nothing_to_explain:
        results.record_spread_reason(actor=_member(council, "chair"), session=session, dossier=close, reason="x")
    assert nothing_to_explain.value.code == "within_spread"

    results.record_spread_reason(
        actor=_member(council, "chair"),
        session=session,
        dossier=apart,
        reason="Một thành viên đánh giá chất lượng cảm quan thấp; Hội đồng đã thảo luận, giữ kết quả.",
    )
    assert SpreadReason.objects.get(session=session, dossier=apart).spread == Decimal(30)
    assert len(results.close_session(actor=_member(council, "secretary"), session=session)) == 2
    assert _spread_paragraphs(session) == [
        "Rượu nho Thái An: tổng điểm các thành viên chênh lệch 30,00 điểm, vượt mức cho phép 10 điểm. Chủ tịch Hội "
        "đồng ghi nhận lý do giữ kết quả: Một thành viên đánh giá chất lượng cảm quan thấp; Hội đồng đã thảo luận, "
        "giữ kết quả."
    ]


def test_a_product_scored_again_may_close_and_the_minutes_say_it_was_re_scored(scored):
    council, session, _close, apart = scored
    sheets.request_rescore(
        actor=_member(council, "secretary"), session=session, dossier=apart, reason="Chênh lệch 30 điểm."
    )
    _score_all(session, {apart.pk: [Decimal(60), Decimal(71), Decimal(71)]})  # still 11 apart, but re-scored

    assert len(results.close_session(actor=None, session=session)) == 2
    assert _spread_paragraphs(session) == [
        "Rượu nho Thái An: tổng điểm các thành viên chênh lệch 11,00 điểm, vượt mức cho phép 10 điểm. Hội đồng đã "
        "thảo luận và các thành viên chấm lại (lý do: Chênh lệch 30 điểm)."
    ]


def _decide(client, session, **changes):
    data = {
        "number": "125/QĐ-UBND",
        "decided_on": "05/06/2026",
        "issuing_body": "UBND tỉnh Khánh Hòa",
        "confirm": "on",
        **SIGNED,
    } | changes
    return client.post(reverse("backoffice:session_decide", args=[session.pk]), {k: v for k, v in data.items() if v})


def test_closing_and_approving_ask_for_confirmation_a_signer_and_a_day_first_date(client, scored):
    council, session, _close, apart = scored
    results.record_spread_reason(actor=_member(council, "chair"), session=session, dossier=apart, reason="Đã bàn")
    client.force_login(make_user(Role.PROVINCE_OFFICE))
    close_url = reverse("backoffice:session_close", args=[session.pk])

    assert client.post(close_url).status_code == 302
    session.refresh_from_db()
    assert session.state == SessionState.OPEN
    assert client.post(close_url, {"confirm": "on"}).status_code == 302
    session.refresh_from_db()
    assert session.state == SessionState.CLOSED

    page = client.get(reverse("backoffice:session_detail", args=[session.pk]))
    assert page.context["decision_form"]["decided_on"].value() == timezone.localdate()
    for refused in (
        {"confirm": ""},
        {"signer_name": ""},
        {"signer_title": ""},
        {"decided_on": "2026-06-05"},  # year first: not what an officer types, refused rather than guessed
    ):
        response = _decide(client, session, **refused)
        assert response.status_code == 302
        session.refresh_from_db()
        assert session.state == SessionState.CLOSED, refused
    assert not RecognitionDecision.objects.exists()

    _decide(client, session)
    session.refresh_from_db()
    assert session.state == SessionState.DECIDED
    decision = session.decision
    assert (decision.number, decision.decided_on, decision.signer_name, decision.signer_title) == (
        "125/QĐ-UBND",
        datetime.date(2026, 6, 5),
        *SIGNED.values(),
    )


def test_the_domain_refuses_a_decision_without_its_signer(scored):
    council, session, _close, apart = scored
    results.record_spread_reason(actor=_member(council, "chair"), session=session, dossier=apart, reason="Đã bàn")
    results.close_session(actor=None, session=session)
    with pytest.raises(ValidationError) as refused:
        decisions.approve_decision(
            actor=None,
            session=session,
            number="1/QĐ",
            decided_on=timezone.localdate(),
            issuing_body="UBND tỉnh",
            signer_name=" ",
            signer_title="",
        )
    assert set(refused.value.message_dict) == {"signer_name", "signer_title"}


def test_results_the_decision_and_the_minutes_stay_readable_after_approval(client, scored):
    council, session, close, apart = scored
    results.record_spread_reason(actor=_member(council, "chair"), session=session, dossier=apart, reason="Đã bàn")
    results.close_session(actor=None, session=session)
    decisions.approve_decision(
        actor=None,
        session=session,
        number="125/QĐ-UBND",
        decided_on=timezone.localdate(),
        issuing_body="UBND tỉnh Khánh Hòa",
        **SIGNED,
    )
    close.refresh_from_db()
    assert close.state == DossierState.RECOGNISED  # no longer waiting in the round

    client.force_login(make_user(Role.PROVINCE_OFFICE))
    page = client.get(reverse("backoffice:session_detail", args=[session.pk]))
    rows = {row["dossier"].pk: row for row in page.context["rows"]}
    assert set(rows) == {close.pk, apart.pk}
    assert (rows[close.pk]["score"].mean, rows[close.pk]["score"].star) == (Decimal(62), 3)
    assert [total for _sheet, total in rows[close.pk]["sheets"]] == [Decimal(62)] * 3
    content = page.content.decode()
    assert "Quyết định 125/QĐ-UBND ngày " in content and "Trần Quốc Nam, Phó Chủ tịch UBND tỉnh" in content

    _document, body = minutes(session)
    _attendance, scores = [block for block in body if isinstance(block, Table)]
    assert [row[1:] for row in scores.rows] == [
        ("Mật nho Thái An – " + close.producer.name, "62,00; 62,00; 62,00", "62,00", "3 sao"),
        ("Rượu nho Thái An – " + apart.producer.name, "50,00; 80,00; 80,00", "70,00", "4 sao"),
    ]
    assert client.get(reverse("backoffice:session_minutes", args=[session.pk])).content.startswith(b"%PDF")


def test_the_member_picker_offers_only_people_who_can_sit_on_a_council():
    council = make_council(members=3)
    expert = make_user(Role.COUNCIL_MEMBER)
    department = make_user(Role.DEPARTMENT_STAFF)
    producer_account = make_producer_account(make_producer())
    admin = make_user(Role.ADMIN)
    offered = set(MemberForm(council=council).fields["user"].queryset)
    assert {expert, department} <= offered
    assert not {producer_account, admin, _member(council, "chair")} & offered
    with pytest.raises(ValidationError) as refused:
        membership.add_member(actor=None, council=council, user=producer_account, role="member")
    assert list(refused.value.message_dict) == ["user"]


def test_only_scoring_members_have_my_score_sheets_in_the_menu(client):
    council = make_council(members=3)
    advisor = make_user(Role.ADVISORY_MEMBER)
    membership.add_member(actor=None, council=council, user=advisor, role="advisor")
    my_sheets = reverse("backoffice:my_scoring")

    client.force_login(advisor)
    menu = [item["url"] for item in client.get(reverse("backoffice:council_list")).context["nav_items"]]
    assert reverse("backoffice:council_list") in menu and my_sheets not in menu
    assert client.get(my_sheets).status_code == 403

    client.force_login(_member(council, "member"))
    menu = [item["url"] for item in client.get(reverse("backoffice:council_list")).context["nav_items"]]
    assert my_sheets in menu
    assert client.get(my_sheets).status_code == 200


def test_every_view_that_reads_answers_uses_the_one_parser(client):
    council = make_council(members=3)
    dossier = make_dossier(make_product(product_set=7), state="accepted")
    session = make_session(council, [dossier])
    auto_assign(actor=None, session=session)
    sheet = session.assignments.select_related("member__user").first()
    first, second = sheets.sheet_of(sheet).leaves[:2]
    posted = {first.code: "2", second.code: "²", "comment": "7" * 5000, "other": "1"}
    assert answers_from_form(sheets.sheet_of(sheet), posted) == {first.code: 2}

    client.force_login(sheet.member.user)
    response = client.post(reverse("backoffice:score_sheet", args=[sheet.pk]), posted | {second.code: "9" * 5000})
    assert response.status_code == 302
    sheet.refresh_from_db()
    assert sheet.answers == {first.code: 2}
    assert client.post(reverse("public:calculator_sheet", args=[7]), posted).status_code == 200
