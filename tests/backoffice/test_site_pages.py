"""A server error answers in Vietnamese and keeps the menu (or, when even the menu fails, still answers); browsers
asking for /favicon.ico get the mark."""

import pytest
from django.test import Client, RequestFactory
from django.utils.functional import SimpleLazyObject

from ocop.accounts.enums import Role
from ocop.backoffice.views.site import server_error
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def failing_site(settings):
    settings.ROOT_URLCONF = "tests.backoffice.failing_urls"
    return Client(raise_request_exception=False)


def test_a_server_error_answers_in_vietnamese_with_the_menu(failing_site):
    failing_site.force_login(make_user(Role.PROVINCE_OFFICE, full_name="Nguyễn Thị Thu Hà"))
    response = failing_site.get("/fail/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "<h1>Đã có lỗi xảy ra</h1>" in page
    assert 'aria-label="Trình đơn chính"' in page and ">Hồ sơ<" in page
    assert "Nguyễn Thị Thu Hà" in page
    assert "Server Error" not in page


def test_a_server_error_answers_the_public_without_a_menu(failing_site):
    page = failing_site.get("/fail/").content.decode()
    assert "<h1>Đã có lỗi xảy ra</h1>" in page
    assert "Trình đơn chính" not in page


def test_the_error_page_is_drawn_even_when_the_request_is_broken():
    def broken_user():
        raise RuntimeError("the session store is down")

    request = RequestFactory().get("/backoffice/")
    request.user = SimpleLazyObject(broken_user)
    response = server_error(request)
    assert response.status_code == 500
    page = response.content.decode()
    assert "<h1>Đã có lỗi xảy ra</h1>" in page
    assert "Trình đơn chính" not in page


def test_favicon_ico_leads_to_the_mark(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/ocop/img/ocop-mark.svg"
