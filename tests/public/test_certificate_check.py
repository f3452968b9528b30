"""The public check page: one read on the first hit, none on repeat hits, a clear "not found", and a revocation
visible from the next request."""

import datetime
import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from ocop.certificates.domain.revocation import decide_revocation, propose_revocation, suspend_certificate
from tests.certificates.helpers import days_ago, issued, registered
from tests.factories import make_producer, make_product

pytestmark = pytest.mark.django_db
D = datetime.date


def _page(client, number):
    return client.get(reverse("public:certificate", args=[number]))


def _status(response) -> str:
    return re.search(r'data-status="(\w+)"', response.content.decode()).group(1)


def test_the_page_shows_product_producer_stars_and_validity(client):
    producer = make_producer(name="HTX Nông nghiệp Phước Thuận", address="Thôn Hiếu Thiện")
    product = make_product(producer, name="Nho sấy dẻo Phước Thuận", product_set=7)
    certificate = registered(product, days_ago(365), stars=4)
    response = _page(client, certificate.number)
    assert response.status_code == 200
    page = response.content.decode()
    assert _status(response) == "valid"
    assert "Nho sấy dẻo Phước Thuận" in page and "HTX Nông nghiệp Phước Thuận" in page
    assert f"{certificate.valid_until:%d/%m/%Y}" in page and "★★★★" in page
    assert "Còn hiệu lực" in page  # the status in large clear words, in Vietnamese


def test_repeat_hits_answer_from_the_cache_without_the_database(client, django_assert_num_queries):
    certificate = registered(make_product(), D(2024, 12, 27))
    with django_assert_num_queries(2):  # the rule set's notice period for today, then the one indexed read
        assert _page(client, certificate.number).status_code == 200
    with django_assert_num_queries(0):
        assert _page(client, certificate.number).status_code == 200
        assert client.get(reverse("public:certificate_json", args=[certificate.number])).status_code == 200


def test_a_wrong_number_gets_a_clear_not_found_page(client, django_assert_num_queries):
    response = _page(client, "58-22882-999-2024/2024")
    assert response.status_code == 404
    assert "58-22882-999-2024/2024" in response.content.decode()
    with django_assert_num_queries(0):  # remembered too: guessing numbers does not load the database
        assert _page(client, "58-22882-999-2024/2024").status_code == 404


@pytest.mark.parametrize("number", ["<script>", "'; drop table", "a", "x" * 300, "58 22882 ☃"])
def test_a_malformed_number_is_not_found_without_touching_the_database(client, django_assert_num_queries, number):
    with django_assert_num_queries(0):
        response = _page(client, number)
        assert response.status_code == 404
        assert "<script>" not in response.content.decode().split("</header>", 1)[1]
        search = client.get(reverse("public:certificate_search"), {"number": number})
        assert search.status_code == 404
        json_response = client.get(reverse("public:certificate_json", args=[number]))
        assert json_response.status_code == 404 and json_response.json()["found"] is False


def test_the_search_form_goes_to_the_page_and_numbers_are_read_forgivingly(client):
    certificate = registered(make_product(), D(2024, 12, 27))
    response = client.get(reverse("public:certificate_search"), {"number": f"  {certificate.number.lower()} "})
    assert response.status_code == 302
    assert response["Location"] == reverse("public:certificate", args=[certificate.number])
    spaced = _page(client, certificate.number.replace("/", " / "))
    assert spaced.status_code == 302
    assert spaced["Location"] == reverse("public:certificate", args=[certificate.number])
    assert client.get(reverse("public:certificate_search")).status_code == 200


def test_a_revocation_shows_from_the_next_request_with_its_reason(client, django_capture_on_commit_callbacks):
    certificate = registered(make_product(), days_ago(365))
    assert _status(_page(client, certificate.number)) == "valid"  # now cached
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        proposal = propose_revocation(
            actor=None, certificate=certificate, ground="mark_misuse", finding="Dán tem 4 sao", found_on=today
        )
    assert _status(_page(client, certificate.number)) == "valid"  # a proposal is not a decision
    with django_capture_on_commit_callbacks(execute=True):
        decide_revocation(
            actor=None,
            proposal=proposal,
            number="2101/QĐ-UBND",
            decided_on=today,
            issuing_body="UBND tỉnh Khánh Hòa",
            public_reason="Sử dụng nhãn OCOP sai hạng sao được công nhận.",
        )
    response = _page(client, certificate.number)
    page = response.content.decode()
    assert _status(response) == "revoked"
    assert "Đã thu hồi" in page
    assert "Sử dụng nhãn OCOP sai hạng sao được công nhận." in page and "2101/QĐ-UBND" in page
    data = client.get(reverse("public:certificate_json", args=[certificate.number])).json()
    assert data["status"]["code"] == "revoked" and data["status"]["in_force"] is False
    assert data["revocation"]["reason"] == "Sử dụng nhãn OCOP sai hạng sao được công nhận."


def test_a_suspension_shows_with_its_reason(client, django_capture_on_commit_callbacks):
    certificate = registered(make_product(), days_ago(365))
    _page(client, certificate.number)
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        suspend_certificate(
            actor=None,
            certificate=certificate,
            starts_on=today,
            until=today + datetime.timedelta(days=30),
            reason="Chỉ tiêu vi sinh chưa đạt, chờ kiểm nghiệm lại.",
        )
    response = _page(client, certificate.number)
    assert _status(response) == "suspended"
    assert "Chỉ tiêu vi sinh chưa đạt, chờ kiểm nghiệm lại." in response.content.decode()


def test_a_replaced_certificate_points_to_the_one_in_force_and_both_stay(client, django_capture_on_commit_callbacks):
    product = make_product()
    old = registered(product, days_ago(500), stars=3)
    _page(client, old.number)
    with django_capture_on_commit_callbacks(execute=True):
        new = issued(product, days_ago(30), stars=4)
    response = _page(client, old.number)
    page = response.content.decode()
    assert _status(response) == "replaced"
    assert reverse("public:certificate", args=[new.number]) in page
    data = client.get(reverse("public:certificate_json", args=[new.number])).json()
    assert data["replaces"] == old.number and data["current"] == new.number
    assert [row["number"] for row in data["history"]] == [new.number, old.number]
    assert [row["status"]["code"] for row in data["history"]] == ["valid", "replaced"]


def test_an_upgrade_dossier_in_progress_shows_under_re_evaluation(client, django_capture_on_commit_callbacks):
    from tests.factories import make_dossier

    product = make_product()
    certificate = registered(product, days_ago(365))
    assert _status(_page(client, certificate.number)) == "valid"
    with django_capture_on_commit_callbacks(execute=True):
        make_dossier(product, state="submitted", kind="upgrade")
    assert _status(_page(client, certificate.number)) == "reevaluating"


def test_the_page_carries_schema_org_markup(client):
    certificate = registered(make_product(name="Muối tôm Tây Ninh", product_set=10), days_ago(365), stars=3)
    page = _page(client, certificate.number).content.decode()
    markup = json.loads(re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', page, re.S).group(1))
    assert markup["@type"] == "Product" and markup["name"] == "Muối tôm Tây Ninh"
    certification = markup["hasCertification"]
    assert certification["certificationIdentification"] == certificate.number
    assert certification["certificationStatus"] == "https://schema.org/CertificationActive"
    assert certification["expires"] == certificate.valid_until.isoformat()
    assert certification["certificationRating"]["ratingValue"] == 3
