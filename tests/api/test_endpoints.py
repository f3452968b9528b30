"""What partner systems do through the API, end to end: a producer's software creates and files a dossier, a council
tablet scores a sheet, a partner captures EPCIS events; reads page, filter, answer 304 to a repeated ETag and cost a
fixed number of queries; a flood is throttled."""

import datetime
import json
from pathlib import Path

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from ocop.accounts.enums import Role
from ocop.common.models import ActivityLog
from ocop.councils.domain import sheets
from ocop.councils.domain.sessions import auto_assign
from ocop.dossiers.enums import DossierState
from ocop.dossiers.models import Dossier
from ocop.traceability.models import TraceEvent
from tests.api.helpers import token_client
from tests.factories import (
    answer_every_criterion,
    make_council,
    make_dossier,
    make_producer,
    make_producer_account,
    make_product,
    make_session,
    make_user,
)
from tests.planning.helpers import certify

pytestmark = pytest.mark.django_db

EPCIS_EXAMPLE = Path(__file__).parents[1] / "traceability" / "epcis_examples" / "Example_9.6.1-ObjectEvent.jsonld"


def test_a_producers_software_creates_a_dossier_and_is_told_what_is_missing_to_file_it():
    producer = make_producer()
    product = make_product(producer)
    account = make_producer_account(producer)
    client = token_client(account, "registry:read", "dossiers:write")
    response = client.post(
        "/api/v1/dossiers/", {"product_code": product.code, "kind": "first", "contact_name": "Chị Lan"}, format="json"
    )
    assert response.status_code == 201, response.json()
    dossier = Dossier.objects.get()
    assert response.json()["id"] == dossier.pk and response.json()["state"] == DossierState.DRAFT
    assert (dossier.product, dossier.contact_name, dossier.created_by) == (product, "Chị Lan", account)
    assert ActivityLog.objects.filter(verb="dossiers.created").count() == 1

    refused = client.post(f"/api/v1/dossiers/{dossier.pk}/submit/", format="json")
    assert refused.status_code == 400
    assert list(refused.json()) == ["non_field_errors"] and refused.json()["non_field_errors"]
    dossier.refresh_from_db()
    assert dossier.state == DossierState.DRAFT  # nothing half-written


def test_a_dossier_for_someone_elses_product_or_with_bad_fields_is_refused_with_field_errors():
    mine, theirs = make_producer(), make_producer()
    their_product = make_product(theirs)
    client = token_client(make_producer_account(mine), "dossiers:write")
    response = client.post("/api/v1/dossiers/", {"product_code": their_product.code, "kind": "first"}, format="json")
    assert response.status_code == 400 and list(response.json()) == ["product_code"]
    response = client.post("/api/v1/dossiers/", {"product_code": "", "kind": "nonsense"}, format="json")
    assert response.status_code == 400 and sorted(response.json()) == ["kind", "product_code"]
    assert not Dossier.objects.exists()


