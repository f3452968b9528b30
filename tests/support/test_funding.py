"""The plan's money recorded by task and source, with evidence; support received by producers; and the plan's
funding figures (the dashboard and the report) reading the entries."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from ocop.common.models import ActivityLog
from ocop.planning.domain import plans, progress, review
from ocop.planning.domain.figures import plan_figures
from ocop.planning.domain.periods import parse_period
from ocop.support.domain import funding
from ocop.support.models import FundingEntry
from tests.factories import make_producer, png_upload
from tests.planning.helpers import make_plan

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = D(2026, 11, 28)


def _record(task, **values):
    base = {"source": "new_rural", "movement": "allocated", "amount": Decimal(100_000_000), "entered_on": D(2024, 3, 1)}
    return funding.record_funding(actor=None, task=task, **(base | values))


def test_an_entry_needs_a_source_a_positive_whole_amount_a_day_within_the_plan_and_real_evidence():
    task = make_plan()["task"]
    with pytest.raises(ValidationError) as raised:
        _record(task, source="lottery", movement="won")
    assert set(raised.value.message_dict) == {"source", "movement"}
    for amount in (Decimal(0), Decimal("-5"), Decimal("10.5"), "abc", Decimal("NaN")):
        with pytest.raises(ValidationError) as raised:
            _record(task, amount=amount)
        assert set(raised.value.message_dict) == {"amount"}
    with pytest.raises(ValidationError) as raised:
        _record(task, entered_on=D(2023, 12, 31))
    assert "01/01/2024" in raised.value.message_dict["entered_on"][0]
    fake = SimpleUploadedFile("hoa-don.pdf", b"MZ\x90\x00 this is a program", content_type="application/pdf")
    with pytest.raises(ValidationError):
        _record(task, evidence=fake)
    assert not FundingEntry.objects.exists()
    assert not ActivityLog.objects.filter(verb__startswith="support.").exists()
    entry = _record(task, movement="spent", evidence=png_upload("phieu-chi.png"))
    assert entry.evidence_type == "image/png" and entry.evidence.name.endswith(".png")
    assert ActivityLog.objects.filter(verb="support.funding_recorded").count() == 1


def test_no_entry_is_dated_in_a_closed_period():
    made = make_plan()
    progress.close_period(actor=None, plan=made["plan"], period_key="2024-H1", today=TODAY)
    with pytest.raises(ValidationError) as raised:
        _record(made["task"], entered_on=D(2024, 3, 1))
    assert "2024-H1" in raised.value.message_dict["entered_on"][0]
    _record(made["task"], entered_on=D(2024, 8, 1))


def test_the_plans_funding_by_source_reads_the_entries_of_a_task_that_has_any():
    made = make_plan()
    plan, stamps_task = made["plan"], made["task"]
    typed = plans.create_task(
        actor=None, plan=plan, code="V.16.2", content="Phân bổ vốn", funding_source="Ngân sách huyện", budget=50_000_000
    )
    assert typed.budget == 50_000_000

    def rows(period):
        figures = plan_figures(plan, parse_period(period), today=TODAY)
        return {row["source"]: (row["planned"], row["spent"]) for row in review.funding(figures)}

    before = rows("2024")
    _record(stamps_task, amount=Decimal(300_000_000))
    _record(stamps_task, source="enterprise", amount=Decimal(60_000_000), entered_on=D(2024, 2, 1))
    _record(stamps_task, movement="spent", amount=Decimal(120_000_000), entered_on=D(2024, 5, 10))
    _record(stamps_task, movement="spent", amount=Decimal(80_000_000), entered_on=D(2024, 11, 10))
    after = rows("2024")
    assert after["Chương trình MTQG xây dựng nông thôn mới"] == (Decimal(300_000_000), Decimal(200_000_000))
    assert after["Vốn của doanh nghiệp, chủ thể sản xuất"] == (Decimal(60_000_000), None)
    assert after["Ngân sách huyện"] == before["Ngân sách huyện"] == (Decimal(50_000_000), None)  # typed, kept
    mid_year = rows("2024-H1")
    assert mid_year["Chương trình MTQG xây dựng nông thôn mới"] == (Decimal(300_000_000), Decimal(120_000_000))


def test_support_received_by_a_producer_has_a_kind_a_day_and_what_was_given():
    producer = make_producer()
    with pytest.raises(ValidationError) as raised:
        funding.record_producer_support(
            actor=None, producer=producer, kind="cash", received_on=D(2099, 1, 1), description=" "
        )
    assert set(raised.value.message_dict) == {"kind", "received_on", "description"}
    support = funding.record_producer_support(
        actor=None,
        producer=producer,
        kind="packaging",
        received_on=D(2024, 6, 1),
        description="500 hộp giấy in logo OCOP",
        amount=Decimal(15_000_000),
        source="new_rural",
    )
    assert producer.support_received.get() == support
    assert ActivityLog.objects.filter(verb="support.producer_support_recorded").count() == 1


def test_totals_by_source_take_one_query_whatever_the_number_of_entries(django_assert_num_queries):
    task = make_plan()["task"]
    for day in range(1, 6):
        _record(task, amount=Decimal(1_000_000), entered_on=D(2024, 3, day))
        _record(task, source="poverty", movement="spent", amount=Decimal(500_000), entered_on=D(2024, 4, day))
    with django_assert_num_queries(1):
        summary = funding.sources_summary(FundingEntry.objects.all())
    assert [(row["source"].value, row["allocated"], row["spent"]) for row in summary] == [
        ("new_rural", Decimal(5_000_000), None),
        ("poverty", None, Decimal(2_500_000)),
    ]


def test_a_plan_with_money_recorded_on_its_tasks_is_not_deleted_and_classes_outlive_their_task():
    from django.db.models import ProtectedError

    from tests.support.helpers import make_case, make_class

    made = make_plan()
    training_class = make_class(task=made["task"])
    case = make_case(task=made["task"])
    _record(made["task"])
    with pytest.raises(ProtectedError):
        made["plan"].delete()
    FundingEntry.objects.all().delete()
    made["plan"].delete()
    training_class.refresh_from_db()
    case.refresh_from_db()
    assert training_class.task is None and case.task is None
