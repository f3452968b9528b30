"""Capturing EPCIS 2.0 documents and exporting them back: every GS1 example is accepted and comes back valid with the
same events (the same hash IDs); the same document twice stores nothing new; a malformed document is refused with
every fault by field and nothing written; a producer captures only events about its own products; an error
declaration marks the event it names."""

import json
from pathlib import Path

import pytest
from django.urls import reverse

from ocop.accounts.enums import Role
from ocop.common.models import ActivityLog
from ocop.traceability.domain.epcis_document import events_of, faults
from ocop.traceability.domain.epcis_hash import event_hash_id, namespaces_of
from ocop.traceability.domain.events import CaptureRefused, capture_document
from ocop.traceability.domain.scan import digital_link
from ocop.traceability.domain.stamps import issue_stamps, request_stamps
from ocop.traceability.models import TraceEvent
from tests.factories import make_producer, make_producer_account, make_product, make_user

pytestmark = pytest.mark.django_db

EXAMPLES = Path(__file__).parent / "epcis_examples"
DOCUMENTS = sorted(path for path in EXAMPLES.rglob("*.jsonld") if "EPCISDocument" in path.read_text())


def _read(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _post(client, document) -> tuple[int, dict]:
    body = document if isinstance(document, (str, bytes)) else json.dumps(document)
    response = client.post(reverse("backoffice:epcis_capture"), body, content_type="application/ld+json")
    return response.status_code, response.json()


@pytest.fixture
def office(client):
    client.force_login(make_user(Role.PROVINCE_OFFICE))
    return client


def test_the_examples_are_there():
    assert len(list(EXAMPLES.rglob("*.jsonld"))) == 47 and len(DOCUMENTS) >= 45


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda path: path.name)
def test_every_example_is_captured_and_exported_back_valid_with_the_same_events(office, path):
    document = _read(path)
    expected = {event_hash_id(event, namespaces_of(document["@context"])) for _path, event in events_of(document)}
    status, answer = _post(office, document)
    assert status == 201, answer
    assert set(TraceEvent.objects.values_list("hash_id", flat=True)) == expected

    exported = json.loads(office.get(reverse("backoffice:epcis_export")).content)
    assert faults(exported) == []
    namespaces = namespaces_of(exported["@context"])
    assert {event_hash_id(event, namespaces) for _path, event in events_of(exported)} == expected

    again_status, again = _post(office, document)
    assert again_status == 201 and again["stored"] == [] and TraceEvent.objects.count() == len(expected)


def test_an_exported_document_captured_again_stores_nothing_new(office):
    for path in DOCUMENTS:
        _post(office, _read(path))
    count = TraceEvent.objects.count()
    exported = office.get(reverse("backoffice:epcis_export")).content
    status, answer = _post(office, exported)
    assert status == 201 and answer["stored"] == [] and answer["alreadyThere"] + answer["declaredErrors"] >= count
    assert TraceEvent.objects.count() == count


def test_a_malformed_document_is_refused_field_by_field_and_nothing_is_written(office):
    document = _read(EXAMPLES / "Example_9.6.1-ObjectEvent.jsonld")
    document["epcisBody"]["eventList"][0]["eventTime"] = "yesterday"
    document["epcisBody"]["eventList"][1]["action"] = "MAYBE"
    logged = ActivityLog.objects.count()
    status, answer = _post(office, document)
    assert status == 400
    fields = {error["field"] for error in answer["errors"]}
    assert any(field.startswith("epcisBody.eventList[0]") for field in fields)
    assert any(field.startswith("epcisBody.eventList[1]") for field in fields)
    assert TraceEvent.objects.count() == 0 and ActivityLog.objects.count() == logged


@pytest.mark.parametrize("body", ["not json", "[1, 2]", '{"type": "EPCISDocument"}', "{}"])
def test_what_is_not_an_epcis_document_is_refused_with_a_reason(office, body):
    status, answer = _post(office, body)
    assert status == 400 and answer["errors"] and all(error["message"] for error in answer["errors"])
    assert not TraceEvent.objects.exists()


