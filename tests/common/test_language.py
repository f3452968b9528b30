"""Vietnamese first: the language switch decides, the browser's Accept-Language does not."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_browser_set_up_in_english_still_gets_vietnamese(client):
    response = client.get(reverse("backoffice:login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "vi"
    assert "Đăng nhập" in response.text


def test_the_switch_chooses_english_and_back(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.get(reverse("backoffice:login"))
    assert response["Content-Language"] == "en" and "Log in" in response.text
    assert "Cookie" in response["Vary"]
    client.post(reverse("set_language"), {"language": "vi", "next": "/"})
    assert client.get(reverse("backoffice:login"))["Content-Language"] == "vi"


def test_an_unknown_language_in_the_cookie_falls_back_to_vietnamese(client):
    client.cookies["django_language"] = "fr"
    assert client.get(reverse("backoffice:login"))["Content-Language"] == "vi"