def test_a_filed_dossier_is_filed_through_the_api():
    producer = make_producer()
    dossier = make_dossier(make_product(producer), state="ready")
    client = token_client(make_producer_account(producer), "dossiers:write")
    response = client.post(f"/api/v1/dossiers/{dossier.pk}/submit/", format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["state"] == DossierState.SUBMITTED and response.json()["receipt_number"]


@pytest.fixture
def seat():
    council = make_council(members=3)
    session = make_session(council, [make_dossier(state="accepted")])
    auto_assign(actor=None, session=session)
    member = council.members.first()
    return member.assignments.get(), token_client(member.user, "scores:write")


def test_a_council_tablet_saves_answers_then_submits_the_sheet(seat):
    sheet, tablet = seat
    criteria = sheets.sheet_of(sheet)
    first = criteria.leaves[0].code
    saved = tablet.put(f"/api/v1/score-sheets/{sheet.pk}/", {"answers": {first: 1}}, format="json")
    assert saved.status_code == 200, saved.json()
    assert saved.json()["answers"] == {first: 1} and saved.json()["submitted_at"] is None
    early = tablet.post(f"/api/v1/score-sheets/{sheet.pk}/submit/", format="json")
    assert early.status_code == 400 and "non_field_errors" in early.json()

    answers = answer_every_criterion(criteria, 2)
    assert tablet.put(f"/api/v1/score-sheets/{sheet.pk}/", {"answers": answers}, format="json").status_code == 200
    submitted = tablet.post(f"/api/v1/score-sheets/{sheet.pk}/submit/", format="json")
    assert submitted.status_code == 200 and submitted.json()["submitted_at"]
    sheet.refresh_from_db()
    assert sheet.answers == answers
    assert submitted.json()["total"] == str(sheets.score_sheet(criteria, answers).total)
    again = tablet.put(f"/api/v1/score-sheets/{sheet.pk}/", {"answers": answers}, format="json")
    assert again.status_code == 400  # a submitted sheet reopens only by a re-score request


def test_answers_outside_the_sheet_are_refused_and_nothing_is_saved(seat):
    sheet, tablet = seat
    response = tablet.put(f"/api/v1/score-sheets/{sheet.pk}/", {"answers": {"9.9.9": 1}}, format="json")
    assert response.status_code == 400
    sheet.refresh_from_db()
    assert sheet.answers == {} and sheet.saved_at is None


def test_a_partner_captures_epcis_events_with_its_token():
    client = token_client(make_user(Role.PROVINCE_OFFICE), "epcis:capture")
    document = json.loads(EPCIS_EXAMPLE.read_text(encoding="utf-8"))
    response = client.post("/api/v1/epcis/capture/", json.dumps(document), content_type="application/ld+json")
    assert response.status_code == 201, response.json()
    assert sorted(response.json()["stored"]) == sorted(TraceEvent.objects.values_list("hash_id", flat=True))
    document["epcisBody"]["eventList"][0]["eventTime"] = "hôm qua"
    refused = client.post("/api/v1/epcis/capture/", document, format="json")
    assert refused.status_code == 400
    assert [error["field"] for error in refused.json()["errors"]] == ["epcisBody.eventList[0].eventTime"]


def test_lists_page_and_filter_without_accents():
    producer = make_producer(name="HTX Nho Thái An")
    for number in range(3):
        make_product(producer, name=f"Rượu nho số {number}")
    make_product(producer, name="Mật ong")
    client = token_client(make_user(Role.PROVINCE_OFFICE), "registry:read")
    page = client.get("/api/v1/products/?page_size=2").json()
    assert page["count"] == 4 and len(page["results"]) == 2 and page["next"].endswith("page=2&page_size=2")
    assert len(client.get(page["next"]).json()["results"]) == 2
    found = client.get("/api/v1/products/?q=ruou nho").json()
    assert sorted(row["name"] for row in found["results"]) == [f"Rượu nho số {n}" for n in range(3)]
    assert client.get("/api/v1/producers/?q=thai an").json()["count"] == 1
    assert client.get("/api/v1/products/?updated_since=not-a-date").status_code == 400
    # Any offset ISO 8601 allows, beyond what PostgreSQL stores (±15:59), and the last moment a date can hold.
    assert client.get("/api/v1/products/", {"updated_since": "0216-01-20T22:13:11-17:23"}).json()["count"] == 4
    assert client.get("/api/v1/products/", {"updated_since": "9999-12-31T23:00:00-05:00"}).json()["count"] == 0
    assert client.get("/api/v1/products/", {"producer": producer.pk}).json()["count"] == 4
    # A number past what a column holds (SQLite's driver cannot bind it) or not whole: refused, said in Vietnamese.
    for wrong in ("99999999999999999999", "1.5", "-1"):
        refused = client.get("/api/v1/products/", {"producer": wrong})
        assert refused.status_code == 400 and refused.json()["producer"], wrong
    assert client.get("/api/v1/catalogue/?stars=9").status_code == 400  # stars run from 1 to 5


def test_a_repeated_read_with_its_etag_is_answered_304_until_the_data_changes():
    producer = make_producer()
    make_product(producer, name="Táo sấy")
    client = token_client(make_user(Role.PROVINCE_OFFICE), "registry:read")
    first = client.get("/api/v1/products/")
    etag = first["ETag"]
    assert first["Vary"] and "Authorization" in first["Vary"] and "private" in first["Cache-Control"]
    assert client.get("/api/v1/products/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    make_product(producer, name="Nho sấy")
    assert client.get("/api/v1/products/", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_the_catalogue_lists_products_in_force_for_anybody():
    in_force, expired = make_product(name="Nước mắm"), make_product(name="Muối")
    today = datetime.date.today()
    certify(in_force, today - datetime.timedelta(days=30), stars=4)
    certify(expired, today - datetime.timedelta(days=4 * 365), stars=3)
    rows = APIClient().get("/api/v1/catalogue/").json()["results"]
    assert [(row["product_code"], row["stars"], row["status"]) for row in rows] == [(in_force.code, 4, "valid")]


@pytest.mark.parametrize(
    "path",
    ["/api/v1/products/", "/api/v1/producers/", "/api/v1/dossiers/", "/api/v1/certificates/", "/api/v1/events/"],
)
def test_a_list_costs_the_same_queries_for_three_rows_or_thirty(path, django_assert_max_num_queries):
    client = token_client(make_user(Role.PROVINCE_OFFICE), "registry:read")

    def records(count):
        for _ in range(count):
            product = make_product()
            make_dossier(product)
            certify(product, datetime.date.today() - datetime.timedelta(days=10))

    records(3)
    with django_assert_max_num_queries(40) as few:  # the account's area is read once or twice, never per row
        assert client.get(path).status_code == 200
    records(27)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(path).status_code == 200


def test_a_flood_from_one_address_is_throttled(settings):
    cache.clear()
    settings.REST_FRAMEWORK = settings.REST_FRAMEWORK | {
        "DEFAULT_THROTTLE_RATES": {"account": "1000/min", "address": "3/min"}
    }
    from rest_framework.settings import api_settings
    from rest_framework.throttling import SimpleRateThrottle

    api_settings.reload()
    SimpleRateThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
    try:
        client = APIClient()
        answers = [client.get("/api/v1/units/?level=province").status_code for _ in range(4)]
        assert answers == [200, 200, 200, 429]
    finally:
        settings.REST_FRAMEWORK = settings.REST_FRAMEWORK
        api_settings.reload()
        SimpleRateThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
        cache.clear()


def test_anybody_checks_a_certificate_by_its_number_as_its_qr_code_does():
    certificate = certify(make_product(name="Nước mắm"), datetime.date.today() - datetime.timedelta(days=30), stars=4)
    client = APIClient()
    answer = client.get("/api/v1/certificate-check/", {"number": certificate.number.lower()}).json()
    assert (answer["number"], answer["product_name"], answer["stars"]) == (certificate.number, "Nước mắm", 4)
    assert (answer["status"], answer["in_force"]) == ("valid", True)
    assert client.get("/api/v1/certificate-check/", {"number": "999/2024/GCN"}).status_code == 404
