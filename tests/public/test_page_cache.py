"""Rendered public pages are kept whole for anonymous visitors: a repeat scan renders nothing, a revocation shows on
the next request, and a visitor with anything personal (a session) always gets a page built for them."""

import datetime

import pytest
from django.core.cache import cache
from django.template import Template
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ocop.accounts.enums import Role
from ocop.certificates.domain.revocation import suspend_certificate
from ocop.common.cache import FileCache
from tests.certificates.helpers import registered
from tests.factories import make_product, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def renders(monkeypatch):
    """How many templates were rendered."""
    count = {"templates": 0}
    original = Template.render

    def counting(self, context):
        count["templates"] += 1
        return original(self, context)

    monkeypatch.setattr(Template, "render", counting)
    return count


def test_a_repeat_scan_is_answered_from_the_kept_page_without_rendering(client, renders):
    certificate = registered(make_product(name="Nho sấy dẻo"), datetime.date(2025, 3, 1))
    url = reverse("public:certificate", args=[certificate.number])
    first = client.get(url)
    assert first.status_code == 200 and renders["templates"] > 0
    renders["templates"] = 0
    again = client.get(url)
    assert renders["templates"] == 0
    assert again.content == first.content and again["Content-Type"] == first["Content-Type"]


def test_every_kept_page_gives_way_when_a_certificate_changes(client, django_capture_on_commit_callbacks):
    """The catalogue under any filter a visitor typed, not only the certificate's own page."""
    certificate = registered(make_product(name="Nho sấy dẻo"), datetime.date(2025, 3, 1))
    searched = reverse("public:catalogue") + "?q=nho+say"
    assert "Nho sấy dẻo" in client.get(searched).content.decode()
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        suspend_certificate(
            actor=None, certificate=certificate, starts_on=today, until=today + datetime.timedelta(days=30),
            reason="Chỉ tiêu vi sinh chưa đạt.",
        )  # fmt: skip
    assert "Nho sấy dẻo" not in client.get(searched).content.decode()


def test_a_logged_in_visitor_and_each_language_get_their_own_page(client):
    certificate = registered(make_product(), datetime.date(2025, 3, 1))
    url = reverse("public:certificate", args=[certificate.number])
    assert client.get(url).status_code == 200
    officer = make_user(Role.PROVINCE_OFFICE, full_name="Nguyễn Thị Thu Hà")
    client.force_login(officer)
    assert "Nguyễn Thị Thu Hà" in client.get(url).content.decode()  # never a page kept for someone else
    english = Client()
    english.cookies["django_language"] = "en"
    assert 'lang="en"' in english.get(url).content.decode()


def test_the_language_switch_works_without_a_token_so_kept_pages_carry_none():
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get(reverse("public:catalogue")).content.decode()
    assert "csrfmiddlewaretoken" not in page
    response = visitor.post(reverse("set_language"), {"language": "en", "next": "/products/"})
    assert response.status_code == 302 and response["Location"] == "/products/"
    assert response.cookies["django_language"].value == "en"


def test_the_file_cache_lists_its_folder_at_most_once_a_minute(tmp_path, monkeypatch):
    file_cache = FileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 2}})
    listings = []
    original = FileCache._list_cache_files
    monkeypatch.setattr(FileCache, "_list_cache_files", lambda self: listings.append(1) or original(self))
    for number in range(5):
        file_cache.set(f"key-{number}", number)
    assert len(listings) == 1
    assert len(list(tmp_path.iterdir())) <= 5
    cache.clear()