def test_an_empty_document_is_refused(office):
    document = _read(EXAMPLES / "Example_9.6.1-ObjectEvent.jsonld")
    document["epcisBody"]["eventList"] = []
    status, answer = _post(office, document)
    assert status == 400 and answer["errors"][0]["field"] == "epcisBody.eventList"


def test_the_endpoint_wants_a_post_from_someone_signed_in(client):
    document = json.dumps(_read(EXAMPLES / "Example_9.6.1-ObjectEvent.jsonld"))
    response = client.post(reverse("backoffice:epcis_capture"), document, content_type="application/ld+json")
    assert response.status_code in {302, 403} and not TraceEvent.objects.exists()
    client.force_login(make_user(Role.PROVINCE_OFFICE))
    assert client.get(reverse("backoffice:epcis_capture")).status_code == 405


def _stamped_document(product, serials) -> dict:
    document = _read(EXAMPLES / "Example_9.6.1-ObjectEvent.jsonld")
    event = document["epcisBody"]["eventList"][0]
    event["epcList"] = [digital_link(product, serial) for serial in serials]
    del event["eventID"]
    document["epcisBody"]["eventList"] = [event]
    return document


def test_a_producer_captures_events_about_its_own_stamps_and_nothing_else(client):
    product = make_product(make_producer(), gtin="8930000000125")
    batch = issue_stamps(actor=None, batch=request_stamps(actor=None, product=product, quantity=3))
    client.force_login(make_producer_account(product.producer))

    foreign = _read(EXAMPLES / "Example_9.6.1-ObjectEvent.jsonld")
    status, answer = _post(client, foreign)
    assert status == 400 and {error["field"] for error in answer["errors"]} == {
        "epcisBody.eventList[0]",
        "epcisBody.eventList[1]",
    }

    status, answer = _post(client, _stamped_document(product, batch.stamps.values_list("serial", flat=True)))
    assert status == 201 and len(answer["stored"]) == 1
    event = TraceEvent.objects.get()
    assert event.product == product and event.body["eventID"] == event.hash_id

    other = make_product(make_producer(name="HTX Khác"))
    other_batch = issue_stamps(actor=None, batch=request_stamps(actor=None, product=other, quantity=1))
    status, _answer = _post(client, _stamped_document(other, other_batch.stamps.values_list("serial", flat=True)))
    assert status == 400 and TraceEvent.objects.count() == 1


def test_an_event_naming_a_product_by_its_gtin_belongs_to_it():
    product = make_product(make_producer(), gtin="10614141073464")
    document = _read(EXAMPLES / "Example_9.6.1-ObjectEvent.jsonld")  # urn:epc:id:sgtin:0614141.107346.2017
    capture = capture_document(actor=None, document=document, may_capture_any=True)
    assert {event.product for event in capture.stored} == {product}


def test_an_error_declaration_marks_the_event_it_names_and_keeps_it():
    document = _read(EXAMPLES / "Example_9.6.1-ObjectEvent.jsonld")
    capture_document(actor=None, document=document, may_capture_any=True)
    declared = json.loads(json.dumps(document))
    declared["epcisBody"]["eventList"] = [declared["epcisBody"]["eventList"][0]]
    declared["epcisBody"]["eventList"][0]["errorDeclaration"] = {
        "declarationTime": "2020-01-15T00:00:00.000+01:00",
        "reason": "incorrect_data",
    }
    capture = capture_document(actor=None, document=declared, may_capture_any=True)
    assert capture.stored == [] and capture.declared_errors == 1 and TraceEvent.objects.count() == 2
    retracted = TraceEvent.objects.get(retracted_at__isnull=False)
    assert retracted.error_declaration["reason"] == "incorrect_data"
    assert "errorDeclaration" not in retracted.body  # the event stays as it was captured
    again = capture_document(actor=None, document=declared, may_capture_any=True)
    assert again.declared_errors == 0 and again.already_there == 1


def test_a_refused_capture_raises_with_its_faults():
    with pytest.raises(CaptureRefused) as refused:
        capture_document(actor=None, document={"type": "EPCISDocument"}, may_capture_any=True)
    assert refused.value.errors
