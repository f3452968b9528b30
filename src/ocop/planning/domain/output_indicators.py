"""Task outputs counted by a computed indicator: a Phụ lục II output counted in "tem" (plan 706, PL2.4: 30,000
stamps in 2024) reads ``stamps_issued`` over the plan's area, from the start of the plan's count to the day the
figures are for. It replaces the quantity the agency reported once the system has issued stamps in the plan's area
during the plan; before that (stamps printed outside the system) the agency's report stands.

Registered into ``figures.register_output_count`` from PlanningConfig.ready().
"""

import datetime
from decimal import Decimal

from ocop.common.text import fold
from ocop.geo.domain.queries import scope_unit_ids
from ocop.planning.domain import indicators
from ocop.planning.domain.indicators import IndicatorQuery
from ocop.planning.models import TaskOutput

# folded unit label of a task output → the indicator that counts it
OUTPUT_INDICATORS = {"tem": "stamps_issued"}


def output_count(output: TaskOutput, start: datetime.date, end: datetime.date) -> Decimal | None:
    """What the output achieved from ``start`` to ``end`` by its indicator; None when no indicator counts it or the
    system holds no record of it during the plan."""
    code = OUTPUT_INDICATORS.get(fold(output.unit_label))
    indicator = indicators.get(code) if code else None
    if indicator is None or not indicator.is_computed:
        return None
    plan = output.task.plan
    area = frozenset(scope_unit_ids(plan.unit))
    if not indicator.compute(IndicatorQuery(start=plan.starts_on, end=plan.ends_on, unit_ids=area)).value:
        return None
    return indicator.compute(IndicatorQuery(start=start, end=end, unit_ids=area)).value
