"""The council's minutes: attendance, quorum and every product's members' totals, mean and star."""

from decimal import Decimal

import pytest
from django.urls import reverse

from ocop.accounts.enums import Role
from ocop.councils.domain import sessions, sheets
from ocop.councils.domain.sessions import record_attendance
from ocop.councils.interfaces.minutes import minutes
from ocop.reports.official import Paragraph, Table
from tests.factories import answer_every_criterion, make_council, make_dossier, make_product, make_session, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_the_minutes_show_who_was_there_and_each_products_scores():
    council = make_council()
    dossier = make_dossier(make_product(name="Mật ong hoa nhãn", product_set=7), state="accepted")
    session = make_session(council, [dossier])
    absent = council.members.order_by("pk").last()
    record_attendance(actor=None, session=session, members=list(council.members.exclude(pk=absent.pk)))
    sessions.auto_assign(actor=None, session=session)
    for sheet in session.assignments.select_related("member__user"):
        sheets.save_answers(
            actor=sheet.member.user, assignment=sheet, answers=answer_every_criterion(sheets.sheet_of(sheet), 1)
        )
        sheets.submit_sheet(actor=sheet.member.user, assignment=sheet)

    document, body = minutes(session)

    assert document.doc_type == "Biên bản" and document.draft
    attendance, scores = [block for block in body if isinstance(block, Table)]
    assert [row[3] for row in attendance.rows].count("vắng") == 1
    assert any(isinstance(b, Paragraph) and b.text.startswith("Có mặt 4/5 thành viên.") for b in body)
    (row,) = scores.rows
    assert row[1].startswith("Mật ong hoa nhãn – ")
    totals = row[2].split("; ")
    assert len(totals) == session.assignments.count()
    assert Decimal(row[3].replace(",", ".")) == sum(Decimal(t.replace(",", ".")) for t in totals) / len(totals)


def test_the_office_opens_the_minutes_as_pdf(client):
    council = make_council()
    session = make_session(council, [make_dossier(state="accepted")])
    client.force_login(make_user(Role.PROVINCE_OFFICE))
    response = client.get(reverse("backoffice:session_minutes", args=[session.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
