"""The API from a person's side: a producer issues a token on the token page (desktop and phone), the key shown once
reads its products from the API and nothing of another producer; the administrator issues and revokes a partner
account's token on that account's page; the browsable documentation opens from this server with no refused script or
style."""

import json
import urllib.error
import urllib.request

import pytest

from ocop.accounts.enums import Role
from ocop.accounts.models import ApiToken
from tests.e2e.conftest import PHONE, post
from tests.factories import make_producer, make_producer_account, make_product, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def _get(url: str, key: str) -> tuple[int, dict]:
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {key}"})
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def test_a_producer_issues_a_token_and_reads_its_products(reference_data, login, live_server, artifacts):
    producer, other = make_producer(name="HTX Nho Thái An"), make_producer(name="HTX Muối Cà Ná")
    grapes = make_product(producer, name="Nho sấy không đường")
    salt = make_product(other, name="Muối hầm")
    account = make_producer_account(producer)

    page = login(account, "/backoffice/account/api-tokens/")
    page.locator("details.user-menu > summary").click()
    assert page.locator(".user-menu-panel a[href$='/account/api-tokens/']").is_visible()
    page.fill("#id_name", "Phần mềm bán hàng")
    page.check("input[value='registry:read']")
    assert page.locator("input[value='scores:write']").count() == 0  # not a scope a producer may hold
    post(page, page.locator("main form button.primary"))
    key = page.inner_text("code.token-key").strip()
    assert key.startswith(ApiToken.objects.get().prefix)
    page.screenshot(path=artifacts / "api-token-issued-1366.png", full_page=True)

    status, products = _get(f"{live_server.url}/api/v1/products/", key)
    assert status == 200 and [row["code"] for row in products["results"]] == [grapes.code]
    assert _get(f"{live_server.url}/api/v1/products/{salt.pk}/", key)[0] == 404
    assert _get(f"{live_server.url}/api/v1/dossiers/", key)[0] == 200

    page.goto(live_server.url + "/backoffice/account/api-tokens/")
    assert key not in page.content()  # shown once
    phone = page.context.browser.new_context(viewport=PHONE, storage_state=page.context.storage_state()).new_page()
    phone.goto(live_server.url + "/backoffice/account/api-tokens/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1
    phone.screenshot(path=artifacts / "api-tokens-390.png", full_page=True)
    post(phone, phone.locator("form[action$='/revoke/'] button"))
    assert _get(f"{live_server.url}/api/v1/products/", key)[0] == 401
    phone.wait_for_load_state("networkidle")
    phone.context.close()


def test_the_administrator_issues_and_revokes_a_partner_accounts_token(reference_data, login, live_server, artifacts):
    partner = make_user(username="san.tmdt", full_name="Sàn thương mại điện tử Ninh Thuận")
    page = login(make_user(Role.ADMIN), f"/backoffice/users/{partner.pk}/")
    section = page.locator("#api-tokens")
    assert section.locator("input[name='scopes']").count() == 1  # an account with no role: public:read only
    section.locator("#id_name").fill("Sàn TMĐT")
    section.locator("input[value='public:read']").check()
    section.locator("#id_valid_until").fill("31/12/2030")
    post(page, section.locator("button.primary"))
    key = page.inner_text("#api-tokens code.token-key").strip()
    assert key.startswith(ApiToken.objects.get(user=partner).prefix)
    assert page.locator("#api-tokens code.token-key").is_visible()
    page.screenshot(path=artifacts / "user-api-token-issued-1366.png", full_page=True)
    assert _get(f"{live_server.url}/api/v1/catalogue/", key)[0] == 200

    phone = page.context.browser.new_context(viewport=PHONE, storage_state=page.context.storage_state()).new_page()
    phone.goto(f"{live_server.url}/backoffice/users/{partner.pk}/#api-tokens")
    assert key not in phone.content()  # shown once
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1
    phone.screenshot(path=artifacts / "user-api-tokens-390.png", full_page=True)
    post(phone, phone.locator("#api-tokens form[action$='/revoke/'] button"))
    assert phone.locator("#api-tokens .badge.off").is_visible()
    assert _get(f"{live_server.url}/api/v1/catalogue/", key)[0] == 401
    phone.screenshot(path=artifacts / "user-api-token-revoked-390.png", full_page=True)
    phone.context.close()


def test_the_documentation_opens_with_nothing_refused(reference_data, browser, live_server, artifacts):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    refused = []
    page.on("console", lambda message: refused.append(message.text) if message.type == "error" else None)
    page.goto(live_server.url + "/api/v1/docs/")
    page.wait_for_selector("text=/api/v1/catalogue/")
    page.wait_for_load_state("networkidle")
    assert page.locator(".opblock").count() >= 20
    page.screenshot(path=artifacts / "api-docs-1366.png")
    assert refused == []
    context.close()
