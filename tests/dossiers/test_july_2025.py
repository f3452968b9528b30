"""1–5 July 2025: QĐ 148/2023 (three levels) is still in force until 05/7/2025, but from 01/7/2025 the districts are
gone. A dossier filed then goes from the commune straight to the province, and its 3★ is recognised there."""

import datetime

import pytest
from django.urls import reverse

from ocop.accounts.enums import Role
from ocop.dossiers.domain.routing import recognising_level
from ocop.dossiers.enums import Level
from tests.clock import today_is
from tests.factories import make_dossier, make_user

pytestmark = pytest.mark.django_db


def test_a_dossier_filed_on_3_july_2025_goes_through_the_commune_to_the_province():
    with today_is(datetime.date(2025, 7, 3)):
        dossier = make_dossier(state="accepted", on=datetime.date(2025, 7, 3))
    assert dossier.rule_set.identifier == "QD148-2023"
    assert dossier.commune.parent.level == "province"
    assert dossier.evaluation_level == Level.PROVINCE
    assert (dossier.round.level, dossier.round.unit.level) == (Level.PROVINCE, "province")
    assert recognising_level(dossier, 3) == "province"
    assert recognising_level(dossier, 5) == "central"


def test_a_dossier_filed_on_30_june_2025_still_goes_to_its_district():
    dossier = make_dossier(state="accepted", on=datetime.date(2025, 6, 30))
    assert dossier.evaluation_level == Level.DISTRICT
    assert recognising_level(dossier, 3) == "district"


def test_the_province_opens_the_dossier_of_3_july_2025_and_its_receipt(client):
    with today_is(datetime.date(2025, 7, 3)):
        dossier = make_dossier(state="accepted", on=datetime.date(2025, 7, 3))
    client.force_login(make_user(Role.PROVINCE_OFFICE))
    page = client.get(reverse("backoffice:dossier_detail", args=[dossier.pk]))
    assert page.status_code == 200 and "Tỉnh" in page.content.decode()
    receipt = client.get(reverse("backoffice:dossier_receipt", args=[dossier.pk]))
    assert receipt.status_code == 200 and receipt.content.startswith(b"%PDF")
