import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.accounts.enums import Role
from ocop.certificates.models import Certificate
from ocop.councils.domain import decisions, membership, results, sessions, sheets
from ocop.councils.enums import SessionState
from ocop.councils.models import Assignment
from ocop.dossiers.domain.queries import tasks_for
from ocop.dossiers.enums import DossierState, Level
from ocop.evaluation.domain.rule_sets import rule_set_named
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


def _answers_worth(sheet, target: Decimal, minima_of: int | None = 4) -> dict[str, int]:
    """Answers totalling at most ``target`` (as close as greedy choice gets) that meet every star minimum up to
    ``minima_of``: start from the cheapest option meeting those minima, then raise criteria while there is room."""

    def floor(leaf):
        marked = [leaf.minimum_for(level) for level in range(3, (minima_of or 0) + 1) if leaf.minimum_for(level)]
        need = max(marked, default=Decimal(0))
        return min((o for o in leaf.options if o.points >= need), key=lambda o: o.points)

    chosen = {leaf.code: floor(leaf) for leaf in sheet.leaves}
    total = sum(option.points for option in chosen.values())
    for leaf in sheet.leaves:
        best = max(leaf.options, key=lambda o: o.points)
        if total - chosen[leaf.code].points + best.points <= target:
            total += best.points - chosen[leaf.code].points
            chosen[leaf.code] = best
    return {code: option.order for code, option in chosen.items()}


def _score_all(session, targets: dict[int, list[Decimal]]):
    """Every assigned member scores each dossier with the next target total of that dossier."""
    for dossier_pk, totals in targets.items():
        sheets_of_dossier = list(session.assignments.filter(dossier_id=dossier_pk).order_by("member_id"))
        for sheet, target in zip(sheets_of_dossier, totals, strict=True):
            sheets.save_answers(
                actor=sheet.member.user, assignment=sheet, answers=_answers_worth(sheets.sheet_of(sheet), target)
            )
            sheets.submit_sheet(actor=sheet.member.user, assignment=sheet)


def test_a_council_of_five_scores_ten_products_and_the_decision_issues_their_certificates():
    council = make_council()
    products = [make_product(name=f"Sản phẩm {n}", product_set=7) for n in range(10)]
    dossiers = [make_dossier(product, state="accepted") for product in products]
    assert {d.round_id for d in dossiers} == {dossiers[0].round_id}
    session = make_session(council, dossiers)
    assert sessions.auto_assign(actor=None, session=session) == 50
    assert sessions.progress(session)["total"] == 50

    targets = {d.pk: [Decimal(62)] * 5 for d in dossiers[:8]}  # 3★ band
    targets[dossiers[8].pk] = [Decimal(60), Decimal(72), Decimal(72), Decimal(72), Decimal(72)]  # spread > 10
    targets[dossiers[9].pk] = [Decimal(0)] * 5  # the cheapest options everywhere: not recognised
    _score_all(session, targets)

    rows = {row["dossier"].pk: row for row in results.overview(session)}
    assert rows[dossiers[8].pk]["score"].spread_exceeded
    assert not rows[dossiers[0].pk]["score"].spread_exceeded

    # The secretary asks for a re-score of the product whose totals are too far apart.
    secretary = council.members.get(role="secretary").user
    assert sheets.request_rescore(actor=secretary, session=session, dossier=dossiers[8], reason="Lệch > 10 điểm") == 5
    with pytest.raises(ValidationError):
        results.close_session(actor=secretary, session=session)
    _score_all(session, {dossiers[8].pk: [Decimal(70)] * 5})

    closed = results.close_session(actor=secretary, session=session)
    assert len(closed) == 10
    session.refresh_from_db()
    assert session.state == SessionState.CLOSED
    with pytest.raises(ValidationError) as late:
        sheets.save_answers(actor=secretary, assignment=session.assignments.first(), answers={})
    assert late.value.code == "session_closed"

    draft = decisions.draft_decision(session)
    assert (len(draft.recognised), len(draft.sent_up), len(draft.not_recognised)) == (9, 0, 1)
    decisions.approve_decision(
        actor=make_user(Role.PROVINCE_OFFICE),
        session=session,
        number="1234/QĐ-UBND",
        decided_on=timezone.localdate(),
        issuing_body="UBND tỉnh Khánh Hòa",
        signer_name="Trần Quốc Nam",
        signer_title="Phó Chủ tịch",
    )
    certificates = Certificate.objects.filter(decision__number="1234/QĐ-UBND")
    assert certificates.count() == 9
    assert {c.stars for c in certificates} == {3, 4}
    dossiers[9].refresh_from_db()
    assert dossiers[9].state == DossierState.NOT_RECOGNISED
    dossiers[0].refresh_from_db()
    assert dossiers[0].state == DossierState.RECOGNISED


