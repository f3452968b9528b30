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


def test_the_empty_choice_of_a_select_reads_in_vietnamese(client):
    from ocop.accounts.enums import Role
    from tests.factories import make_user

    client.force_login(make_user(Role.PROVINCE_OFFICE))
    page = client.get(reverse("backoffice:producer_create")).text
    assert '<option value="" selected>— Chọn —</option>' in page
    assert "Select an option" not in page


def test_a_catalogue_compiled_while_the_process_runs_is_read_at_once(tmp_path, settings):
    """``ocop up`` on a fresh clone compiles the catalogue after Django has started: what it then writes (the demo's
    notifications) must be in Vietnamese, not in the English of the catalogue-less start."""
    import shutil

    from django.utils import translation

    from ocop.common.i18n import compile_catalogues

    folder = tmp_path / "vi" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    shutil.copy(settings.PACKAGE_DIR / "locale" / "vi" / "LC_MESSAGES" / "django.po", folder)
    settings.LOCALE_PATHS = [tmp_path]
    with translation.override("vi"):
        assert translation.gettext("Export to Excel") == "Export to Excel"
        assert compile_catalogues() == [folder / "django.mo"]
        assert translation.gettext("Export to Excel") == "Xuất Excel"
