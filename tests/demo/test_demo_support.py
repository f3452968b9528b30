"""The demo's programme support for 2024: five training classes and four marks granted serve the tasks of Phụ lục II,
the plan's money by source comes from the funding entries, and the 2024 report reads them."""

import pytest

from ocop.demo.loader import load_demo

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        from django.db import transaction

        with transaction.atomic():
            load_demo()
            yield
            transaction.set_rollback(True)


def test_the_2024_report_counts_the_classes_marks_and_money_from_the_records(demo):
    from decimal import Decimal

    from ocop.planning.domain import indicators
    from ocop.planning.domain.areas import AreaMap
    from ocop.planning.domain.figures import plan_figures
    from ocop.planning.domain.indicators import IndicatorQuery
    from ocop.planning.domain.periods import parse_period
    from ocop.planning.domain.snapshot import snapshot
    from ocop.planning.models import Plan
    from ocop.support.models import IPCase, TrainingClass

    plan = Plan.objects.get(reference="706/KH-UBND")
    year = parse_period("2024")
    query = IndicatorQuery(start=year.start, end=year.end, unit_ids=AreaMap(plan.unit).unit_ids)
    assert indicators.get("trainings_held").compute(query).value == 5
    assert indicators.get("trademarks_registered").compute(query).value == 4
    assert TrainingClass.objects.count() == 5 and IPCase.objects.count() == 5  # one application carried to 2025

    data = snapshot(plan_figures(plan, year))
    outputs = {row["code"]: row["outputs"] for row in data["tasks"]["rows"]}
    assert [(o["unit"], o["planned"], o["achieved"]) for o in outputs["PL2.5"]] == [("lớp", 5, 5)]
    assert [(o["unit"], o["planned"], o["achieved"]) for o in outputs["PL2.3"]] == [("nhãn hiệu", 4, 4)]
    funding = {row["source"]: (row["planned"], row["spent"]) for row in data["review"]["funding"]}
    assert funding["Chương trình MTQG xây dựng nông thôn mới"] == (740_000_000, 686_000_000)
    assert funding["Chương trình khuyến công và xúc tiến thương mại"] == (450_000_000, 420_000_000)
    assert funding["Chương trình MTQG giảm nghèo bền vững"] == (30_000_000, 30_000_000)
    assert funding["Vốn của doanh nghiệp, chủ thể sản xuất"] == (30_000_000, 30_000_000)
    spent_by_tasks = sum(row["spent"] or 0 for row in data["tasks"]["rows"] if row["code"].startswith("PL2."))
    assert Decimal(sum(spent for _planned, spent in funding.values() if spent)) == spent_by_tasks  # they agree

    half = snapshot(plan_figures(plan, parse_period("2024-H1")))
    half_outputs = {row["code"]: row["outputs"] for row in half["tasks"]["rows"]}
    assert half_outputs["PL2.5"][0]["achieved"] == 2 and half_outputs["PL2.3"][0]["achieved"] == 2

    # The outputs are the records', not the typed progress (which says 05 lớp): a class moved to 2025 leaves four.
    import datetime

    TrainingClass.objects.filter(pk=TrainingClass.objects.order_by("-ends_on").first().pk).update(
        starts_on=datetime.date(2025, 1, 6), ends_on=datetime.date(2025, 1, 8)
    )
    moved = snapshot(plan_figures(plan, year))
    assert {row["code"]: row["outputs"] for row in moved["tasks"]["rows"]}["PL2.5"][0]["achieved"] == 4
