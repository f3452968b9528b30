"""The dossier forms as a person sees them."""

import pytest
from django.urls import reverse

from ocop.accounts.enums import Role
from ocop.dossiers.domain import drafting, workflow
from ocop.dossiers.interfaces.forms import CommuneReportForm, DossierForm
from ocop.evaluation.domain.scoring import score_sheet
from tests.factories import (
    answer_every_criterion,
    make_dossier,
    make_producer_account,
    make_product,
    make_user,
)

pytestmark = pytest.mark.django_db


def test_form_03_offers_only_real_answers_and_none_is_ticked_before_the_officer_chooses(client):
    dossier = make_dossier(state="submitted")
    client.force_login(make_user(Role.COMMUNE_OFFICER))
    url = reverse("backoffice:dossier_commune_report", args=[dossier.pk])

    page = client.get(url).content.decode()

    assert page.count('type="radio"') == 8  # four facts, each confirmed or not
    assert 'value=""' not in page and "checked" not in page
    assert "Select an option" not in page and "---------" not in page
    assert page.count("Xác nhận") >= 4

    response = client.post(url, {"local_origin": "confirmed"})
    assert response.status_code == 200 and not hasattr(dossier, "commune_report")
    assert response.context["form"].errors["local_labour"] == ["Trường này là bắt buộc."]


def test_a_saved_answer_is_ticked_again_when_the_form_reopens():
    form = CommuneReportForm(initial={"local_origin": "not_confirmed"})
    html = str(form["local_origin"])
    assert html.count('type="radio"') == 2
    assert 'value="not_confirmed" required id="id_local_origin_2" checked>' in html
    assert html.count("checked") == 1


def test_the_self_score_page_saves_a_draft_and_shows_the_scoring_modules_total(client):
    dossier = make_dossier(make_product(product_set=9))
    producer = make_producer_account(dossier.producer)
    client.force_login(producer)
    url = reverse("backoffice:dossier_self_score", args=[dossier.pk])
    sheet = drafting.scoring_sheet(dossier)
    half = dict(list(answer_every_criterion(sheet, 2).items())[:5])

    response = client.post(url, {code: str(order) for code, order in half.items()})

    assert response.status_code == 302 and response["Location"] == url
    dossier.refresh_from_db()
    assert dossier.self_score_answers == half
    expected = score_sheet(sheet, half)
    page = client.get(url)
    html = page.content.decode()
    open_count = len(sheet.leaves) - 5
    assert f"Đã lưu nháp: còn {open_count} tiêu chí chưa chọn" in html
    total = f"{expected.total:.2f}".replace(".", ",")
    assert f"<strong data-total>{total}</strong> / 100 · <span data-open>{open_count}</span>" in html
    # The running total is a script of the page itself, allowed by the page's CSP nonce; each option has its points.
    nonce = page.context["csp_nonce"]
    assert f'<script nonce="{nonce}">' in html and f"'nonce-{nonce}'" in page["Content-Security-Policy"]
    assert html.count("data-points=") == sum(len(leaf.options) for leaf in sheet.leaves)
    assert "cdn" not in html.lower()


def test_the_forms_say_how_many_samples_the_product_set_needs(client):
    fish_sauce = make_dossier(make_product(product_set=9))
    tourism = make_dossier(make_product(product_set=26))
    assert DossierForm(instance=fish_sauce).fields["samples_count"].help_text == "Nộp 5 mẫu sản phẩm kèm hồ sơ."
    assert DossierForm(instance=tourism).fields["samples_count"].help_text == (
        "Sản phẩm dịch vụ du lịch cộng đồng (bộ 26) không phải nộp mẫu sản phẩm."
    )
    assert tourism.samples_count == 0 and fish_sauce.samples_count == 5

    # A new dossier left without a number gets the number its product set needs.
    product = make_product(product_set=26)
    client.force_login(make_producer_account(product.producer))
    page = client.get(reverse("backoffice:dossier_create")).content.decode()
    assert "Hồ sơ kèm 5 mẫu sản phẩm, riêng dịch vụ du lịch cộng đồng (bộ 26) không nộp mẫu" in page
    client.post(reverse("backoffice:dossier_create"), {"product": product.pk, "kind": "first", "samples_count": ""})
    assert product.dossiers.get().samples_count == 0


def test_an_officer_checks_an_item_with_one_click_and_the_row_and_next_step_change_in_place(client):
    dossier = make_dossier(make_product(product_set=9), state="submitted")
    officer = make_user(Role.COMMUNE_OFFICER)
    client.force_login(officer)
    url = reverse("backoffice:dossier_mark", args=[dossier.pk])
    page = client.get(reverse("backoffice:dossier_detail", args=[dossier.pk])).content.decode()
    assert f'hx-post="{url}" hx-target="closest td" hx-swap="innerHTML"' in page
    before = len(workflow.missing_for_forwarding(dossier))

    response = client.post(
        url, {"requirement": "lab_test", "ok": "0", "note": "Hết hạn 03/2026"}, headers={"HX-Request": "true"}
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html  # a fragment, not a page
    assert '<span class="badge bad">chưa đạt</span> <span class="small">Hết hạn 03/2026</span>' in html
    assert '<section class="card actions-card" id="next-step" hx-swap-oob="true">' in html
    assert len(workflow.missing_for_forwarding(dossier)) == before
    assert dossier.marks.get(requirement="lab_test").ok is False

    client.post(url, {"requirement": "lab_test", "ok": "1"}, headers={"HX-Request": "true"})
    assert len(workflow.missing_for_forwarding(dossier)) == before - 1

    # A mark the domain refuses says why in the cell and changes nothing.
    response = client.post(url, {"requirement": "no_such_item", "ok": "1"}, headers={"HX-Request": "true"})
    assert "Mục này không có trong danh mục của bộ sản phẩm này." in response.content.decode()
    assert not dossier.marks.filter(requirement="no_such_item").exists()
