"""Public pages are throttled per address; lookups by number have a lower rate; oversized bodies are refused."""

import pytest
from django.urls import reverse

from ocop.accounts.enums import Role
from tests.factories import make_producer, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def low_rates(settings):
    settings.OCOP_PUBLIC_RATES = {"page": (3, 60), "lookup": (2, 600)}
    settings.OCOP_PROXY_COUNT = 1


def from_address(client, url, address):
    return client.get(url, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=address)


def test_lookups_by_number_beyond_the_rate_are_refused_in_vietnamese(client, low_rates):
    numbers = ["01/2026/QĐ-UBND", "02/2026/QĐ-UBND"]
    for number in numbers:
        assert from_address(client, reverse("public:certificate", args=[number]), "203.0.113.5").status_code == 404
    producer = make_producer()
    refused = from_address(client, reverse("public:producer", args=[producer.pk]), "203.0.113.5")
    assert refused.status_code == 429
    assert refused["Retry-After"].isdigit() and 0 < int(refused["Retry-After"]) <= 600
    page = refused.content.decode()
    assert "Quá nhiều yêu cầu" in page and "Hãy thử lại sau" in page
    # Another client is not affected.
    assert from_address(client, reverse("public:certificate", args=[numbers[0]]), "198.51.100.7").status_code == 404


def test_ordinary_public_pages_have_their_own_rate(client, low_rates):
    for _request in range(3):
        assert from_address(client, reverse("public:catalogue"), "203.0.113.5").status_code == 200
    assert from_address(client, reverse("public:calculator"), "203.0.113.5").status_code == 429
    # The page rate does not use up the lookups.
    lookup = reverse("public:certificate", args=["01/2026/QĐ-UBND"])
    assert from_address(client, lookup, "203.0.113.5").status_code == 404


def test_a_body_larger_than_the_upload_limit_is_refused_before_it_is_read(client, settings):
    client.force_login(make_user(Role.PROVINCE_OFFICE))
    response = client.post(
        reverse("backoffice:import_start"),
        data=b"x",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(settings.OCOP_MAX_REQUEST_BYTES + 1),
    )
    assert response.status_code == 413
    assert "Tệp quá lớn" in response.content.decode()
    assert "Mỗi tệp tối đa 20,0\xa0MB." in response.content.decode()
