"""Sales points and fairs: their rules, the plan indicators and task outputs computed from them, and fair
participation as evidence for criterion B.4.3."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from ocop.common.models import ActivityLog
from ocop.geo.enums import Era, UnitLevel
from ocop.geo.models import AdministrativeUnit
from ocop.planning.domain import indicators
from ocop.planning.domain.areas import AreaMap
from ocop.planning.domain.figures import plan_figures
from ocop.planning.domain.indicators import IndicatorQuery
from ocop.planning.domain.periods import parse_period
from ocop.promotion.domain import fairs, sales_points
from ocop.promotion.domain.evidence import fair_participation
from ocop.promotion.models import FairRegistration
from tests.certificates.helpers import registered
from tests.factories import NHON_HAI, PHUOC_THUAN, make_producer, make_product, unit
from tests.planning.helpers import province
from tests.promotion.helpers import certified_product, make_fair, make_sales_point, today_commune

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = D(2026, 11, 28)


def _measure(code: str, period: str) -> Decimal:
    chosen = parse_period(period)
    query = IndicatorQuery(start=chosen.start, end=chosen.end, unit_ids=AreaMap(province()).unit_ids)
    return indicators.get(code).compute(query).value


def _records(code: str, period: str) -> list:
    chosen = parse_period(period)
    query = IndicatorQuery(start=chosen.start, end=chosen.end, unit_ids=AreaMap(province()).unit_ids)
    return list(indicators.get(code).records(query))


# Sales points -------------------------------------------------------------------------------------------------------


def test_a_sales_point_stands_in_a_commune_of_todays_map_run_by_someone_and_closes_after_it_opens():
    with pytest.raises(ValidationError) as raised:
        make_sales_point(unit=unit(*PHUOC_THUAN))  # a commune of the former map
    assert set(raised.value.message_dict) == {"unit"}
    with pytest.raises(ValidationError) as raised:
        make_sales_point(operator_name="", closed_on=D(2024, 1, 1), status="closed")
    assert set(raised.value.message_dict) == {"operator_name", "closed_on"}
    with pytest.raises(ValidationError) as raised:
        make_sales_point(closed_on=D(2025, 1, 1))  # a closing date on a point still said to be open
    assert set(raised.value.message_dict) == {"status"}
    assert not ActivityLog.objects.filter(verb__startswith="promotion.").exists()  # nothing half-written


def test_a_sales_point_keeps_its_operator_and_products_and_logs_its_changes():
    producer = make_producer()
    fish_sauce = make_product(producer, name="Nước mắm Cà Ná")
    point = make_sales_point(operator=producer, operator_name="ignored", products=[fish_sauce])
    assert (point.operator_label, point.operator_name, list(point.products.all())) == (producer.name, "", [fish_sauce])
    sales_points.update_sales_point(actor=None, sales_point=point, status="closed", closed_on=D(2025, 3, 1))
    point.refresh_from_db()
    assert (point.status, point.closed_on) == ("closed", D(2025, 3, 1))
    verbs = ActivityLog.objects.filter(target_id=point.pk, verb__startswith="promotion.").values_list("verb", flat=True)
    assert sorted(verbs) == ["promotion.sales_point_changed", "promotion.sales_point_created"]


def test_target_i29_counts_the_sales_points_opened_in_the_period_in_the_plans_area():
    inside = make_sales_point(opened_on=D(2024, 9, 15))
    make_sales_point(opened_on=D(2023, 12, 31), name="Mở năm trước")
    hanoi = AdministrativeUnit.objects.filter(
        era=Era.FROM_2025, level=UnitLevel.COMMUNE, valid_to__isnull=True, parent__code="01"
    ).first()
    make_sales_point(opened_on=D(2024, 10, 1), unit=hanoi, name="Điểm tại Hà Nội")
    assert indicators.get("sales_points_opened").is_computed
    assert _measure("sales_points_opened", "2024") == 1
    assert _measure("sales_points_opened", "2024-H1") == 0
    assert _records("sales_points_opened", "2024") == [inside]


# Fairs --------------------------------------------------------------------------------------------------------------


def test_a_product_whose_certificate_expired_before_the_fair_is_refused_with_its_number_and_end_date():
    fair = make_fair(starts_on=D(2024, 5, 10), ends_on=D(2024, 5, 14))
    product = make_product(name="Rượu nho Phan Rang")
    certificate = registered(product, D(2021, 3, 1))  # 36 months: valid through 01/03/2024
    with pytest.raises(ValidationError) as raised:
        fairs.register_product(actor=None, fair=fair, product=product)
    message = raised.value.messages[0]
    assert certificate.number in message and certificate.valid_until.strftime("%d/%m/%Y") in message
    assert "10/05/2024" in message
    assert not FairRegistration.objects.exists()


def test_a_product_without_a_certificate_is_refused_and_one_in_force_is_registered_once():
    fair = make_fair()
    with pytest.raises(ValidationError, match=r"Sản phẩm chưa chứng nhận"):
        fairs.register_product(actor=None, fair=fair, product=make_product(name="Sản phẩm chưa chứng nhận"))
    product = certified_product(name="Nho sấy Ba Mọi", on=D(2023, 6, 1))
    registration = fairs.register_product(actor=None, fair=fair, product=product, booth="A12")
    assert (registration.producer, registration.certificate.product, registration.booth) == (
        product.producer,
        product,
        "A12",
    )
    with pytest.raises(ValidationError):
        fairs.register_product(actor=None, fair=fair, product=product)
    fairs.record_results(actor=None, registration=registration, booth="A12", contracts_signed=2, sales=15_000_000)
    registration.refresh_from_db()
    assert (registration.contracts_signed, registration.sales) == (2, 15_000_000)
    with pytest.raises(ValidationError):
        fairs.record_results(actor=None, registration=registration, contracts_signed=-1)


def test_a_fairs_dates_run_forward_and_its_first_day_is_kept_once_products_are_registered():
    with pytest.raises(ValidationError) as raised:
        make_fair(starts_on=D(2024, 5, 10), ends_on=D(2024, 5, 9))
    assert set(raised.value.message_dict) == {"ends_on"}
    fair = make_fair()
    fairs.register_product(actor=None, fair=fair, product=certified_product())
    with pytest.raises(ValidationError):
        fairs.update_fair(actor=None, fair=fair, starts_on=D(2024, 5, 1))
    fairs.update_fair(actor=None, fair=fair, budget=Decimal(120_000_000))
    fair.refresh_from_db()
    assert fair.budget == 120_000_000


def test_fairs_held_counts_the_fairs_ending_in_the_period_wherever_they_were():
    hanoi = make_fair(starts_on=D(2024, 5, 10), ends_on=D(2024, 5, 14))
    make_fair(name="Hội chợ Cần Thơ", place="Cần Thơ", starts_on=D(2024, 6, 28), ends_on=D(2024, 7, 2))
    make_fair(name="Hội chợ 2025", starts_on=D(2025, 3, 1), ends_on=D(2025, 3, 4))
    assert (_measure("fairs_held", "2024-H1"), _measure("fairs_held", "2024")) == (1, 2)
    assert _records("fairs_held", "2024-H1") == [hanoi]


def test_a_task_output_in_dot_or_diem_reads_the_fairs_and_sales_points_serving_its_task():
    from ocop.planning.domain import plans
    from tests.planning.helpers import make_plan

    made = make_plan()
    plan, task = made["plan"], made["task"]
    fairs_output = plans.add_task_output(actor=None, task=task, name="Đợt", unit_label="đợt", planned=4)
    points_task = plans.create_task(actor=None, plan=plan, code="PL2.2", content="Điểm bán")
    points_output = plans.add_task_output(actor=None, task=points_task, name="Điểm", unit_label="điểm", planned=1)

    def achieved(period):
        figures = {f.task.pk: f for f in plan_figures(plan, parse_period(period), today=TODAY).tasks}
        return figures[task.pk].achieved.get(fairs_output.pk), figures[points_task.pk].achieved.get(points_output.pk)

    assert achieved("2024") == (None, None)  # nothing serves the tasks: the agencies' figures stand
    make_fair(task=task, starts_on=D(2024, 5, 10), ends_on=D(2024, 5, 14))
    make_fair(task=task, name="Hội chợ TP.HCM", starts_on=D(2024, 11, 20), ends_on=D(2024, 11, 24))
    make_sales_point(task=points_task, opened_on=D(2024, 9, 15))
    assert achieved("2024-H1") == (1, 0)
    assert achieved("2024") == (2, 1)
    stamps = {f.task.pk: f for f in plan_figures(plan, parse_period("2024"), today=TODAY).tasks}[task.pk]
    assert made["output"].pk not in stamps.achieved  # the stamps output is not the fairs'


def test_fair_participation_is_the_evidence_of_a_product_or_a_producer_before_a_day():
    producer = make_producer(NHON_HAI)
    grapes, wine = certified_product(producer, name="Nho tươi"), certified_product(producer, name="Vang nho")
    early, late = make_fair(), make_fair(name="Hội chợ cuối năm", starts_on=D(2024, 11, 1), ends_on=D(2024, 11, 5))
    first = fairs.register_product(actor=None, fair=early, product=grapes)
    second = fairs.register_product(actor=None, fair=late, product=wine)
    fairs.register_product(actor=None, fair=early, product=certified_product(name="Của người khác"))
    assert list(fair_participation(producer, D(2024, 12, 31))) == [second, first]
    assert list(fair_participation(producer, D(2024, 6, 30))) == [first]
    assert list(fair_participation(wine, D(2024, 12, 31))) == [second]
    assert today_commune().era == Era.FROM_2025
