"""Task output PL2.4 (30,000 stamps in 2024) reads the stamps the office issued (indicator ``stamps_issued``), and the
indicator ``products_with_trace_code`` counts the products with an electronic trace code at the period's end."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from ocop.accounts.enums import Role
from ocop.planning.domain import indicators
from ocop.planning.domain.figures import task_figures
from ocop.planning.domain.indicators import IndicatorQuery
from ocop.planning.domain.periods import parse_period
from ocop.planning.domain.progress import record_task_update
from ocop.planning.domain.queries import visible_records
from ocop.traceability.domain.stamps import issue_stamps, request_stamps, void_stamps
from ocop.traceability.models import StampBatch
from tests.factories import NHON_HAI, PHUOC_THUAN, make_producer, make_producer_account, make_product, make_user
from tests.planning.helpers import make_plan

pytestmark = pytest.mark.django_db

D = datetime.date
AFTER_THE_YEAR = D(2025, 2, 1)


def _issue(product, quantity: int, on: datetime.date) -> StampBatch:
    batch = issue_stamps(actor=None, batch=request_stamps(actor=None, product=product, quantity=quantity))
    moment = timezone.make_aware(datetime.datetime.combine(on, datetime.time(10)))
    StampBatch.objects.filter(pk=batch.pk).update(decided_at=moment)
    return batch


def _plan_with_stamps_reported() -> dict:
    """A 2024 plan whose task PL2.4 the agency reported 12,000 stamps done by 30/6/2024."""
    made = make_plan()
    record_task_update(
        actor=None,
        task=made["task"],
        reported_on=D(2024, 6, 30),
        status="in_progress",
        achieved={made["output"].pk: 12000},
    )
    return made


def _stamps_done(made: dict, period_key: str) -> Decimal | None:
    figures = task_figures(made["plan"], parse_period(period_key), today=AFTER_THE_YEAR)
    return next(figure for figure in figures if figure.task == made["task"]).achieved.get(made["output"].pk)


def test_the_stamps_output_reads_the_stamps_the_office_issued_in_the_plan_area():
    made = _plan_with_stamps_reported()
    assert _stamps_done(made, "2024-H1") == Decimal(12000)
    product = make_product(make_producer(PHUOC_THUAN))
    _issue(product, 300, D(2024, 5, 10))
    _issue(product, 200, D(2024, 9, 1))
    _issue(product, 7, D(2025, 1, 5))  # after the plan
    request_stamps(actor=None, product=product, quantity=1_000)  # asked for, never issued
    assert _stamps_done(made, "2024-H1") == Decimal(300)
    assert _stamps_done(made, "2024") == Decimal(500)


def test_the_stamps_output_reads_the_issued_stamps_on_the_task_list(client):
    made = _plan_with_stamps_reported()
    _issue(make_product(make_producer(NHON_HAI)), 1234, D(2024, 3, 1))
    client.force_login(make_user(Role.PROVINCE_OFFICE))
    page = client.get(reverse("backoffice:plan_task_list", args=[made["plan"].pk]), {"period": "2024"})
    assert "1.234/30.000 tem" in page.content.decode()


def test_without_stamps_issued_in_the_system_the_agencys_report_stands():
    made = _plan_with_stamps_reported()
    _issue(make_product(make_producer(PHUOC_THUAN)), 50, D(2023, 11, 1))  # before the plan
    assert _stamps_done(made, "2024") == Decimal(12000)


def test_products_with_a_trace_code_at_the_end_of_the_period_by_commune():
    inside, voided, outside = (make_product(make_producer(key)) for key in (PHUOC_THUAN, PHUOC_THUAN, NHON_HAI))
    _issue(inside, 10, D(2024, 3, 1))
    void_stamps(actor=None, batch=_issue(voided, 5, D(2024, 3, 1)), first=1, last=5, reason="Mất cuộn tem")
    _issue(outside, 10, D(2025, 3, 1))  # after the period
    traced = indicators.get("products_with_trace_code")
    year = IndicatorQuery(start=D(2024, 1, 1), end=D(2024, 12, 31))
    # The stamps of the second product were voided today: on 31/12/2024 they still counted.
    assert traced.compute(year).value == Decimal(2)
    assert traced.by_unit(year) == {inside.producer.unit_id: 2}
    today = IndicatorQuery(start=D(2024, 1, 1), end=timezone.localdate())
    assert set(traced.records(today)) == {inside, outside}
    assert list(visible_records(make_producer_account(inside.producer), traced, today)) == [inside]


def test_the_figure_opens_on_the_products_behind_it(client):
    from ocop.planning.domain import plans

    made = make_plan()
    target = plans.create_target(
        actor=None,
        plan=made["plan"],
        code="3",
        text="Sản phẩm có mã truy xuất",
        indicator="products_with_trace_code",
        low=5,
    )
    product = make_product(make_producer(PHUOC_THUAN), name="Nước mắm truy xuất")
    _issue(product, 10, D(2024, 3, 1))
    client.force_login(make_user(Role.PROVINCE_OFFICE))
    page = client.get(reverse("backoffice:plan_target_detail", args=[target.pk]), {"period": "2024"}).content.decode()
    assert "Nước mắm truy xuất" in page and reverse("backoffice:product_detail", args=[product.pk]) in page
