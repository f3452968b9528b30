"""Buyer inquiries: matched to certified products, routed only to their producers, answered in the system, the
public form protected from robots and floods."""

import datetime

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from ocop.common.models import Notification
from ocop.geo.enums import UnitLevel
from ocop.promotion.domain.inquiries import answer_inquiry, matching_products, receive_inquiry, response_rates
from ocop.promotion.models import BuyerInquiry, InquiryRoute
from tests.certificates.helpers import days_ago, registered
from tests.factories import NHON_HAI, PHUOC_THUAN, make_producer, make_producer_account, make_product
from tests.promotion.helpers import certified_product, province_today

pytestmark = pytest.mark.django_db
D = datetime.date
RECENT = days_ago(120)
BINH_THUAN_COMMUNE = ("22918", UnitLevel.COMMUNE)  # a commune of the former Bình Thuận, today's Lâm Đồng


@pytest.fixture
def market():
    """Fish-sauce producers of Khánh Hòa (former Ninh Thuận), one of Bình Thuận, and producers of other things."""
    ca_na = make_producer(PHUOC_THUAN, name="HTX Nước mắm Cà Ná")
    nhon_hai = make_producer(NHON_HAI, name="Cơ sở chế biến hải sản Nhơn Hải")
    phan_thiet = make_producer(BINH_THUAN_COMMUNE, name="Công ty Nước mắm Phan Thiết")
    grapes = make_producer(PHUOC_THUAN, name="HTX Nho Phước Thuận")
    expired = make_producer(NHON_HAI, name="Cơ sở mắm cũ")
    products = {
        "ca_na": certified_product(ca_na, on=RECENT, name="Nước mắm cá cơm Cà Ná", product_set=9),
        "nhon_hai": certified_product(
            nhon_hai,
            on=RECENT,
            name="Mắm nhĩ Nhơn Hải",
            description="Nước mắm nhĩ cá cơm ủ chượp 12 tháng",
            product_set=9,
        ),
        "phan_thiet": certified_product(phan_thiet, on=RECENT, name="Nước Mắm Phan Thiết 40 độ đạm", product_set=9),
        "grape_juice": certified_product(grapes, on=RECENT, name="Nước ép nho", product_set=17),
        "salt": certified_product(grapes, on=RECENT, name="Muối tôm", description="Dùng chấm trái cây", product_set=10),
    }
    old = make_product(expired, name="Nước mắm truyền thống", product_set=9)
    registered(old, D(2020, 1, 1))  # expired in 2023
    owners = {"ca_na": ca_na, "nhon_hai": nhon_hai, "phan_thiet": phan_thiet, "grapes": grapes, "expired": expired}
    accounts = {name: make_producer_account(producer) for name, producer in owners.items()}
    return {"products": products, "accounts": accounts, "producers": {"ca_na": ca_na, "nhon_hai": nhon_hai}}


def test_an_inquiry_for_nuoc_mam_in_khanh_hoa_reaches_the_fish_sauce_producers_and_no_one_else(market):
    inquiry = receive_inquiry(
        buyer_name="Công ty CP Thực phẩm Sài Gòn",
        contact="0903 123 456",
        product_type="nuoc mam",  # typed without accents
        volume="2.000 lít/tháng",
        province=province_today("56"),
    )
    reached = set(InquiryRoute.objects.filter(inquiry=inquiry).values_list("producer__name", flat=True))
    assert reached == {"HTX Nước mắm Cà Ná", "Cơ sở chế biến hải sản Nhơn Hải"}
    told = set(Notification.objects.filter(verb="promotion.inquiry_routed").values_list("recipient", flat=True))
    accounts = market["accounts"]
    assert told == {accounts["ca_na"].pk, accounts["nhon_hai"].pk}


def test_without_an_area_every_certified_fish_sauce_matches_and_a_product_set_narrows_it(market):
    names = {product.name for product in matching_products("Nước mắm")}
    assert names == {"Nước mắm cá cơm Cà Ná", "Mắm nhĩ Nhơn Hải", "Nước Mắm Phan Thiết 40 độ đạm"}
    assert [p.name for p in matching_products("nước ép nho", product_set=17)] == ["Nước ép nho"]
    assert matching_products("nước ép nho", product_set=9) == []
    assert matching_products("   ") == []


def test_a_producer_answers_its_inquiry_once_and_the_office_reads_the_response_rate(market):
    inquiry = receive_inquiry(buyer_name="Anh Minh", contact="minh@example.vn", product_type="nước mắm")
    ca_na = InquiryRoute.objects.get(inquiry=inquiry, producer=market["producers"]["ca_na"])
    answer_inquiry(actor=market["accounts"]["ca_na"], route=ca_na, answer="Chúng tôi đã gọi cho anh Minh.")
    with pytest.raises(Exception, match=r"already|đã được trả lời"):
        answer_inquiry(actor=market["accounts"]["ca_na"], route=ca_na, answer="Lần nữa")
    rates = response_rates(InquiryRoute.objects.all())
    assert (rates["routed"], rates["answered"], rates["rate"]) == (3, 1, 33)
    assert {row["producer__name"]: row["rate"] for row in rates["by_producer"]}["HTX Nước mắm Cà Ná"] == 100


def _send(client, **fields):
    data = {"buyer_name": "Chị Hoa", "contact": "0912 000 111", "product_type": "nước mắm", "website": ""} | fields
    return client.post(reverse("public:inquiry"), data, REMOTE_ADDR="203.0.113.9")


def test_the_public_form_routes_an_inquiry_and_a_robot_filling_the_honeypot_stores_nothing(client, market):
    cache.clear()
    assert client.get(reverse("public:inquiry")).status_code == 200
    response = _send(client)
    assert response.status_code == 200 and BuyerInquiry.objects.count() == 1
    assert InquiryRoute.objects.count() == 3
    response = _send(client, website="http://spam.example")
    assert response.status_code == 200 and BuyerInquiry.objects.count() == 1
    response = _send(client, product_type="")
    assert response.status_code == 200 and BuyerInquiry.objects.count() == 1
    assert "product_type" in response.context["form"].errors


@override_settings(OCOP_PUBLIC_RATES={"page": (1000, 60), "lookup": (1000, 600), "inquiry": (3, 3600)})
def test_a_flood_of_inquiries_from_one_address_is_refused(client, market):
    cache.clear()
    for _ in range(3):
        assert _send(client).status_code == 200
    refused = _send(client)
    assert refused.status_code == 429 and refused["Retry-After"]
    assert BuyerInquiry.objects.count() == 3
    other = client.post(
        reverse("public:inquiry"),
        {"buyer_name": "Anh Tư", "contact": "0988 777 666", "product_type": "nước mắm"},
        REMOTE_ADDR="198.51.100.20",
    )
    assert other.status_code == 200 and BuyerInquiry.objects.count() == 4
