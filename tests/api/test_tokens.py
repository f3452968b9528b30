"""API tokens: a scope never reaches beyond the account's rights; the key is shown once and kept as a digest; a
revoked or expired token opens nothing."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from rest_framework.test import APIClient

from ocop.accounts.domain.tokens import digest_of, issue_token, revoke_token, scopes_for
from ocop.accounts.enums import Role, TokenScope
from ocop.accounts.models import ApiToken
from ocop.common.models import ActivityLog
from tests.factories import make_producer, make_producer_account, make_user

pytestmark = pytest.mark.django_db


def test_each_account_may_hold_the_scopes_its_roles_allow():
    assert scopes_for(make_user()) == [TokenScope.PUBLIC_READ]
    assert scopes_for(make_producer_account(make_producer())) == [
        TokenScope.PUBLIC_READ,
        TokenScope.REGISTRY_READ,
        TokenScope.DOSSIERS_WRITE,
        TokenScope.EPCIS_CAPTURE,
    ]
    assert scopes_for(make_user(Role.COUNCIL_MEMBER)) == [TokenScope.PUBLIC_READ, TokenScope.REGISTRY_READ]
    assert scopes_for(make_user(Role.COMMUNE_OFFICER)) == [
        TokenScope.PUBLIC_READ,
        TokenScope.REGISTRY_READ,
        TokenScope.DOSSIERS_WRITE,
        TokenScope.EPCIS_CAPTURE,
    ]


def test_a_token_is_kept_as_a_digest_and_logged():
    user = make_user(Role.COMMUNE_OFFICER)
    token, key = issue_token(actor=user, user=user, name="  Phần mềm xã ", scopes=["registry:read"])
    assert key.startswith("ocop_") and len(key) > 40
    assert token.digest == digest_of(key) and key not in token.digest
    assert token.prefix == key[:11]
    assert (token.name, token.scopes, token.created_by) == ("Phần mềm xã", ["registry:read"], user)
    entry = ActivityLog.objects.get(verb="accounts.token_issued")
    assert entry.data["scopes"] == ["registry:read"] and key not in str(entry.data)


def test_a_scope_beyond_the_account_is_refused_and_nothing_is_written():
    partner = make_user()
    with pytest.raises(ValidationError) as refused:
        issue_token(actor=None, user=partner, name="Sàn TMĐT", scopes=["public:read", "dossiers:write"])
    assert refused.value.message_dict == {"scopes": ["Tài khoản này không được giữ: dossiers:write."]}
    assert not ApiToken.objects.exists()


def test_only_the_account_itself_or_the_administrator_issues_its_tokens():
    officer, other = make_user(Role.PROVINCE_OFFICE), make_user(Role.COMMUNE_OFFICER)
    with pytest.raises(PermissionDenied):
        issue_token(actor=officer, user=other, name="x", scopes=["public:read"])
    token, _key = issue_token(actor=make_user(Role.ADMIN), user=other, name="x", scopes=["public:read"])
    with pytest.raises(PermissionDenied):
        revoke_token(actor=officer, token=token)


@pytest.mark.parametrize(
    ("name", "scopes", "field"), [("", ["public:read"], "name"), ("Bảng", [], "scopes"), ("Bảng", ["x:y"], "scopes")]
)
def test_a_token_needs_a_name_and_known_scopes(name, scopes, field):
    user = make_user()
    with pytest.raises(ValidationError) as refused:
        issue_token(actor=user, user=user, name=name, scopes=scopes)
    assert list(refused.value.message_dict) == [field]


def _products_answer(key: str) -> int:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client.get("/api/v1/products/").status_code


def test_a_revoked_or_expired_token_or_inactive_account_opens_nothing():
    officer = make_user(Role.COMMUNE_OFFICER)
    token, key = issue_token(actor=officer, user=officer, name="a", scopes=["registry:read"])
    assert _products_answer(key) == 200
    revoke_token(actor=officer, token=token)
    assert _products_answer(key) == 401
    expiring, key = issue_token(
        actor=officer,
        user=officer,
        name="b",
        scopes=["registry:read"],
        expires_at=timezone.now() + datetime.timedelta(hours=1),
    )
    ApiToken.objects.filter(pk=expiring.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert _products_answer(key) == 401
    _token, key = issue_token(actor=officer, user=officer, name="c", scopes=["registry:read"])
    officer.is_active = False
    officer.save()
    assert _products_answer(key) == 401
    assert _products_answer("ocop_not-a-key") == 401


def test_an_unknown_token_is_told_how_to_authenticate():
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Bearer ocop_khong-co")
    response = client.get("/api/v1/products/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="ocop"'
    assert response.json() == {"detail": "Khóa API không tồn tại, đã hết hạn hoặc đã bị thu hồi."}
