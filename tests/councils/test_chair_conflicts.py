"""A declared conflict of interest binds the chair and the secretary too: they do not see the producer's scores on the
session page or in the minutes, cannot ask for its re-score, record why its result stands, or write notes about it.
The note form only returns to a local page."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ocop.accounts.enums import Role
from ocop.common.papers.official import Paragraph, Table
from ocop.councils.domain import membership, results, sessions, sheets
from ocop.councils.enums import NoteKind
from ocop.councils.interfaces.minutes import minutes
from ocop.councils.models import RescoreRequest, ReviewNote
from tests.factories import answer_every_criterion, make_council, make_dossier, make_product, make_session, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    """The chair and the secretary are linked to the producer of "Nước mắm Cà Ná"; every sheet is submitted; the
    office wrote a note about each product."""
    council = make_council(members=3)
    linked = make_dossier(make_product(name="Nước mắm Cà Ná", product_set=9), state="accepted")
    other = make_dossier(make_product(name="Nho sấy Thái An", product_set=7), state="accepted")
    session = make_session(council, [linked, other])
    sessions.auto_assign(actor=None, session=session)
    chair, secretary = (council.members.get(role=role) for role in ("chair", "secretary"))
    for seat in (chair, secretary):
        membership.declare_conflict(
            actor=None, member=seat, producer=linked.producer, reason="Vợ/chồng là thành viên HTX"
        )
    for sheet in session.assignments.all():
        sheets.save_answers(actor=None, assignment=sheet, answers=answer_every_criterion(sheets.sheet_of(sheet), 2))
        sheets.submit_sheet(actor=None, assignment=sheet)
    office = make_user(Role.PROVINCE_OFFICE)
    for dossier in (linked, other):
        sessions.add_note(
            actor=office, session=session, dossier=dossier, kind=NoteKind.REVIEW, text=f"Ghi chú {dossier}"
        )
    return session, linked, other, chair.user, secretary.user, office


@pytest.mark.parametrize("role", ["chair", "secretary"])
def test_the_linked_chair_or_secretary_sees_no_score_of_that_producer_on_the_page_or_in_the_minutes(
    client, setting, role
):
    session, linked, other, chair, secretary, office = setting
    viewer = chair if role == "chair" else secretary
    client.force_login(viewer)
    page = client.get(reverse("backoffice:session_detail", args=[session.pk]))
    rows = {row["dossier"].pk: row for row in page.context["rows"]}
    assert rows[linked.pk]["conflicted"] and rows[linked.pk]["score"] is None
    assert [total for _sheet, total in rows[linked.pk]["sheets"]] == [None]
    assert not rows[other.pk]["conflicted"] and rows[other.pk]["score"] is not None
    assert [note.dossier_id for note in page.context["notes"]] == [other.pk]
    content = page.content.decode()
    assert "xung đột lợi ích" in content
    # No link to the dossier page, which does not exist for them.
    assert reverse("backoffice:dossier_detail", args=[linked.pk]) not in content
    assert reverse("backoffice:dossier_detail", args=[other.pk]) in content

    _document, body = minutes(session, viewer=viewer)
    _attendance, scores = [block for block in body if isinstance(block, Table)]
    by_product = {row[1].split(" – ")[0]: row for row in scores.rows}
    assert by_product["Nước mắm Cà Ná"][2:] == ("không hiển thị (xung đột lợi ích)", "–", "–")
    assert by_product["Nho sấy Thái An"][3] != "–"
    texts = [block.text for block in body if isinstance(block, Paragraph)]
    assert any(f"Ghi chú {other}" in text for text in texts)
    assert not any(f"Ghi chú {linked}" in text for text in texts)

    # The office, which has no seat, sees everything.
    _document, body = minutes(session, viewer=office)
    _attendance, scores = [block for block in body if isinstance(block, Table)]
    assert all(row[3] != "–" for row in scores.rows)
    assert any(f"Ghi chú {linked}" in block.text for block in body if isinstance(block, Paragraph))


def test_the_linked_chair_or_secretary_cannot_act_on_that_product(client, setting):
    session, linked, _other, chair, secretary, _office = setting
    for actor in (chair, secretary):
        with pytest.raises(ValidationError) as refused:
            sheets.request_rescore(actor=actor, session=session, dossier=linked, reason="Chênh lệch")
        assert refused.value.code == "conflict"
        with pytest.raises(ValidationError) as refused:
            sessions.add_note(actor=actor, session=session, dossier=linked, kind=NoteKind.REVIEW, text="Ý kiến")
        assert refused.value.code == "conflict"
    with pytest.raises(ValidationError) as refused:
        results.record_spread_reason(actor=chair, session=session, dossier=linked, reason="Giữ kết quả")
    assert refused.value.code == "conflict"

    client.force_login(chair)
    client.post(reverse("backoffice:session_rescore", args=[session.pk]), {"dossier": linked.pk, "reason": "Lệch"})
    client.post(
        reverse("backoffice:session_note", args=[session.pk]), {"dossier": linked.pk, "kind": "review", "text": "x"}
    )
    assert not RescoreRequest.objects.exists()
    assert ReviewNote.objects.filter(author=chair).count() == 0


@pytest.mark.parametrize(
    ("next_url", "lands_on_session"),
    [
        ("https://evil.example/phishing", True),
        ("//evil.example/phishing", True),
        ("/\\evil.example", True),
        ("/backoffice/", False),
    ],
)
def test_the_note_form_returns_only_to_a_local_page(client, setting, next_url, lands_on_session):
    session, _linked, other, _chair, _secretary, office = setting
    client.force_login(office)
    response = client.post(
        reverse("backoffice:session_note", args=[session.pk]),
        {"dossier": other.pk, "kind": "review", "text": "Đã xem", "next": next_url},
    )
    assert response.status_code == 302
    expected = reverse("backoffice:session_detail", args=[session.pk]) if lands_on_session else next_url
    assert response["Location"] == expected
