"""Rules the plan screens use, kept in planning/domain: which records behind a figure a user may open, which communes
count toward a quota, and when a period may be closed."""

import datetime

import pytest

from ocop.accounts.enums import Role
from ocop.planning.domain import indicators
from ocop.planning.domain.areas import AreaMap
from ocop.planning.domain.figures import quota_communes, quota_unit_query
from ocop.planning.domain.indicators import IndicatorQuery
from ocop.planning.domain.periods import parse_period
from ocop.planning.domain.progress import close_period, closing_refusal, may_close_period
from ocop.planning.domain.queries import visible_records
from tests.factories import NHON_HAI, PHUOC_THUAN, make_producer, make_product, make_user, unit
from tests.planning.helpers import NINH_HAI, NINH_PHUOC, certify, make_plan, province

pytestmark = pytest.mark.django_db
D = datetime.date
YEAR_2024 = parse_period("2024")


def test_the_records_behind_a_figure_are_those_of_the_users_area():
    here = certify(make_product(make_producer(PHUOC_THUAN)), D(2024, 12, 27))
    there = certify(make_product(make_producer(NHON_HAI)), D(2024, 12, 27))
    query = IndicatorQuery(start=YEAR_2024.start, end=YEAR_2024.end, unit_ids=AreaMap(province()).unit_ids, filters={})
    indicator = indicators.get("new_products")
    assert indicator.compute(query).value == 2  # the figure counts the whole area
    assert list(visible_records(make_user(Role.PROVINCE_OFFICE), indicator, query)) == [here, there]
    assert list(visible_records(make_user(Role.COMMUNE_OFFICER), indicator, query)) == [here]
    assert list(visible_records(make_user(Role.COMMUNE_OFFICER, NHON_HAI), indicator, query)) == [there]
    assert list(visible_records(make_user(), indicator, query)) == []


def test_a_commune_counts_toward_the_quota_of_the_district_it_belonged_to():
    plan = make_plan()["plan"]
    area = AreaMap(plan.unit)
    ninh_phuoc = unit(*NINH_PHUOC)
    communes = quota_communes(plan, area, ninh_phuoc.pk)
    assert unit(*PHUOC_THUAN).pk in communes
    assert unit(*NHON_HAI).pk not in communes
    assert quota_communes(plan, area, unit(*NINH_HAI).pk) == frozenset()  # no quota for huyện Ninh Hải
    certify(make_product(make_producer(PHUOC_THUAN)), D(2024, 12, 27))
    certify(make_product(make_producer(NHON_HAI)), D(2024, 12, 27))
    query = quota_unit_query(plan, YEAR_2024, area, unit_id=ninh_phuoc.pk, stars=3, today=D(2026, 11, 28))
    assert query.unit_ids == communes
    assert indicators.get("recognised_products").compute(query).value == 1


def test_a_period_may_be_closed_once_it_is_over_and_only_once():
    plan = make_plan()["plan"]
    first_half = parse_period("2024-H1")
    assert closing_refusal(plan, first_half, today=D(2024, 6, 30)).code == "period_running"
    assert may_close_period(plan, first_half, today=D(2024, 7, 1))
    close_period(actor=None, plan=plan, period_key="2024-H1", today=D(2024, 7, 1))
    assert closing_refusal(plan, first_half, today=D(2024, 7, 2)).code == "period_closed"
    assert not may_close_period(plan, first_half, today=D(2024, 7, 2))
