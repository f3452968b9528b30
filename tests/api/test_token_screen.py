"""The back office's token page and the administrator's command."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from ocop.accounts.enums import Role
from ocop.accounts.models import ApiToken
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
    assert key not in client.get(reverse("backoffice:api_tokens")).content.decode()

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