def test_the_mean_of_the_members_totals_is_the_result():
    council = make_council(members=3)
    dossier = make_dossier(state="accepted")
    session = make_session(council, [dossier])
    sessions.auto_assign(actor=None, session=session)
    sheet = sheets.sheet_of(session.assignments.first())
    answers = [_answers_worth(sheet, Decimal(t)) for t in (70, 74, 80)]
    expected = [sum(sheet.leaves_by_code[c].option(o).points for c, o in a.items()) for a in answers]
    for assignment, chosen in zip(session.assignments.order_by("member_id"), answers, strict=True):
        sheets.save_answers(actor=None, assignment=assignment, answers=chosen)
        sheets.submit_sheet(actor=None, assignment=assignment)
    [result] = results.close_session(actor=None, session=session)
    assert result.mean == (sum(expected) / 3).quantize(Decimal("0.01"))


def test_a_member_linked_to_the_producer_is_never_assigned_its_product(client):
    council = make_council()
    producer = make_producer(name="HTX Nho Thái An")
    dossier = make_dossier(make_product(producer), state="accepted")
    linked, own_account = council.members.filter(role="member")[:2]
    membership.declare_conflict(actor=None, member=linked, producer=producer, reason="Con gái là giám đốc HTX")
    from ocop.accounts.domain.grants import assign_role

    assign_role(actor=None, user=own_account.user, role=Role.PRODUCER, producer=producer)
    session = make_session(council, [dossier])
    assert sessions.auto_assign(actor=None, session=session) == 3
    assigned = set(session.assignments.values_list("member_id", flat=True))
    assert linked.pk not in assigned and own_account.pk not in assigned
    with pytest.raises(ValidationError) as error:
        sessions.assign(actor=None, session=session, dossier=dossier, member=linked)
    assert error.value.code == "conflict"
    # Nor may the declared member open the dossier, while the other members of the council can.
    client.force_login(linked.user)
    assert client.get(reverse("backoffice:dossier_detail", args=[dossier.pk])).status_code == 404
    client.force_login(council.members.get(role="chair").user)
    assert client.get(reverse("backoffice:dossier_detail", args=[dossier.pk])).status_code == 200


def test_balanced_automatic_assignment():
    council = make_council(members=6)
    dossiers = [make_dossier(state="accepted") for _ in range(4)]
    session = make_session(council, dossiers)
    sessions.auto_assign(actor=None, session=session, per_dossier=3)
    loads = sorted(session.assignments.values_list("member", flat=True))
    per_member = {member: loads.count(member) for member in set(loads)}
    assert sum(per_member.values()) == 12
    assert max(per_member.values()) - min(per_member.values()) == 0


def test_quorum_needs_three_quarters_and_the_chair():
    council = make_council(members=8)
    dossier = make_dossier(state="accepted")
    session = make_session(council, [dossier])
    present = list(council.members.exclude(role="chair"))[:5]
    sessions.record_attendance(actor=None, session=session, members=present)
    problems = results.quorum_problems(session)
    assert len(problems) == 2  # 5 of 8 < 6, and no chair


def test_quorum_boundary_six_of_eight_with_the_chair():
    council = make_council(members=8)  # ceil(8 × 3/4) = 6 scoring members needed, the chair among them
    session = make_session(council, [make_dossier(state="accepted")])
    chair = council.members.get(role="chair")
    others = list(council.members.exclude(role="chair").order_by("pk"))

    sessions.record_attendance(actor=None, session=session, members=[chair, *others[:5]])
    assert results.quorum_problems(session) == []

    sessions.record_attendance(actor=None, session=session, members=others[:6])  # six, but not the chair
    [problem] = results.quorum_problems(session)
    assert problem == str(_("The chair is not recorded as present."))

    sessions.record_attendance(actor=None, session=session, members=[chair, *others[:4]])  # five with the chair
    [problem] = results.quorum_problems(session)
    assert "5" in problem and "6" in problem


def test_others_scores_are_hidden_until_one_submits(client):
    council = make_council(members=3)
    dossier = make_dossier(state="accepted")
    session = make_session(council, [dossier])
    sessions.auto_assign(actor=None, session=session)
    first, second, _third = session.assignments.select_related("member__user").order_by("member_id")
    full = _answers_worth(sheets.sheet_of(first), Decimal(80))
    sheets.save_answers(actor=None, assignment=second, answers=full)
    sheets.submit_sheet(actor=None, assignment=second)
    client.force_login(first.member.user)
    page = client.get(reverse("backoffice:score_sheet", args=[first.pk]))
    assert page.context["others"] == []
    sheets.save_answers(actor=None, assignment=first, answers=full)
    sheets.submit_sheet(actor=None, assignment=first)
    page = client.get(reverse("backoffice:score_sheet", args=[first.pk]))
    assert [(member.pk, total is not None) for member, total in page.context["others"]] == [
        (second.member_id, True),
        (_third.member_id, False),
    ]
    # Another member's sheet is not theirs to open.
    assert client.get(reverse("backoffice:score_sheet", args=[second.pk])).status_code == 404


