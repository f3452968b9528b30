"""A fair held in another province (Hà Nội) is still the province's when its producers take part: the producer
invited and its office see it; another province's office does not."""

import datetime

import pytest

from ocop.accounts.enums import Role
from ocop.geo.enums import Era, UnitLevel
from ocop.promotion.domain import fairs
from ocop.promotion.domain.queries import visible_fairs
from tests.factories import make_producer, make_producer_account, make_user, unit

pytestmark = pytest.mark.django_db


def test_a_fair_held_in_ha_noi_is_seen_by_the_province_whose_producer_was_invited():
    producer = make_producer()  # xã Phước Thuận, Ninh Thuận (Khánh Hòa today)
    fair = fairs.create_fair(
        actor=None,
        name="Hội chợ OCOP Hà Nội",
        place="Hà Nội",
        unit=unit("01", UnitLevel.PROVINCE, Era.FROM_2025),
        starts_on=datetime.date(2024, 11, 1),
        ends_on=datetime.date(2024, 11, 5),
        organiser="Bộ Nông nghiệp và Môi trường",
    )
    office = make_user(Role.PROVINCE_OFFICE, ("56", UnitLevel.PROVINCE, Era.FROM_2025))
    nghe_an_office = make_user(Role.PROVINCE_OFFICE, ("40", UnitLevel.PROVINCE, Era.FROM_2025))
    assert list(visible_fairs(office)) == []
    fairs.invite_producers(actor=None, fair=fair, producers=[producer])
    account = make_producer_account(producer)
    assert list(visible_fairs(account)) == [fair]
    assert list(visible_fairs(make_user(Role.PROVINCE_OFFICE, ("56", UnitLevel.PROVINCE, Era.FROM_2025)))) == [fair]
    assert list(visible_fairs(nghe_an_office)) == []
