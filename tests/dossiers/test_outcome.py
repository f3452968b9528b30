"""The producer sees what the dossier came to: score, stars, certificate (councils.domain.outcome)."""

import pytest
from django.urls import reverse

from ocop.accounts.enums import Role
from ocop.certificates.models import Certificate
from ocop.councils.domain.outcome import outcome_of
from tests.dossiers.journey import dossier_in
from tests.factories import make_producer_account, make_user

pytestmark = pytest.mark.django_db


def _vi(number) -> str:
    return f"{number:.2f}".replace(".", ",")


def test_after_recognition_the_producer_sees_the_score_the_stars_and_the_certificate(client):
    dossier = dossier_in("recognised")
    result = dossier.results.get()
    certificate = Certificate.objects.get(product=dossier.product)
    outcome = outcome_of(dossier)
    assert (outcome.result, outcome.certificate) == (result, certificate)
    assert outcome.certificate_status == "valid" and result.star in (3, 4)

    client.force_login(make_producer_account(dossier.producer))
    page = client.get(reverse("backoffice:dossier_detail", args=[dossier.pk])).content.decode()
    card = page.split('id="outcome"', 1)[1].split("</section>", 1)[0]
    assert f"{_vi(result.mean)} điểm" in card and f"{result.mean} điểm" not in card
    assert f"{'★' * result.star}</span> {result.star} sao" in card
    assert reverse("backoffice:certificate_detail", args=[certificate.pk]) in card
    assert reverse("public:certificate", args=[certificate.number]) in card
    assert "Còn hiệu lực" in card


def test_a_product_not_recognised_shows_its_score_and_no_certificate(client):
    dossier = dossier_in("not_recognised")
    outcome = outcome_of(dossier)
    assert outcome.certificate is None and not outcome.result.recognised
    client.force_login(make_user(Role.PROVINCE_OFFICE))
    page = client.get(reverse("backoffice:dossier_detail", args=[dossier.pk])).content.decode()
    assert f"{_vi(outcome.result.mean)} điểm" in page and "Dưới 3 sao: không được công nhận" in page


@pytest.mark.parametrize("state", ["accepted", "scored", "sent_to_the_ministry", "rejected"])
def test_before_the_decision_no_result_is_shown_on_the_dossier(client, state):
    dossier = dossier_in(state)
    assert outcome_of(dossier) is None
    client.force_login(make_producer_account(dossier.producer))
    page = client.get(reverse("backoffice:dossier_detail", args=[dossier.pk])).content.decode()
    assert 'id="outcome"' not in page


@pytest.mark.usefixtures("media_folder")  # a folder of its own: the file keeps its name, with no suffix added
def test_a_file_without_a_title_is_named_by_its_file_not_by_a_checklist_code():
    dossier = dossier_in("submitted")
    evidence = dossier.evidence.get(requirement="lab_test")
    assert str(evidence) == "lab_test.png"
