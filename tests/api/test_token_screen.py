"""The back office's token page, the administrator's token section on an account's page, and the command."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from rest_framework.test import APIClient

from ocop.accounts.enums import Role
from ocop.accounts.models import ApiToken
from ocop.common.models import ActivityLog
from tests.factories import make_producer, make_producer_account, make_user

pytestmark = pytest.mark.django_db


def test_an_account_issues_a_token_sees_its_key_once_and_revokes_it(client):
    account = make_producer_account(make_producer())
    client.force_login(account)
    page = client.get(reverse("backoffice:api_tokens")).content.decode()
    assert 'value="dossiers:write"' in page and 'value="scores:write"' not in page  # only what the account may hold
    answer = client.post(
        reverse("backoffice:api_tokens"),
        {"name": "Phần mềm bán hàng", "scopes": ["registry:read", "dossiers:write"], "valid_until": "31/12/2027"},
    )
    token = ApiToken.objects.get(user=account)
    key = answer.context["new_key"]
    assert key.startswith(token.prefix) and key in answer.content.decode()
    assert token.scopes == ["dossiers:write", "registry:read"]
    assert token.expires_at.strftime("%d/%m/%Y %H:%M") == "31/12/2027 17:00"  # the end of 31/12 in Hà Nội, as UTC
    listed = client.get(reverse("backoffice:api_tokens")).content.decode()
    assert key not in listed
    assert token.valid_until == datetime.date(2027, 12, 31) and "31/12/2027" in listed  # the day asked for

    response = client.post(reverse("backoffice:api_token_revoke", args=[token.pk]))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_a_scope_the_account_may_not_hold_is_refused_on_the_form(client):
    partner = make_user()
    client.force_login(partner)
    answer = client.post(reverse("backoffice:api_tokens"), {"name": "Sàn", "scopes": ["dossiers:write"]})
    assert answer.status_code == 200 and answer.context["form"].errors["scopes"]
    assert not ApiToken.objects.exists()


def test_someone_elses_token_cannot_be_revoked(client):
    owner = make_user(Role.COMMUNE_OFFICER)
    client.force_login(owner)
    client.post(reverse("backoffice:api_tokens"), {"name": "Xã", "scopes": ["public:read"]})
    token = ApiToken.objects.get()
    client.force_login(make_user(Role.PROVINCE_OFFICE))
    assert client.post(reverse("backoffice:api_token_revoke", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_the_administrator_issues_a_partner_token_from_the_command(capsys):
    make_user(username="san.tmdt")
    call_command("issue_api_token", "san.tmdt", "--name", "Sàn TMĐT", "--scope", "public:read", "--days", "30")
    printed = capsys.readouterr().out
    token = ApiToken.objects.get()
    assert printed.startswith("Sàn TMĐT (public:read): ocop_") and token.expires_at is not None
    with pytest.raises(CommandError, match=r"Không có tài khoản “khong\.co”"):
        call_command("issue_api_token", "khong.co", "--name", "x", "--scope", "public:read")
    with pytest.raises(CommandError):
        call_command("issue_api_token", "san.tmdt", "--name", "x", "--scope", "scores:write")


def _catalogue_answer(key: str) -> int:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client.get("/api/v1/catalogue/").status_code


def _issue_for(client, partner, **fields):
    return client.post(reverse("backoffice:user_api_token_issue", args=[partner.pk]), {"name": "Sàn TMĐT"} | fields)


def test_the_administrator_issues_a_partner_token_on_its_account_page_and_revokes_it(client):
    admin, partner = make_user(Role.ADMIN), make_user(username="san.tmdt")
    client.force_login(admin)
    page = client.get(reverse("backoffice:user_detail", args=[partner.pk])).content.decode()
    assert 'id="api-tokens"' in page and 'value="public:read"' in page
    assert 'value="registry:read"' not in page  # an account with no role may hold public reading only

    answer = _issue_for(client, partner, scopes=["public:read"], valid_until="31/12/2027")
    token = ApiToken.objects.get(user=partner)
    key = answer.context["new_key"]
    assert answer.status_code == 200 and key.startswith(token.prefix) and key in answer.content.decode()
    assert "no-store" in answer["Cache-Control"]
    assert token.scopes == ["public:read"] and token.created_by == admin
    assert token.expires_at.strftime("%d/%m/%Y %H:%M") == "31/12/2027 17:00"
    entry = ActivityLog.objects.get(verb="accounts.token_issued")
    assert (entry.actor, entry.target_id) == (admin, str(partner.pk))
    assert key not in client.get(reverse("backoffice:user_detail", args=[partner.pk])).content.decode()  # once

    assert _catalogue_answer(key) == 200
    token.refresh_from_db()
    assert token.last_used_at is not None  # the key itself was used, not a session
    response = client.post(reverse("backoffice:user_api_token_revoke", args=[partner.pk, token.pk]))
    assert response.status_code == 302 and response["Location"].endswith(f"/users/{partner.pk}/#api-tokens")
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert ActivityLog.objects.get(verb="accounts.token_revoked").actor == admin
    assert _catalogue_answer(key) == 401


def test_a_scope_the_partner_may_not_hold_is_refused_in_vietnamese_and_nothing_is_written(client):
    client.force_login(make_user(Role.ADMIN))
    partner = make_user()
    logged_before = ActivityLog.objects.count()
    answer = _issue_for(client, partner, scopes=["registry:read"])
    assert answer.status_code == 200 and answer.context["new_key"] is None
    assert "Hãy chọn một lựa chọn hợp lệ" in " ".join(answer.context["token_form"].errors["scopes"])
    answer = _issue_for(client, partner, scopes=["public:read"], valid_until="01/01/2020")
    assert answer.context["token_form"].errors["__all__"] == ["Ngày hết hạn phải ở tương lai."]
    assert not ApiToken.objects.exists() and ActivityLog.objects.count() == logged_before


def test_the_province_office_neither_sees_nor_manages_another_accounts_tokens(client):
    partner = make_user()
    client.force_login(make_user(Role.ADMIN))
    _issue_for(client, partner, scopes=["public:read"])
    token = ApiToken.objects.get()
    client.force_login(make_user(Role.PROVINCE_OFFICE))
    page = client.get(reverse("backoffice:user_detail", args=[partner.pk]))
    assert page.status_code == 200 and 'id="api-tokens"' not in page.content.decode()
    assert token.prefix not in page.content.decode()
    assert _issue_for(client, partner, scopes=["public:read"]).status_code == 403
    assert client.post(reverse("backoffice:user_api_token_revoke", args=[partner.pk, token.pk])).status_code == 403
    token.refresh_from_db()
    assert token.revoked_at is None and ApiToken.objects.count() == 1


def test_a_token_is_revoked_only_through_the_page_of_its_own_account(client):
    client.force_login(make_user(Role.ADMIN))
    partner, other = make_user(), make_user()
    _issue_for(client, partner, scopes=["public:read"])
    token = ApiToken.objects.get()
    assert client.post(reverse("backoffice:user_api_token_revoke", args=[other.pk, token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
