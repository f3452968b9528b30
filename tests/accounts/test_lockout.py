"""Login lockout behind proxies: the client's own address, a pair and an address locked, an account alone never."""

import pytest
from django.test import RequestFactory

from ocop.common.client import client_address
from ocop.common.models import ActivityLog
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db
LOGIN = "/backoffice/login/"
PROXY = "127.0.0.1"


def log_in(client, username, password, forwarded_for):
    return client.post(
        LOGIN, {"username": username, "password": password}, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for
    )


@pytest.mark.parametrize(
    ("hops", "forwarded_for", "expected"),
    [
        (0, "203.0.113.5", PROXY),  # no proxy configured: the header is the client's own writing
        (1, "203.0.113.5", "203.0.113.5"),
        (1, "10.9.9.9, 203.0.113.5", "203.0.113.5"),  # the leftmost entry was forged by the client
        (2, "10.9.9.9, 203.0.113.5, 192.0.2.1", "203.0.113.5"),
        (2, "203.0.113.5", PROXY),  # fewer hops than configured: not through the proxies
        (1, "", PROXY),
        (1, "not-an-address", PROXY),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_the_client_address_is_exactly_the_configured_number_of_hops_back(settings, hops, forwarded_for, expected):
    settings.OCOP_PROXY_COUNT = hops
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for)
    assert client_address(request) == expected


def test_behind_the_proxy_one_address_cannot_lock_the_administrator_out_for_everyone(client, settings):
    settings.OCOP_PROXY_COUNT = 1
    make_user(username="admin", is_superuser=True)
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        # Rotating the forged leftmost entry does not help the attacker.
        log_in(client, "admin", "doan-mo", f"10.0.0.{attempt}, 203.0.113.5")
    assert log_in(client, "admin", PASSWORD, "203.0.113.5").status_code == 429
    lockouts = ActivityLog.objects.filter(verb="auth.locked_out")
    assert {tuple(entry.data.items()) for entry in lockouts} == {(("username", "admin"), ("ip_address", "203.0.113.5"))}

    assert log_in(client.__class__(), "admin", PASSWORD, "198.51.100.7").status_code == 302


def test_password_spraying_from_one_address_is_stopped_across_accounts(client, settings):
    settings.OCOP_PROXY_COUNT = 1
    settings.OCOP_LOGIN_ADDRESS_FAILURE_LIMIT = 6
    people = [make_user(username=f"canbo{number}") for number in range(7)]
    for person in people[:5]:
        assert log_in(client, person.username, "Matkhau@2026", "203.0.113.5").status_code == 200
    # The sixth failure reaches the address limit although no account had more than one.
    assert log_in(client, people[5].username, "Matkhau@2026", "203.0.113.5").status_code == 429
    assert log_in(client, people[6].username, PASSWORD, "203.0.113.5").status_code == 429
    assert "Tạm ngừng đăng nhập" in log_in(client, people[6].username, PASSWORD, "203.0.113.5").content.decode()
    assert ActivityLog.objects.filter(verb="auth.locked_out").exists()

    assert log_in(client.__class__(), people[6].username, PASSWORD, "198.51.100.7").status_code == 302
