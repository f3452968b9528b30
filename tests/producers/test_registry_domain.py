import datetime

import pytest
from django.core.exceptions import ValidationError

from ocop.common.models import ActivityLog
from ocop.producers.domain.codes import format_product_code
from ocop.producers.domain.producers import update_producer
from ocop.producers.domain.products import create_product, gtin_is_valid, update_product, withdraw_product
from ocop.producers.enums import LegalForm
from ocop.producers.models import Producer, Product
from tests.factories import NHON_HAI, make_producer, make_product

pytestmark = pytest.mark.django_db


def test_a_producer_is_stored_clean_and_logged():
    producer = make_producer(name="  HTX  DV tổng hợp nông nghiệp Thái An ", registration_number=" 4101 234 567 ")
    assert producer.name == "HTX DV tổng hợp nông nghiệp Thái An"
    assert producer.search_name == "htx dv tong hop nong nghiep thai an"
    assert producer.registration_number == "4101234567"
    assert ActivityLog.objects.filter(verb="producers.producer_created", target_id=str(producer.pk)).exists()


def test_registration_numbers_are_unique_where_present():
    make_producer(registration_number="4101234567")
    make_producer(registration_number="")
    make_producer(registration_number="")
    with pytest.raises(ValidationError) as error:
        make_producer(registration_number="4101234567")
    assert "registration_number" in error.value.message_dict


def test_the_same_name_is_refused_in_the_same_commune_only():
    make_producer(name="HTX Nông nghiệp Phước Thuận")
    with pytest.raises(ValidationError) as error:
        make_producer(name="htx nong nghiep phuoc thuan")
    assert "name" in error.value.message_dict
    make_producer(NHON_HAI, name="HTX Nông nghiệp Phước Thuận")
    assert Producer.objects.filter(search_name="htx nong nghiep phuoc thuan").count() == 2


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"name": ""}, "name"),
        ({"legal_form": LegalForm.COOPERATIVE, "enterprise_size": "small"}, "enterprise_size"),
        ({"representative_ethnicity": "Không có"}, "representative_ethnicity"),
    ],
)
def test_bad_producer_values_are_refused_field_by_field(values, field):
    with pytest.raises(ValidationError) as error:
        make_producer(**values)
    assert field in error.value.message_dict
    assert not Producer.objects.exists()


def test_a_producer_must_be_in_a_commune():
    with pytest.raises(ValidationError) as error:
        make_producer(("587", "district"))
    assert "unit" in error.value.message_dict


def test_update_logs_the_changed_fields_only():
    producer = make_producer(phone="")
    update_producer(actor=None, producer=producer, phone="0259 3888 999", name=producer.name)
    log = ActivityLog.objects.get(verb="producers.producer_updated")
    assert log.data == {"changed": {"phone": "0259 3888 999"}}


def test_product_codes_count_per_commune_and_year_and_never_change():
    producer = make_producer()
    first = make_product(producer, registered_in=2024)
    second = make_product(producer, registered_in=2024)
    other_year = make_product(producer, registered_in=2025)
    elsewhere = make_product(make_producer(NHON_HAI), registered_in=2024)
    assert [first.code, second.code, other_year.code] == ["58-22882-001-2024", "58-22882-002-2024", "58-22882-001-2025"]
    assert elsewhere.code == "58-22867-001-2024"
    update_product(actor=None, product=first, name="Nho sấy dẻo không đường")
    first.refresh_from_db()
    assert first.code == "58-22882-001-2024"


def test_a_product_of_a_new_commune_gets_todays_codes():
    producer = make_producer(("22870", "commune", "from_2025"))
    product = make_product(producer, registered_in=2026)
    assert product.code == "56-22870-001-2026"
    assert format_product_code("56", "22870", 1234, 2026) == "56-22870-1234-2026"


def test_an_existing_official_code_can_be_kept_once():
    producer = make_producer()
    create_product(actor=None, producer=producer, name="Nho xanh", product_set=1, code="58-22882-007-2021")
    with pytest.raises(ValidationError):
        create_product(actor=None, producer=producer, name="Nho đỏ", product_set=1, code="58-22882-007-2021")
    with pytest.raises(ValidationError):
        create_product(actor=None, producer=producer, name="Nho tím", product_set=1, code="NHO-1")


@pytest.mark.parametrize("product_set", [0, 27])
def test_product_sets_go_from_1_to_26(product_set):
    with pytest.raises(ValidationError) as error:
        make_product(product_set=product_set)
    assert "product_set" in error.value.message_dict


def test_gtin_check_digits():
    assert gtin_is_valid("8935049500018")
    assert gtin_is_valid("96385074")
    assert not gtin_is_valid("8935049500019")
    assert not gtin_is_valid("89350495")
    with pytest.raises(ValidationError):
        make_product(gtin="8935049500019")


def test_withdrawal_needs_a_reason_and_happens_once():
    product = make_product()
    with pytest.raises(ValidationError):
        withdraw_product(actor=None, product=product, reason=" ")
    withdraw_product(actor=None, product=product, reason="Ngừng sản xuất", on=datetime.date(2026, 3, 1))
    with pytest.raises(ValidationError):
        withdraw_product(actor=None, product=product, reason="Lần nữa")
    assert Product.objects.get(pk=product.pk).withdrawn_on == datetime.date(2026, 3, 1)
