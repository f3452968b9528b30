"""The 2024 demo: the plan's fairs and sales point come from the promotion records."""

import datetime

import pytest

from ocop.demo.loader import load_demo
from ocop.planning.domain.figures import plan_figures
from ocop.planning.domain.periods import parse_period
from ocop.planning.models import Plan
from ocop.promotion.models import BuyerInquiry, Fair, FairRegistration, InquiryRoute

pytestmark = [pytest.mark.django_db, pytest.mark.slow]
TODAY = datetime.date(2026, 11, 28)


def test_the_2024_figures_for_fairs_and_sales_points_come_from_the_records():
    load_demo()
    assert sorted(Fair.objects.values_list("place", flat=True)) == ["Cần Thơ", "Hà Nội", "TP. Hồ Chí Minh", "Đà Nẵng"]
    assert all(
        r.certificate.valid_until >= r.fair.starts_on
        for r in FairRegistration.objects.select_related("fair", "certificate")
    )
    assert BuyerInquiry.objects.count() == 4 and InquiryRoute.objects.exists()
    plan = Plan.objects.get(reference="706/KH-UBND")
    for period, points, fairs in (("2024-H1", 0, 2), ("2024", 1, 4)):
        figures = plan_figures(plan, parse_period(period), today=TODAY)
        assert next(f for f in figures.targets if f.target.code == "I.2.9").actual == points
        tasks = {f.task.code: f for f in figures.tasks}
        assert list(tasks["PL2.1"].achieved.values()) == [fairs]
        assert list(tasks["PL2.2"].achieved.values()) == [points]
