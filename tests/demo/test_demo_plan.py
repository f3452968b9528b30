import pytest

from ocop.demo.planning import load_demo_plan
from ocop.planning.domain.figures import plan_figures
from ocop.planning.domain.periods import parse_period
from ocop.planning.models import ReportedValue, TaskUpdate

pytestmark = pytest.mark.django_db


def test_the_demo_plan_has_progress_for_both_reports_and_loads_once():
    plan = load_demo_plan()
    load_demo_plan()
    assert TaskUpdate.objects.filter(task__plan=plan).count() == 12
    assert ReportedValue.objects.filter(target__plan=plan).count() == 0  # I.2.9 is computed from the sales points
    year = plan_figures(plan, parse_period("2024"))
    assert year.task_counts["done"] == 6  # PL2.1, 2.2, 2.3 (04 nhãn hiệu), 2.4, 2.5, 2.6
    stamps = next(figure for figure in year.tasks if figure.task.code == "PL2.4")
    assert sorted(stamps.achieved.values()) == [2000, 30000]
    half = plan_figures(plan, parse_period("2024-H1"))
    assert next(f for f in half.targets if f.target.code == "I.2.9").actual == 0
