"""What a dossier is scored on is fixed when it is filed: editing the product's set later (the producer account or an
officer may) leaves the session page, the minutes, the score sheets and the dossier page working, and the council
keeps scoring on the sheet of the set the dossier was filed with."""

import pytest
from django.urls import reverse

from ocop.accounts.enums import Role
from ocop.councils.domain import results, sheets
from ocop.councils.domain.sessions import auto_assign
from ocop.dossiers.domain.drafting import scoring_sheet
from ocop.evaluation.domain.rule_sets import rule_set_named
from ocop.producers.domain.products import update_product
from tests.factories import (
    answer_every_criterion,
    make_council,
    make_dossier,
    make_producer_account,
    make_product,
    make_session,
    make_user,
)

pytestmark = pytest.mark.django_db

FILED, CHANGED = 7, 22  # processed fruit; fabric and garments: sheets with other criteria and options


def _pages(client, user, *urls):
    client.force_login(user)
    return {url: client.get(url).status_code for url in urls}


def test_the_sets_sheets_differ_so_that_a_stale_answer_would_show():
    rules = rule_set_named("QD26-2026")
    filed, changed = rules.sheet(FILED), rules.sheet(CHANGED)
    answers = answer_every_criterion(filed, 3)
    assert {code: n for code, n in answers.items() if changed.leaves_by_code.get(code) is None} or any(
        changed.leaves_by_code[code].option(n) is None for code, n in answers.items()
    )


def test_changing_the_product_set_mid_session_leaves_every_page_working_and_scores_on_the_filed_sheet(client):
    council = make_council(members=3)
    product = make_product(product_set=FILED)
    dossier = make_dossier(product, state="accepted")
    assert (dossier.product_set, dossier.sheets_rule_set.identifier) == (FILED, "QD26-2026")
    session = make_session(council, [dossier])
    auto_assign(actor=None, session=session)
    first, second, third = session.assignments.select_related("member__user").order_by("pk")
    filed_sheet = sheets.sheet_of(first)
    sheets.save_answers(actor=None, assignment=first, answers=answer_every_criterion(filed_sheet, 3))
    sheets.submit_sheet(actor=None, assignment=first)
    sheets.save_answers(
        actor=None, assignment=second, answers=dict(list(answer_every_criterion(filed_sheet, 3).items())[:5])
    )

    update_product(actor=make_producer_account(product.producer), product=product, product_set=CHANGED)
    dossier.refresh_from_db()
    assert (dossier.product.product_set, dossier.filed_product_set, scoring_sheet(dossier).no) == (
        CHANGED,
        FILED,
        FILED,
    )

    office_pages = _pages(
        client,
        make_user(Role.PROVINCE_OFFICE),
        reverse("backoffice:session_detail", args=[session.pk]),
        reverse("backoffice:session_minutes", args=[session.pk]),
        reverse("backoffice:dossier_detail", args=[dossier.pk]),
        reverse("backoffice:dossier_summary", args=[dossier.pk]),
    )
    assert set(office_pages.values()) == {200}
    sheet_page = reverse("backoffice:score_sheet", args=[second.pk])
    assert _pages(client, second.member.user, sheet_page) == {sheet_page: 200}

    # Scoring goes on on the filed sheet: the members answer its criteria, and the result records which sheet.
    for sheet in (second, third):
        sheets.save_answers(actor=None, assignment=sheet, answers=answer_every_criterion(filed_sheet, 3))
        sheets.submit_sheet(actor=None, assignment=sheet)
    [result] = results.close_session(actor=None, session=session)
    assert result.detail["sheets_of"] == "QD26-2026"
    assert result.mean == sum(
        filed_sheet.leaves_by_code[code].option(n).points for code, n in answer_every_criterion(filed_sheet, 3).items()
    )


def test_a_draft_follows_its_product_and_a_stale_self_score_never_breaks_its_pages(client):
    product = make_product(product_set=FILED)
    dossier = make_dossier(product, state="ready")  # self-scored on sheet 7, not filed
    assert dossier.product_set is None
    account = make_producer_account(product.producer)
    update_product(actor=account, product=product, product_set=CHANGED)
    dossier.refresh_from_db()
    assert scoring_sheet(dossier).no == CHANGED

    pages = _pages(
        client,
        account,
        reverse("backoffice:dossier_detail", args=[dossier.pk]),
        reverse("backoffice:dossier_self_score", args=[dossier.pk]),
        reverse("backoffice:dossier_summary", args=[dossier.pk]),
    )
    assert set(pages.values()) == {200}
