"""The dossier's papers: the registration receipt and the printable summary, as official documents and as PDF."""

import pytest
from django.urls import reverse

from ocop.accounts.enums import Role
from ocop.common.papers.official import Heading, Paragraph, Table, render_pdf
from ocop.dossiers.interfaces import papers
from tests.dossiers.journey import STATES, dossier_in
from tests.factories import make_dossier, make_product, make_user

pytestmark = pytest.mark.django_db


def _text(body) -> str:
    parts = []
    for block in body:
        if isinstance(block, Table):
            parts += [" | ".join(row) for row in block.rows]
        elif isinstance(block, Heading | Paragraph):
            parts.append(block.text)
    return "\n".join(parts)


def test_the_receipt_carries_the_receipt_number_and_the_review_deadline():
    dossier = make_dossier(make_product(name="Nước mắm Cà Ná 40 độ đạm", product_set=9), state="submitted")
    number, symbol = dossier.receipt_number.split("/", 1)

    document, body = papers.receipt(dossier)

    assert (document.number, document.symbol) == (number, symbol)
    assert symbol.startswith("PĐK-")
    assert document.number_line == f"Số: {dossier.receipt_number}"
    assert document.issuing_body == f"UBND {dossier.commune.name}"
    assert document.date == dossier.filed_on
    text = _text(body)
    assert "Nước mắm Cà Ná 40 độ đạm" in text and dossier.product.code in text
    assert f"trước ngày {dossier.deadline:%d/%m/%Y}" in text
    assert render_pdf(document, body).startswith(b"%PDF")


def test_the_summary_lists_the_checklist_and_the_self_score():
    draft = make_dossier(make_product(product_set=9))
    _document, body = papers.summary(draft)
    text = _text(body)
    assert "chưa nộp" in text and "Thiếu" in text and "Tự đánh giá" not in text

    filed = make_dossier(make_product(product_set=9), state="submitted")
    document, body = papers.summary(filed)
    text = _text(body)
    assert "Thiếu" not in text and "Tổng điểm tự chấm" in text
    assert document.number_line == f"Số: {filed.receipt_number}"


def test_the_papers_open_as_pdf_for_those_who_may_see_the_dossier(client):
    dossier = make_dossier(state="submitted")
    client.force_login(make_user(Role.PROVINCE_OFFICE))
    for name in ("backoffice:dossier_receipt", "backoffice:dossier_summary"):
        response = client.get(reverse(name, args=[dossier.pk]))
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
    draft = make_dossier()
    assert client.get(reverse("backoffice:dossier_receipt", args=[draft.pk])).status_code == 404


@pytest.mark.parametrize("state", STATES)
def test_every_paper_opens_in_every_state(client, state):
    dossier = dossier_in(state)
    client.force_login(make_user(Role.PROVINCE_OFFICE))
    papers = ["backoffice:dossier_summary"] + (["backoffice:dossier_receipt"] if dossier.receipt_number else [])
    for name in papers:
        response = client.get(reverse(name, args=[dossier.pk]))
        assert response.status_code == 200, (state, name)
        assert response.content.startswith(b"%PDF")


@pytest.mark.parametrize("state", ["forwarded", "accepted", "recognised", "rejected", "supplement_requested"])
def test_the_receipt_keeps_the_deadline_of_the_first_commune_review_whatever_happened_since(state):
    dossier = dossier_in(state)
    first_review = dossier.commune_reviews.order_by("started_on", "pk").first()

    _document, body = papers.receipt(dossier)

    assert f"trước ngày {first_review.due_on:%d/%m/%Y}" in _text(body)


def test_the_receipt_of_a_product_sent_to_the_ministry_still_names_the_provincial_council_it_was_filed_for():
    dossier = dossier_in("sent_to_the_ministry")
    assert dossier.evaluation_level == "central"

    _document, body = papers.receipt(dossier)

    province = dossier.commune.parent
    assert f"Hội đồng đánh giá, phân hạng sản phẩm OCOP cấp tỉnh ({province.name})" in _text(body)
