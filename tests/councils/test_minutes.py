"""The council's minutes: attendance, quorum and every product's members' totals, mean and star."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from ocop.accounts.enums import Role
from ocop.common.models import ActivityLog
from ocop.common.papers.official import Heading, Paragraph, Table
from ocop.councils.domain import sessions, sheets
from ocop.councils.domain.membership import add_member
from ocop.councils.domain.sessions import record_attendance
from ocop.councils.enums import NoteKind
from ocop.councils.interfaces.minutes import minutes
from tests.factories import answer_every_criterion, make_council, make_dossier, make_product, make_session, make_user

pytestmark = pytest.mark.django_db


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
    rules = [b.text for b in body if isinstance(b, Paragraph) and "mức tối thiểu của hạng sao" in b.text]
    assert rules == [
        f"Theo {dossier.rule_set.title}: mức tối thiểu của hạng sao đạt khi quá nửa số phiếu của thành viên đạt; "
        "chỉ cần một thành viên phát hiện lỗi loại trừ là sản phẩm bị loại."
    ]


def test_the_office_opens_the_minutes_as_pdf(client):
    council = make_council()
    session = make_session(council, [make_dossier(state="accepted")])
    client.force_login(make_user(Role.PROVINCE_OFFICE))
    response = client.get(reverse("backoffice:session_minutes", args=[session.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_the_advisory_teams_three_kinds_of_notes_are_kept_and_read_in_the_minutes(client):
    council = make_council(members=3)
    advisor = make_user(Role.ADVISORY_MEMBER)
    add_member(actor=None, council=council, user=advisor, role="advisor")
    dossier = make_dossier(make_product(name="Nước mắm Cà Ná", product_set=7), state="accepted")
    session = make_session(council, [dossier])
    texts = {
        NoteKind.REVIEW: "Hồ sơ đầy đủ, nhãn cần bổ sung hạn sử dụng.",
        NoteKind.SITE_VISIT: "Đã khảo sát cơ sở ngày 12/9: nhà xưởng đạt yêu cầu.",
        NoteKind.LAB_TEST: "Đề nghị kiểm nghiệm bổ sung chỉ tiêu histamin.",
    }
    for kind, text in texts.items():
        note = sessions.add_note(actor=advisor, session=session, dossier=dossier, kind=kind, text=f"  {text} ")
        assert (note.kind, note.text, note.author) == (kind, text, advisor)
    assert ActivityLog.objects.filter(verb="councils.note_added", target_id=str(dossier.pk)).count() == 3
    with pytest.raises(ValidationError):
        sessions.add_note(actor=advisor, session=session, dossier=dossier, kind=NoteKind.REVIEW, text="   ")
    # The adviser writes through the session's form too.
    client.force_login(advisor)
    response = client.post(
        reverse("backoffice:session_note", args=[session.pk]),
        {"dossier": dossier.pk, "kind": NoteKind.REVIEW, "text": "Bổ sung giấy chứng nhận ATTP."},
    )
    assert response.status_code == 302
    assert session.notes.count() == 4

    with translation.override("vi"):
        _document, body = minutes(session)
    texts_in_minutes = [block.text for block in body if isinstance(block, Paragraph)]
    heading = next(i for i, block in enumerate(body) if isinstance(block, Heading) and "Tổ tư vấn" in block.text)
    advisory = [block.text for block in body[heading + 1 : heading + 5]]
    assert advisory == [
        f"Nước mắm Cà Ná: ý kiến thẩm định – {texts[NoteKind.REVIEW]}",
        f"Nước mắm Cà Ná: biên bản khảo sát thực tế – {texts[NoteKind.SITE_VISIT]}",
        f"Nước mắm Cà Ná: đề nghị kiểm nghiệm bổ sung – {texts[NoteKind.LAB_TEST]}",
        "Nước mắm Cà Ná: ý kiến thẩm định – Bổ sung giấy chứng nhận ATTP.",
    ]
    assert all(text in " ".join(texts_in_minutes) for text in texts.values())
