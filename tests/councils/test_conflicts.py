"""Conflicts of interest: a member linked to a producer — declared before or after the assignment, the producer's
own organisation, the producer's own account — never scores its product, whatever the way in."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ocop.accounts.domain.grants import assign_role
from ocop.accounts.domain.users import create_organisation, update_user
from ocop.accounts.enums import OrganisationKind, Role
from ocop.common.models import ActivityLog
from ocop.councils.domain import membership, results, sessions, sheets
from ocop.councils.models import Assignment
from tests.factories import (
    answer_every_criterion,
    make_council,
    make_dossier,
    make_producer,
    make_product,
    make_session,
    make_user,
)

pytestmark = pytest.mark.django_db

KINDS = ["declared_before", "declared_after", "same_organisation", "own_account"]
ENTRY_POINTS = ["auto_assign", "assign", "sheet_get", "save_answers", "submit", "dossier_page"]


@pytest.fixture
def setting():
    council = make_council(members=3)
    producer = make_producer(name="HTX Nho Thái An")
    dossier = make_dossier(make_product(producer), state="accepted")
    session = make_session(council, [dossier])
    member = council.members.get(role="member")
    return council, producer, dossier, session, member


def _link(kind: str, member, producer) -> None:
    if kind.startswith("declared"):
        membership.declare_conflict(actor=None, member=member, producer=producer, reason="Con gái là giám đốc HTX")
    elif kind == "same_organisation":
        organisation = create_organisation(actor=None, name=producer.name, kind=OrganisationKind.PRODUCER)
        update_user(actor=None, user=member.user, organisation=organisation)
    else:
        assign_role(actor=None, user=member.user, role=Role.PRODUCER, producer=producer)
    member.refresh_from_db()
    member.user.refresh_from_db()


def _sheet_of_linked_member(kind, session, dossier, member, producer) -> int:
    """The member's sheet of the product, filled in, then the link: declared before the assignment the sheet can
    only exist from before the rule (made directly), the other links come after it was assigned."""
    if kind == "declared_before":
        _link(kind, member, producer)
        sheet = Assignment.objects.create(session=session, dossier=dossier, member=member)
        sheet.answers = answer_every_criterion(sheets.sheet_of(sheet), 1)
        sheet.save(update_fields=["answers"])
        return sheet.pk
    sheet = sessions.assign(actor=None, session=session, dossier=dossier, member=member)
    sheets.save_answers(actor=None, assignment=sheet, answers=answer_every_criterion(sheets.sheet_of(sheet), 1))
    _link(kind, member, producer)
    return sheet.pk


@pytest.mark.parametrize("entry", ENTRY_POINTS)
@pytest.mark.parametrize("kind", KINDS)
def test_a_linked_member_never_scores_the_product(client, setting, kind, entry):
    council, producer, dossier, session, member = setting
    office = make_user(Role.PROVINCE_OFFICE)

    if entry in ("auto_assign", "assign"):
        if kind == "declared_after":
            sessions.assign(actor=None, session=session, dossier=dossier, member=member)
        _link(kind, member, producer)
        assert not Assignment.objects.filter(member=member).exists()  # a declaration takes the sheet away
        logged = ActivityLog.objects.filter(verb="councils.assigned", data__member=member.user.username).count()
        client.force_login(office)
        if entry == "auto_assign":
            response = client.post(reverse("backoffice:session_auto_assign", args=[session.pk]), {"per_dossier": ""})
            assert response.status_code == 302
            assigned = set(session.assignments.values_list("member_id", flat=True))
            assert assigned == set(council.members.exclude(pk=member.pk).values_list("pk", flat=True))
        else:
            response = client.post(
                reverse("backoffice:session_assign", args=[session.pk]), {"dossier": dossier.pk, "member": member.pk}
            )
            assert response.status_code == 302
            with pytest.raises(ValidationError) as refused:
                sessions.assign(actor=None, session=session, dossier=dossier, member=member)
            assert refused.value.code == "conflict"
        assert not Assignment.objects.filter(member=member).exists()
        assert ActivityLog.objects.filter(verb="councils.assigned", data__member=member.user.username).count() == logged
        return

    if entry == "dossier_page":
        sessions.auto_assign(actor=None, session=session)
        _link(kind, member, producer)
        client.force_login(member.user)
        # The producer's own account sees its own dossier as the producer, never as a member of the council.
        expected = 200 if kind == "own_account" else 404
        assert client.get(reverse("backoffice:dossier_detail", args=[dossier.pk])).status_code == expected
        client.force_login(council.members.get(role="chair").user)
        assert client.get(reverse("backoffice:dossier_detail", args=[dossier.pk])).status_code == 200
        return

    pk = _sheet_of_linked_member(kind, session, dossier, member, producer)
    before = Assignment.objects.filter(pk=pk).values("answers", "saved_at", "submitted_at").first()
    client.force_login(member.user)
    sheet_url = reverse("backoffice:score_sheet", args=[pk])
    if entry == "sheet_get":
        response = client.get(sheet_url)
    elif entry == "save_answers":
        leaf = sheets.sheet_of(Assignment(session=session, dossier=dossier)).leaves[0]
        response = client.post(sheet_url, {leaf.code: "2"})
    else:
        response = client.post(reverse("backoffice:score_sheet_submit", args=[pk]))
    assert response.status_code == 404
    # Nothing written: the sheet is as it was (or gone, taken away by the declaration).
    after = Assignment.objects.filter(pk=pk).values("answers", "saved_at", "submitted_at").first()
    assert after == (None if kind == "declared_after" else before)
    assert not ActivityLog.objects.filter(verb="councils.sheet_submitted").exists()
    assert not client.get(reverse("backoffice:my_scoring")).context["sessions"]
    # The domain refuses too, whoever calls it.
    if after is not None:
        sheet = Assignment.objects.get(pk=pk)
        with pytest.raises(ValidationError) as refused:
            if entry == "submit":
                sheets.submit_sheet(actor=None, assignment=sheet)
            else:
                sheets.save_answers(actor=None, assignment=sheet, answers={})
        assert refused.value.code == "conflict"
        assert Assignment.objects.filter(pk=pk).values("answers", "saved_at", "submitted_at").first() == before


def test_a_conflict_declared_after_submitting_withdraws_the_sheet_from_the_open_session(setting):
    _council, producer, _dossier, session, member = setting
    sessions.auto_assign(actor=None, session=session)
    for sheet in session.assignments.all():
        sheets.save_answers(actor=None, assignment=sheet, answers=answer_every_criterion(sheets.sheet_of(sheet), 2))
        sheets.submit_sheet(actor=None, assignment=sheet)
    mine = session.assignments.get(member=member)

    membership.declare_conflict(actor=None, member=member, producer=producer, reason="Nguyên là kế toán HTX")

    assert not Assignment.objects.filter(pk=mine.pk).exists()
    [row] = results.overview(session)
    assert member.pk not in {sheet.member_id for sheet, _total in row["sheets"]}
    assert len(row["sheets"]) == 2 and row["complete"]
    withdrawn = ActivityLog.objects.get(verb="councils.sheet_withdrawn_for_conflict")
    assert withdrawn.data["submitted"] is True and withdrawn.data["answers"] == mine.answers
    [result] = results.close_session(actor=None, session=session)
    assert str(member.user) not in {entry["name"] for entry in result.detail["members"]}
    assert len(result.detail["members"]) == 2


def test_a_conflict_declared_after_the_session_closed_leaves_its_results(setting):
    _council, producer, _dossier, session, member = setting
    sessions.auto_assign(actor=None, session=session)
    for sheet in session.assignments.all():
        sheets.save_answers(actor=None, assignment=sheet, answers=answer_every_criterion(sheets.sheet_of(sheet), 2))
        sheets.submit_sheet(actor=None, assignment=sheet)
    [result] = results.close_session(actor=None, session=session)

    membership.declare_conflict(actor=None, member=member, producer=producer, reason="Nguyên là kế toán HTX")

    assert session.assignments.filter(member=member).exists()
    assert session.results.get().mean == result.mean
    assert not ActivityLog.objects.filter(verb="councils.sheet_withdrawn_for_conflict").exists()


def test_a_link_that_appears_after_scoring_stops_the_closing_until_it_is_recorded(setting):
    _council, producer, _dossier, session, member = setting
    sessions.auto_assign(actor=None, session=session)
    for sheet in session.assignments.all():
        sheets.save_answers(actor=None, assignment=sheet, answers=answer_every_criterion(sheets.sheet_of(sheet), 2))
        sheets.submit_sheet(actor=None, assignment=sheet)
    _link("own_account", member, producer)

    with pytest.raises(ValidationError) as refused:
        results.close_session(actor=None, session=session)
    assert str(member.user) in " ".join(refused.value.messages)

    membership.declare_conflict(actor=None, member=member, producer=producer, reason="Giữ tài khoản của HTX")
    assert len(results.close_session(actor=None, session=session)) == 1
