"""The catalogue feeds: every product whose certificate is in force, with stars, validity, photos and the check
link on the public address; an expired one is left out."""

import csv
import io
import json

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse

from ocop.certificates.domain.publication import forget
from tests.certificates.helpers import days_ago, registered
from tests.factories import make_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def products():
    cache.clear()
    forget()
    in_force = make_product(name="Nước mắm cá cơm Cà Ná", product_set=9)
    certificate = registered(in_force, days_ago(100), stars=4)
    registered(make_product(name="Vang nho cũ"), days_ago(1500))  # expired long ago
    return in_force, certificate


def test_the_json_feed_lists_the_products_in_force_with_their_check_link(client, products):
    product, certificate = products
    response = client.get(reverse("public:catalogue_feed_json"))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    data = json.loads(response.content)
    assert data["count"] == 1
    (row,) = data["products"]
    assert (row["product_name"], row["stars"], row["certificate_number"]) == (product.name, 4, certificate.number)
    assert row["valid_until"] == certificate.valid_until.isoformat()
    assert row["check_url"] == settings.SITE_URL + reverse("public:certificate", args=[certificate.number])
    assert row["photo_urls"] == []


def test_the_csv_feed_has_a_header_and_one_row_per_product(client, products):
    product, _certificate = products
    response = client.get(reverse("public:catalogue_feed_csv"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["product_code", "product_name", "product_set"]
    assert [row[1] for row in rows[1:]] == [product.name]
