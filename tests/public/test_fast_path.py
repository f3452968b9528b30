"""The public pages a QR code opens are answered before Django's request path once they are kept: the same bytes and
headers as Django's answer, the same throttle counted once, and everything personal, refused or changed goes on to
Django as before. Driven through the WSGI application gunicorn serves (ocop.wsgi)."""

import datetime

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from ocop.certificates.domain.revocation import suspend_certificate
from ocop.public.page_cache import PublicPageFastPath
from tests.certificates.helpers import registered
from tests.factories import make_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def wsgi(settings):
    """Call the WSGI application as ocop.wsgi builds it for gunicorn (anew each time, so that it reads the test's
    settings); counts the requests that reached Django's request path."""
    # As Django's test client does: the test's transaction must not be closed at the end of a request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    reached = {"django": 0}

    def count(**_kwargs):
        reached["django"] += 1

    request_started.connect(count)

    def get(url, method="GET", **headers):
        environ = RequestFactory().generic(method, url, **headers).environ
        answer = {}

        def start_response(status, response_headers):
            answer["status"], answer["headers"] = int(status.split()[0]), dict(response_headers)

        result = PublicPageFastPath(WSGIHandler())(environ, start_response)
        answer["body"] = b"".join(result)
        getattr(result, "close", lambda: None)()
        return answer

    yield get, reached
    request_started.disconnect(count)
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def certificate():
    return registered(make_product(name="Nho sấy dẻo"), datetime.date(2025, 3, 1))


def test_a_repeat_scan_is_answered_before_django_with_the_same_bytes_and_headers(wsgi, certificate):
    get, reached = wsgi
    url = reverse("public:certificate", args=[certificate.number])
    first = get(url)
    assert first["status"] == 200 and reached["django"] == 1
    again = get(url)
    assert reached["django"] == 1, "the kept page was answered without Django's request path"
    assert again == first
    for header in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Content-Language"):
        assert header in again["headers"]
    assert int(again["headers"]["Content-Length"]) == len(again["body"])
    assert "Nho sấy dẻo".encode() in again["body"]


def test_a_wrong_number_is_remembered_as_not_found_too(wsgi):
    get, reached = wsgi
    url = reverse("public:certificate", args=["58-22882-999-2024/2024"])
    assert get(url)["status"] == 404 and get(url)["status"] == 404
    assert reached["django"] == 1


def test_each_request_counts_once_against_the_rate_and_the_refusal_is_djangos(wsgi, certificate, settings):
    get, reached = wsgi
    settings.OCOP_PUBLIC_RATES = {"page": (100, 60), "lookup": (3, 600)}
    url = reverse("public:certificate", args=[certificate.number])
    assert [get(url)["status"] for _ in range(3)] == [200, 200, 200]  # one through Django, two before it
    refused = get(url)
    assert refused["status"] == 429 and "Retry-After" in refused["headers"]
    assert "Quá nhiều yêu cầu".encode() in refused["body"]
    assert reached["django"] == 2


def test_a_change_shows_on_the_next_scan(wsgi, certificate, django_capture_on_commit_callbacks):
    get, reached = wsgi
    url = reverse("public:certificate", args=[certificate.number])
    assert b'data-status="valid"' in get(url)["body"]
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        suspend_certificate(
            actor=None, certificate=certificate, starts_on=today, until=today + datetime.timedelta(days=30),
            reason="Chỉ tiêu vi sinh chưa đạt.",
        )  # fmt: skip
    after = get(url)
    assert b'data-status="suspended"' in after["body"] and reached["django"] == 2


def test_languages_are_kept_apart(wsgi, certificate):
    get, reached = wsgi
    url = reverse("public:certificate", args=[certificate.number])
    vietnamese, english = get(url), get(url, HTTP_COOKIE="django_language=en")
    assert vietnamese["headers"]["Content-Language"] == "vi" and english["headers"]["Content-Language"] == "en"
    assert get(url, HTTP_COOKIE="django_language=en") == english and reached["django"] == 2


@pytest.mark.parametrize(
    ("method", "headers", "status"),
    [
        ("GET", {"HTTP_COOKIE": "sessionid=abc"}, 200),  # a session: built for the visitor
        ("POST", {}, 403),  # refused by the CSRF check, as before
        ("GET", {"HTTP_HOST": "attacker.example"}, 400),
    ],
)
def test_what_is_personal_or_refused_goes_on_to_django(wsgi, certificate, method, headers, status):
    get, reached = wsgi
    url = reverse("public:certificate", args=[certificate.number])
    get(url)
    assert get(url, method=method, **headers)["status"] == status
    assert reached["django"] == 2


def test_plain_http_goes_on_to_the_https_redirect_where_https_is_required(wsgi, certificate, settings):
    get, reached = wsgi
    url = reverse("public:certificate", args=[certificate.number])
    get(url)
    settings.SECURE_SSL_REDIRECT = True
    assert get(url)["status"] == 301 and reached["django"] == 2


def test_back_office_pages_are_never_answered_before_django(wsgi):
    get, reached = wsgi
    for _ in range(2):
        assert get(reverse("backoffice:dashboard"))["status"] == 302
    assert reached["django"] == 2


def test_gunicorn_serves_the_fast_path():
    from ocop.wsgi import application

    assert isinstance(application, PublicPageFastPath)


def test_the_catalogue_under_a_visitors_filter_is_kept_per_address(wsgi, certificate):
    get, reached = wsgi
    searched = reverse("public:catalogue") + "?q=nho+say"
    first = get(searched)
    assert "Nho sấy dẻo".encode() in first["body"]
    assert get(searched) == first and reached["django"] == 1
    assert get(reverse("public:catalogue") + "?q=xoai")["body"] != first["body"] and reached["django"] == 2


def test_every_scan_of_a_stamp_is_recorded_whichever_path_answers_it(wsgi, settings):
    import time

    from ocop.traceability.domain.scan import stamp_path
    from ocop.traceability.domain.scan_log import flush_scans
    from ocop.traceability.domain.stamps import issue_stamps, request_stamps
    from ocop.traceability.models import Scan

    get, reached = wsgi
    settings.OCOP_PUBLIC_RATES = {"page": (100, 60), "lookup": (3, 600)}
    product = make_product()
    stamp = issue_stamps(actor=None, batch=request_stamps(actor=None, product=product, quantity=1)).stamps.get()
    answers = [get(stamp_path(product, stamp.serial))["status"] for _ in range(4)]
    assert answers == [200, 200, 200, 429] and reached["django"] == 2  # the first and the refused one
    assert flush_scans(now=time.time() + 180) == 3  # the refused request was not a scan
    assert Scan.objects.filter(stamp=stamp, verdict="genuine").count() == 3
