"""Dossiers filed from 1/7 to 5/7/2025: QĐ 148 (three levels) is still in force but districts are gone, so they go
from the commune straight to the province under QĐ 148's deadlines and rounds."""

import datetime

import pytest
from django.urls import reverse

from ocop.accounts.enums import Role
from ocop.certificates.enums import RecognitionLevel
from ocop.dossiers.domain import drafting, workflow
from ocop.dossiers.domain.routing import recognising_level
from ocop.dossiers.enums import DossierState, Level
from ocop.dossiers.models import Dossier
from tests.factories import make_dossier, make_producer, make_producer_account, make_product, make_user

pytestmark = pytest.mark.django_db

FILED = datetime.date(2025, 7, 3)
NINH_PHUOC_2025 = ("22870", "commune", "from_2025")  # xã Ninh Phước, successor of xã Phước Thuận


def _report(officer, dossier):
    drafting.record_commune_report(
        actor=officer,
        dossier=dossier,
        local_origin="confirmed",
        local_labour="confirmed",
        idea_origin="confirmed",
        local_identity="confirmed",
    )


def _tick(officer, dossier):
    for code in dossier.evidence.values_list("requirement", flat=True):
        drafting.mark_item(actor=officer, dossier=dossier, requirement=code, ok=True)


def test_a_dossier_filed_on_3_july_2025_goes_from_the_commune_to_the_province():
    dossier = make_dossier(state="submitted", on=FILED)
    dossier.refresh_from_db()
    assert dossier.rule_set.identifier == "QD148-2023"
    assert (dossier.commune.code, dossier.commune.era) == ("22870", "from_2025")
    assert (dossier.evaluation_level, dossier.evaluation_unit.name) == (Level.PROVINCE, "Tỉnh Khánh Hòa")
    assert dossier.receipt_number == "01/PĐK-56-22870-2025"
    assert dossier.deadline == datetime.date(2025, 7, 24)  # 15 working days under QĐ 148

    commune_officer = make_user(Role.COMMUNE_OFFICER, NINH_PHUOC_2025)
    _tick(commune_officer, dossier)
    _report(commune_officer, dossier)
    workflow.forward_dossier(actor=commune_officer, dossier=dossier)
    dossier.refresh_from_db()
    assert (dossier.state, dossier.current_level) == (DossierState.FORWARDED, Level.PROVINCE)

    office = make_user(Role.PROVINCE_OFFICE, ("56", "province", "from_2025"))
    _tick(office, dossier)
    workflow.accept_dossier(actor=office, dossier=dossier, on=datetime.date(2025, 7, 20))
    dossier.refresh_from_db()
    assert dossier.state == DossierState.ACCEPTED
    assert (dossier.round.level, dossier.round.unit.name) == (Level.PROVINCE, "Tỉnh Khánh Hòa")
    assert (dossier.round.cutoff, dossier.round.decision_due) == (
        datetime.date(2025, 10, 30),
        datetime.date(2025, 12, 30),
    )
    # QĐ 148 gives 3★ to the district: with no district, the province recognises it.
    assert recognising_level(dossier, 3) == RecognitionLevel.PROVINCE
    assert recognising_level(dossier, 5) == RecognitionLevel.CENTRAL


def test_a_dossier_filed_on_30_june_2025_still_goes_to_the_district():
    dossier = make_dossier(state="submitted", on=datetime.date(2025, 6, 30))
    assert (dossier.evaluation_level, dossier.evaluation_unit.code) == (Level.DISTRICT, "587")
    assert recognising_level(dossier, 3) == RecognitionLevel.DISTRICT


def test_the_pages_take_a_paper_dossier_received_on_3_july_2025_through_commune_and_province(client):
    product = make_product()
    owner = make_producer_account(product.producer)
    dossier = make_dossier(product, state="ready", actor=owner)
    commune_officer = make_user(Role.COMMUNE_OFFICER, NINH_PHUOC_2025)
    client.force_login(commune_officer)
    response = client.post(reverse("backoffice:dossier_submit", args=[dossier.pk]), {"filed_on": "03/07/2025"})
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert (dossier.state, dossier.filed_on, dossier.evaluation_level) == (DossierState.SUBMITTED, FILED, "province")
    page = client.get(reverse("backoffice:dossier_detail", args=[dossier.pk]))
    assert page.status_code == 200 and dossier.receipt_number in page.content.decode()
    for code in dossier.evidence.values_list("requirement", flat=True):
        client.post(reverse("backoffice:dossier_mark", args=[dossier.pk]), {"requirement": code, "ok": "1"})
    client.post(
        reverse("backoffice:dossier_commune_report", args=[dossier.pk]),
        {name: "confirmed" for name in ("local_origin", "local_labour", "idea_origin", "local_identity")},
    )
    assert client.post(reverse("backoffice:dossier_forward", args=[dossier.pk])).status_code == 302
    assert Dossier.objects.get(pk=dossier.pk).state == DossierState.FORWARDED

    client.force_login(make_user(Role.PROVINCE_OFFICE, ("56", "province", "from_2025")))
    assert client.get(reverse("backoffice:dossier_detail", args=[dossier.pk])).status_code == 200
    for code in dossier.evidence.values_list("requirement", flat=True):
        client.post(reverse("backoffice:dossier_mark", args=[dossier.pk]), {"requirement": code, "ok": "1"})
    assert client.post(reverse("backoffice:dossier_accept", args=[dossier.pk])).status_code == 302
    dossier.refresh_from_db()
    assert (dossier.state, dossier.round.level) == (DossierState.ACCEPTED, Level.PROVINCE)


@pytest.mark.parametrize(
    ("filed_on", "commune", "evaluated_by"),
    [
        (datetime.date(2024, 3, 15), "Phường Tấn Tài", "Thành phố Phan Rang - Tháp Chàm"),
        (datetime.date(2024, 12, 2), "Phường Kinh Dinh", "Thành phố Phan Rang - Tháp Chàm"),
        (datetime.date(2025, 7, 3), "Phường Phan Rang", "Tỉnh Khánh Hòa"),
    ],
)
def test_a_producer_of_phuong_tan_tai_files_with_the_ward_of_the_filing_date(filed_on, commune, evaluated_by):
    product = make_product(make_producer(("22756", "commune")))
    dossier = make_dossier(product, state="submitted", on=filed_on)
    assert (dossier.commune.name, dossier.evaluation_unit.name) == (commune, evaluated_by)
