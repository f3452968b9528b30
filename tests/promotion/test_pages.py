"""The promotion screens: lists with a constant number of queries and their Excel export, the registration refused
on the fair's page with its reason, the producer's inbox of inquiries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ocop.accounts.enums import Role
from ocop.promotion.domain import fairs
from ocop.promotion.domain.inquiries import receive_inquiry
from ocop.promotion.models import FairRegistration, InquiryRoute
from tests.certificates.helpers import days_ago, registered
from tests.factories import make_producer, make_producer_account, make_product, make_user
from tests.promotion.helpers import certified_product, make_fair, make_sales_point

pytestmark = pytest.mark.django_db
D = datetime.date


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_lists_cost_the_same_queries_with_more_rows_and_export_to_excel(client):
    client.force_login(make_user(Role.PROVINCE_OFFICE))
    for number in range(2):
        point = make_sales_point(name=f"Điểm {number}", products=[make_product()])
        fair = make_fair(name=f"Hội chợ {number}")
        fairs.register_product(actor=None, fair=fair, product=certified_product(on=D(2023, 6, 1)))
        receive_inquiry(buyer_name="Chị Tư", contact="0901", product_type="sản phẩm")
    lists = [
        reverse("backoffice:sales_point_list"),
        reverse("backoffice:fair_list"),
        reverse("backoffice:inquiry_list"),
    ]
    before = [_queries(client, url) for url in lists]
    for number in range(3):
        make_sales_point(name=f"Điểm thêm {number}", products=[make_product(), make_product()])
        fairs.register_product(
            actor=None, fair=make_fair(name=f"Thêm {number}"), product=certified_product(on=D(2023, 6, 1))
        )
        receive_inquiry(buyer_name="Anh Ba", contact="0900", product_type="sản phẩm")
    assert [_queries(client, url) for url in lists] == before
    for name in ("backoffice:sales_point_list", "backoffice:fair_list"):
        response = client.get(reverse(name), {"format": "xlsx"})
        assert response.status_code == 200 and b"".join(response.streaming_content)[:2] == b"PK"
    assert client.get(reverse("backoffice:sales_point_detail", args=[point.pk])).status_code == 200


def test_a_producer_registering_an_expired_product_on_the_fair_page_reads_why(client):
    producer = make_producer()
    client.force_login(make_producer_account(producer))
    product = make_product(producer, name="Tỏi Phan Rang")
    certificate = registered(product, D(2020, 1, 2))
    fair = make_fair(starts_on=D(2024, 5, 10), ends_on=D(2024, 5, 14))
    response = client.post(reverse("backoffice:fair_register", args=[fair.pk]), {"product": product.pk}, follow=True)
    page = response.content.decode()
    assert certificate.number in page and certificate.valid_until.strftime("%d/%m/%Y") in page
    assert not FairRegistration.objects.exists()


def test_a_producer_sees_and_answers_only_its_own_inquiries(client):
    producer = make_producer(name="HTX Nước mắm Cà Ná")
    registered(make_product(producer, name="Nước mắm cá cơm"), days_ago(90))
    other = make_producer(name="HTX Nho")
    registered(make_product(other, name="Nho sấy"), days_ago(90))
    fish = receive_inquiry(buyer_name="Chị Hoa", contact="0912", product_type="nước mắm")
    grapes = receive_inquiry(buyer_name="Anh Nam", contact="0913", product_type="nho sấy")
    client.force_login(make_producer_account(producer))
    inbox = client.get(reverse("backoffice:inquiry_list")).content.decode()
    assert "Chị Hoa" in inbox and "Anh Nam" not in inbox
    assert client.get(reverse("backoffice:inquiry_detail", args=[grapes.pk])).status_code == 404
    client.post(reverse("backoffice:inquiry_answer", args=[fish.pk]), {"answer": "Đã gọi điện cho chị Hoa."})
    assert InquiryRoute.objects.get(inquiry=fish).state == "answered"
