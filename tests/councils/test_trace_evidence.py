"""Beside the criteria asking for an electronic trace code (QĐ 26/2026: 2.3 and 5.1 on the food sheets), the producer
scoring itself and the council members see what the stamp register shows for the product: evidence, never a score."""

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ocop.councils.domain.sessions import auto_assign
from ocop.dossiers.domain.drafting import scoring_sheet
from ocop.dossiers.domain.trace_evidence import criterion_evidence, trace_criteria
from ocop.evaluation.domain.rule_sets import rule_set_named
from ocop.traceability.domain.scan import digital_link
from ocop.traceability.domain.stamps import issue_stamps, request_stamps, void_stamps
from ocop.traceability.enums import EventType
from ocop.traceability.models import TraceEvent
from tests.factories import make_council, make_dossier, make_producer_account, make_product, make_session

pytestmark = pytest.mark.django_db

PROCESSED_FRUIT, FABRIC, TOURISM = 7, 22, 26
BOX = 'class="trace-evidence"'
_hashes = itertools.count(1)


def _traced(product, stamps: int = 200, events: int = 1):
    batch = issue_stamps(actor=None, batch=request_stamps(actor=None, product=product, quantity=stamps))
    for _n in range(events):
        TraceEvent.objects.create(
            hash_id=f"ni:///sha-256;{next(_hashes):064x}?ver=CBV2.0",
            event_type=EventType.OBJECT,
            event_time=timezone.now(),
            time_zone_offset="+07:00",
            record_time=timezone.now(),
            biz_step="shipping",
            body={},
            product=product,
        )
    return batch


def test_the_criteria_asking_for_a_trace_code_are_found_by_what_they_ask():
    rules = rule_set_named("QD26-2026")
    assert trace_criteria(rules.sheet(PROCESSED_FRUIT)) == ("2.3", "5.1")
    assert trace_criteria(rules.sheet(FABRIC)) == ("2.2", "5.1")  # the craft sheets ask it under 2.2
    assert trace_criteria(rules.sheet(TOURISM)) == ()


def test_the_evidence_goes_to_those_criteria_only_for_a_product_with_a_trace_code(django_assert_num_queries):
    traced, plain = make_product(product_set=PROCESSED_FRUIT), make_product(product_set=PROCESSED_FRUIT)
    batch = _traced(traced)
    void_stamps(actor=None, batch=batch, first=1, last=50, reason="Mất cuộn tem")
    dossier, other = make_dossier(traced, state="accepted"), make_dossier(plain, state="accepted")
    today = timezone.localdate()
    evidence = criterion_evidence(dossier, scoring_sheet(dossier), today)
    assert set(evidence) == {"2.3", "5.1"}
    assert (evidence["2.3"].stamps_issued, evidence["2.3"].active_stamps, evidence["2.3"].events) == (200, 150, 1)
    assert criterion_evidence(other, scoring_sheet(other), today) == {}
    tourism = make_dossier(make_product(product_set=TOURISM), state="accepted")
    _traced(tourism.product)
    tourism_sheet = scoring_sheet(tourism)
    with django_assert_num_queries(0):  # a sheet without such a criterion asks nothing
        assert criterion_evidence(tourism, tourism_sheet, today) == {}


def _sheet_page(client, assignment) -> tuple[str, int]:
    client.force_login(assignment.member.user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("backoffice:score_sheet", args=[assignment.pk]))
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_a_council_member_sees_the_evidence_beside_2_3_and_5_1_of_a_traced_product_only(client):
    traced, plain = make_product(product_set=PROCESSED_FRUIT), make_product(product_set=PROCESSED_FRUIT)
    batch = _traced(traced)
    dossiers = [make_dossier(product, state="accepted") for product in (traced, plain)]
    session = make_session(make_council(members=3), dossiers)
    auto_assign(actor=None, session=session)
    member = session.assignments.filter(dossier=dossiers[0]).first().member
    on_traced = session.assignments.get(dossier=dossiers[0], member=member)
    on_plain = session.assignments.get(dossier=dossiers[1], member=member)

    page, traced_queries = _sheet_page(client, on_traced)
    assert page.count(BOX) == 2
    assert digital_link(traced, batch.stamps.get(position=1).serial) in page
    first_box = page.split(BOX)[1].split("</div>")[0]
    assert timezone.localdate().strftime("%d/%m/%Y") in first_box  # the day of the latest event
    boxes = page.split(BOX)
    assert "<strong>2.3</strong>" in boxes[0].rsplit("<fieldset", 1)[1]  # the first box sits in criterion 2.3
    assert "<strong>5.1</strong>" in boxes[1].rsplit("<fieldset", 1)[1]
    on_traced.refresh_from_db()
    assert on_traced.answers == {}  # evidence only: nothing is scored

    plain_page, plain_queries = _sheet_page(client, on_plain)
    assert BOX not in plain_page
    assert traced_queries == plain_queries  # one query reads the evidence, found or not

    _traced(traced, stamps=300, events=5)  # more stamps and events: no more queries
    _page, more_queries = _sheet_page(client, on_traced)
    assert more_queries == traced_queries


def test_the_producer_sees_the_evidence_on_its_self_score(client):
    traced = make_product(product_set=PROCESSED_FRUIT)
    _traced(traced, events=0)
    dossier = make_dossier(traced, state="draft")
    client.force_login(make_producer_account(traced.producer))
    page = client.get(reverse("backoffice:dossier_self_score", args=[dossier.pk])).content.decode()
    assert page.count(BOX) == 2
    assert "no value-chain event recorded" in page or "chưa có sự kiện" in page