def test_autosave_through_htmx_and_submit(client):
    council = make_council(members=3)
    dossier = make_dossier(state="accepted")
    session = make_session(council, [dossier])
    sessions.auto_assign(actor=None, session=session)
    mine = session.assignments.first()
    client.force_login(mine.member.user)
    leaf = sheets.sheet_of(mine).leaves[0]
    response = client.post(reverse("backoffice:score_sheet", args=[mine.pk]), {leaf.code: "1"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert 'id="saved"' in response.content.decode()
    mine.refresh_from_db()
    assert mine.answers == {leaf.code: 1}
    response = client.post(reverse("backoffice:score_sheet_submit", args=[mine.pk]), follow=True)
    assert "Hãy chấm mọi tiêu chí trước khi nộp phiếu" in response.content.decode()
    mine.refresh_from_db()
    assert mine.submitted_at is None


def test_under_the_three_level_procedure_the_district_recognises_3_stars_and_sends_4_stars_up():
    council = make_council(unit_key=("587", "district", "before_2025"), level="district", members=3)
    three, four = [
        make_dossier(make_product(registered_in=2024), state="accepted", on=datetime.date(2024, 5, 2)) for _ in range(2)
    ]
    session = make_session(council, [three, four], held_on=datetime.date(2024, 9, 25))
    sessions.auto_assign(actor=None, session=session)
    _score_all(session, {three.pk: [Decimal(60)] * 3, four.pk: [Decimal(80)] * 3})
    results.close_session(actor=None, session=session)
    draft = decisions.approve_decision(
        actor=None,
        session=session,
        number="88/QĐ-UBND",
        decided_on=datetime.date(2024, 10, 15),
        issuing_body="UBND huyện Ninh Phước",
        signer_name="Lê Văn Bình",
        signer_title="Chủ tịch",
    )
    assert [r.dossier for r in draft.recognised] == [three]
    four.refresh_from_db()
    assert (four.state, four.current_level, four.evaluation_unit.name) == (
        DossierState.FORWARDED,
        Level.PROVINCE,
        "Tỉnh Ninh Thuận",
    )
    certificate = three.product.certificates.get()
    assert (certificate.decision.level, certificate.stars) == ("district", 3)
    assert certificate.decision.rule_set == rule_set_named("QD148-2023").identifier


def test_90_points_at_the_province_go_to_the_ministry():
    council = make_council(members=3)
    dossier = make_dossier(make_product(product_set=9), state="accepted")
    session = make_session(council, [dossier])
    sessions.auto_assign(actor=None, session=session)
    sheet = sheets.sheet_of(session.assignments.first())
    best = {leaf.code: max(leaf.options, key=lambda o: o.points).order for leaf in sheet.leaves}
    for assignment in session.assignments.all():
        sheets.save_answers(actor=None, assignment=assignment, answers=best)
        sheets.submit_sheet(actor=None, assignment=assignment)
    [result] = results.close_session(actor=None, session=session)
    assert (result.mean, result.star, result.recognised_by) == (Decimal("100.00"), 5, "central")
    draft = decisions.approve_decision(
        actor=None,
        session=session,
        number="1/QĐ-UBND",
        decided_on=timezone.localdate(),
        issuing_body="UBND tỉnh Khánh Hòa",
        signer_name="Trần Quốc Nam",
        signer_title="Phó Chủ tịch",
    )
    assert draft.recognised == [] and len(draft.sent_up) == 1
    dossier.refresh_from_db()
    assert (dossier.state, dossier.current_level) == (DossierState.FORWARDED, Level.CENTRAL)
    assert not Certificate.objects.filter(product=dossier.product).exists()
    # The provincial office records the Ministry's steps, so the dossier is on its task list.
    assert dossier in [task.dossier for task in tasks_for(make_user(Role.PROVINCE_OFFICE))]


def test_a_disqualified_product_is_not_ranked():
    council = make_council(members=3)
    dossier = make_dossier(state="accepted")
    session = make_session(council, [dossier])
    sessions.auto_assign(actor=None, session=session)
    first = session.assignments.first()
    full = _answers_worth(sheets.sheet_of(first), Decimal(85))
    for assignment in session.assignments.all():
        sheets.save_answers(actor=None, assignment=assignment, answers=full, disqualified=assignment.pk == first.pk)
        sheets.submit_sheet(actor=None, assignment=assignment)
    [result] = results.close_session(actor=None, session=session)
    assert (result.disqualified, result.star, result.recognised) == (True, None, False)


def test_council_pages_for_the_office_and_members(client):
    council = make_council(members=3)
    dossier = make_dossier(state="accepted")
    session = make_session(council, [dossier])
    office = make_user(Role.PROVINCE_OFFICE)
    client.force_login(office)
    response = client.post(reverse("backoffice:session_auto_assign", args=[session.pk]), {"per_dossier": ""})
    assert response.status_code == 302
    assert Assignment.objects.filter(session=session).count() == 3
    assert client.get(reverse("backoffice:session_detail", args=[session.pk])).status_code == 200
    member = council.members.get(role="member").user
    client.force_login(member)
    assert client.get(reverse("backoffice:my_scoring")).status_code == 200
    assert client.get(reverse("backoffice:session_detail", args=[session.pk])).status_code == 403
    outsider = make_producer_account(make_producer())
    client.force_login(outsider)
    assert client.get(reverse("backoffice:council_detail", args=[council.pk])).status_code == 403
