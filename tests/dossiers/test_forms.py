"""The dossier forms as a person sees them."""

import pytest
from django.urls import reverse

from ocop.accounts.enums import Role
from ocop.dossiers.interfaces.forms import CommuneReportForm
from tests.factories import make_dossier, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


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
