"""The public catalogue lists the products whose certificate is in force: accent-insensitive search, filters by
product set, stars and area in the old and the new units, producer pages, JSON; repeat hits read only the cache."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from ocop.certificates.domain.revocation import decide_revocation, propose_revocation, suspend_certificate
from ocop.geo.enums import Era, UnitLevel
from ocop.geo.models import AdministrativeUnit
from tests.certificates.helpers import days_ago, decided_to_expire_in, issued, registered
from tests.factories import NHON_HAI, PHUOC_THUAN, make_producer, make_product

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def products():
    """Four products of two communes in two districts, and one of each status that must not be listed (dated from
    today: valid ones recognised a year or so ago, one expiring in 90 days, one expired since 01/01/2026)."""
    phuoc_thuan = make_producer(PHUOC_THUAN, name="HTX Nông nghiệp Phước Thuận")
    nhon_hai = make_producer(NHON_HAI, name="Cơ sở Nước mắm Đông Hải")
    a_year_ago = days_ago(365)
    listed = {
        "grapes": registered(make_product(phuoc_thuan, name="Nho sấy dẻo", product_set=7), a_year_ago, 4),
        "wine": registered(make_product(phuoc_thuan, name="Rượu vang nho", product_set=15), days_ago(407), 3),
        "fish_sauce": registered(make_product(nhon_hai, name="Nước mắm nhĩ", product_set=9), a_year_ago, 3),
        "expiring": registered(
            make_product(nhon_hai, name="Muối ớt xanh", product_set=10), decided_to_expire_in(90), 3
        ),
    }
    hidden = {
        "expired": registered(make_product(nhon_hai, name="Mắm cá cơm", product_set=9), D(2022, 12, 31), 3),
        "suspended": registered(make_product(nhon_hai, name="Tỏi Phan Rang", product_set=10), a_year_ago, 3),
        "revoked": registered(make_product(nhon_hai, name="Hành tím", product_set=10), a_year_ago, 3),
    }
    replaced = registered(make_product(phuoc_thuan, name="Táo sấy", product_set=7), days_ago(500), 3)
    listed["upgraded"] = issued(replaced.product, days_ago(150), stars=5)
    hidden["replaced"] = replaced
    withdrawn = registered(make_product(phuoc_thuan, name="Mật nho", product_set=7), a_year_ago, 3)
    from ocop.producers.domain.products import withdraw_product

    withdraw_product(actor=None, product=withdrawn.product, reason="Ngừng sản xuất")
    hidden["withdrawn"] = withdrawn
    today = timezone.localdate()
    suspend_certificate(
        actor=None,
        certificate=hidden["suspended"],
        starts_on=today,
        until=today + datetime.timedelta(days=30),
        reason="Nhãn sai",
    )
    proposal = propose_revocation(
        actor=None, certificate=hidden["revoked"], ground="mark_misuse", finding="Sai sao", found_on=today
    )
    decide_revocation(
        actor=None,
        proposal=proposal,
        number="1/QĐ-UBND",
        decided_on=today,
        issuing_body="UBND tỉnh Khánh Hòa",
        public_reason="Sai nhãn",
    )
    return listed, hidden


def _numbers(client, **params) -> set[str]:
    response = client.get(reverse("public:catalogue_json"), params)
    assert response.status_code == 200
    return {row["number"] for row in response.json()["results"]}


def _of(certificates, *names) -> set[str]:
    return {certificates[name].number for name in names}


def test_only_products_in_force_are_listed(client, products):
    listed, hidden = products
    assert _numbers(client) == _of(listed, *listed)
    page = client.get(reverse("public:catalogue")).content.decode()
    for name, certificate in hidden.items():
        assert reverse("public:certificate", args=[certificate.number]) not in page, name
    assert reverse("public:certificate", args=[listed["upgraded"].number]) in page


def test_search_ignores_accents_and_d(client, products):
    listed, _hidden = products
    assert _numbers(client, q="nuoc mam nhi") == _of(listed, "fish_sauce")
    assert _numbers(client, q="DONG HAI") == _of(listed, "fish_sauce", "expiring")  # the producer's name
    assert _numbers(client, q="muoi ot") == _of(listed, "expiring")
    assert _numbers(client, q="nho phuoc thuan") == _of(listed, "grapes", "wine")
    assert _numbers(client, q="không có gì") == set()


def test_filters_by_product_set_and_stars(client, products):
    listed, _hidden = products
    assert _numbers(client, product_set=9) == _of(listed, "fish_sauce")
    assert _numbers(client, stars=4) == _of(listed, "grapes")
    assert _numbers(client, stars=5, product_set=7) == _of(listed, "upgraded")


def test_filters_by_area_in_the_old_and_the_new_units(client, products):
    listed, _hidden = products
    ninh_phuoc = AdministrativeUnit.objects.get(era=Era.BEFORE_2025, level=UnitLevel.DISTRICT, code="587")
    phuoc_thuan = AdministrativeUnit.objects.get(era=Era.BEFORE_2025, level=UnitLevel.COMMUNE, code="22882")
    new_commune = phuoc_thuan.successions.get().successor  # xã Ninh Phước (Khánh Hòa) since 1/7/2025
    assert new_commune.era == Era.FROM_2025
    in_phuoc_thuan = _of(listed, "grapes", "wine", "upgraded")
    assert _numbers(client, area=ninh_phuoc.pk) == in_phuoc_thuan
    assert _numbers(client, area=phuoc_thuan.pk) == in_phuoc_thuan
    assert _numbers(client, area=new_commune.pk) == in_phuoc_thuan
    page = client.get(reverse("public:catalogue")).content.decode()
    assert new_commune.name in page and ninh_phuoc.name in page  # both eras are offered


def test_repeat_hits_of_any_filter_read_only_the_cache(client, products, django_assert_num_queries):
    client.get(reverse("public:catalogue"))
    with django_assert_num_queries(0):
        assert client.get(reverse("public:catalogue"), {"q": "nho", "stars": 4}).status_code == 200
        assert client.get(reverse("public:catalogue_json"), {"product_set": 9}).status_code == 200
        assert client.get(reverse("public:catalogue"), {"page": 99, "area": "abc"}).status_code == 200


def test_a_revocation_takes_the_product_out_of_the_catalogue(client, products, django_capture_on_commit_callbacks):
    listed, _hidden = products
    assert listed["grapes"].number in _numbers(client)
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        proposal = propose_revocation(
            actor=None, certificate=listed["grapes"], ground="dishonest", finding="Hồ sơ giả", found_on=today
        )
        decide_revocation(
            actor=None,
            proposal=proposal,
            number="2/QĐ-UBND",
            decided_on=today,
            issuing_body="UBND tỉnh Khánh Hòa",
            public_reason="Hồ sơ có thông tin không trung thực.",
        )
    assert listed["grapes"].number not in _numbers(client)


def test_the_producer_page_lists_its_products_in_force_and_its_earlier_certificates(client, products):
    listed, hidden = products
    producer = hidden["replaced"].producer
    response = client.get(reverse("public:producer", args=[producer.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "HTX Nông nghiệp Phước Thuận" in page and "schema.org" in page
    data = client.get(reverse("public:producer_json", args=[producer.pk])).json()
    assert {row["number"] for row in data["in_force"]} == _of(listed, "grapes", "wine", "upgraded")
    assert {row["number"] for row in data["earlier"]} == {hidden["replaced"].number, hidden["withdrawn"].number}


def test_a_producer_without_certificates_has_no_public_page(client):
    producer = make_producer()
    assert client.get(reverse("public:producer", args=[producer.pk])).status_code == 404
    assert client.get(reverse("public:producer_json", args=[producer.pk])).status_code == 404
    assert client.get(reverse("public:producer", args=[999999])).status_code == 404


def test_the_catalogue_is_empty_with_a_clear_message(client):
    page = client.get(reverse("public:catalogue"), {"q": "xyz"}).content.decode()
    assert "empty-state" in page


def test_the_home_page_offers_the_check_and_the_catalogue(client):
    page = client.get(reverse("public:home")).content.decode()
    assert reverse("public:certificate_search") in page and reverse("public:catalogue") in page


def test_a_filter_that_is_not_understood_leaves_the_others_working(client, products):
    listed, _hidden = products
    page = client.get(reverse("public:catalogue"), {"q": "nuoc mam nhi", "area": "999999999"}).content.decode()
    assert listed["fish_sauce"].product_name in page and listed["grapes"].product_name not in page
    assert client.get(reverse("public:catalogue_json"), {"area": "abc"}).status_code == 400
