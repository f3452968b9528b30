"""The session page and the draft minutes keep a product's scores from a chair or secretary who still has to score it:
other members' scores are hidden until one submits (sheets.may_see_others)."""

import pytest
from django.urls import reverse
from django.utils.formats import localize

from ocop.accounts.enums import Role
from ocop.common.papers.official import Table
from ocop.councils.domain import sessions, sheets
from ocop.councils.interfaces.minutes import minutes
from tests.factories import answer_every_criterion, make_council, make_dossier, make_session, make_user

pytestmark = pytest.mark.django_db


def _submit(sheet, option=2):
    sheets.save_answers(actor=None, assignment=sheet, answers=answer_every_criterion(sheets.sheet_of(sheet), option))
    sheets.submit_sheet(actor=None, assignment=sheet)


@pytest.fixture
def session_half_scored():
    """Product A: chair, secretary and member assigned, only the member has submitted. Product B: the chair and the
    member, both submitted (the secretary does not score it)."""
    council = make_council(members=3)
    chair, secretary, member = (council.members.get(role=role) for role in ("chair", "secretary", "member"))
    a, b = make_dossier(state="accepted"), make_dossier(state="accepted")
    session = make_session(council, [a, b])
    for who in (chair, secretary, member):
        sessions.assign(actor=None, session=session, dossier=a, member=who)
    for who in (chair, member):
        sessions.assign(actor=None, session=session, dossier=b, member=who)
    _submit(session.assignments.get(dossier=a, member=member), option=3)  # a total B's sheets do not have
    for sheet in session.assignments.filter(dossier=b):
        _submit(sheet)
    return session, a, b, chair, secretary, member


def _rows(client, user, session):
    client.force_login(user)
    response = client.get(reverse("backoffice:session_detail", args=[session.pk]))
    assert response.status_code == 200
    return {row["dossier"].pk: row for row in response.context["rows"]}


@pytest.mark.parametrize("role", ["chair", "secretary"])
def test_a_chair_or_secretary_who_still_scores_a_product_sees_its_progress_only(client, session_half_scored, role):
    session, a, b, chair, secretary, member = session_half_scored
    viewer = chair if role == "chair" else secretary
    rows = _rows(client, viewer.user, session)

    hidden = rows[a.pk]
    assert hidden["hidden"] is True
    assert hidden["score"] is None  # no mean, spread or star
    assert [total for _sheet, total in hidden["sheets"]] == [None, None, None]
    assert (hidden["submitted"], len(hidden["sheets"])) == (1, 3)
    member_total = sheets.score_sheet(
        sheets.sheet_of(session.assignments.get(dossier=a, member=member)),
        session.assignments.get(dossier=a, member=member).answers,
    ).total
    page = client.get(reverse("backoffice:session_detail", args=[session.pk])).content.decode()
    assert f"<strong>{localize(member_total)}</strong>" not in page
    # The minutes printed by the same person leave the figures out too.
    _document, body = minutes(session, viewer=viewer.user)
    scores = [block for block in body if isinstance(block, Table)][1]
    row_a = next(row for row in scores.rows if row[1].startswith(a.product.name))
    assert row_a[2:] == ("đã nộp 1/3 phiếu", "–", "–")

    # The chair has submitted product B: its figures show. The secretary does not score B: its figures show.
    assert rows[b.pk]["hidden"] is False and rows[b.pk]["score"] is not None

    # Once the viewer submits A, its figures are there.
    _submit(session.assignments.get(dossier=a, member=viewer))
    rows = _rows(client, viewer.user, session)
    assert rows[a.pk]["hidden"] is False and rows[a.pk]["score"] is not None


def test_office_staff_who_do_not_sit_on_the_council_see_everything(client, session_half_scored):
    session, a, b, _chair, _secretary, _member = session_half_scored
    rows = _rows(client, make_user(Role.PROVINCE_OFFICE), session)
    assert not rows[a.pk]["hidden"] and rows[a.pk]["score"] is not None
    [member_total] = [total for _sheet, total in rows[a.pk]["sheets"] if total is not None]
    page = client.get(reverse("backoffice:session_detail", args=[session.pk])).content.decode()
    assert f"<strong>{localize(member_total)}</strong>" in page
    assert not rows[b.pk]["hidden"] and rows[b.pk]["score"] is not None
