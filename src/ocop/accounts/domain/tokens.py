"""API tokens: issued to an account with scopes it may hold, shown once, stored as a digest, revoked at will.

A token never grants more than its account has: the API checks the same rules as the screens for the account, and the
token's scopes narrow what the API lets it call."""

import datetime
import hashlib
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.accounts.domain.roles import has_role
from ocop.accounts.enums import Role, TokenScope
from ocop.accounts.models import ApiToken, User
from ocop.common.domain.activity import log_action, user_or_none

KEY_PREFIX = "ocop_"
# The permission an account needs before a token may carry each scope: a scope is a subset of the account's rights.
SCOPE_NEEDS = {
    TokenScope.PUBLIC_READ: None,
    TokenScope.REGISTRY_READ: "backoffice.access",
    TokenScope.DOSSIERS_WRITE: "dossiers.add_dossier",
    TokenScope.SCORES_WRITE: "councils.view_my_sheets",
    TokenScope.EPCIS_CAPTURE: "traceability.record_events",
}
# last_used_at is written at most this often, so that a busy partner does not write on every request.
LAST_USE_PRECISION = datetime.timedelta(minutes=5)


def digest_of(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def scopes_for(user: User) -> list[TokenScope]:
    """The scopes a token of ``user`` may carry."""
    return [scope for scope, needs in SCOPE_NEEDS.items() if needs is None or user.has_perm(needs)]


def may_manage_tokens_of(actor, user: User) -> bool:
    """Everyone manages their own tokens; the administrator those of every account (partner systems included)."""
    return getattr(actor, "pk", None) == user.pk or has_role(actor, Role.ADMIN)


@transaction.atomic
def issue_token(
    *, actor, user: User, name: str, scopes: list[str], expires_at: datetime.datetime | None = None
) -> tuple[ApiToken, str]:
    """A new token for ``user``; returns it with its key, which is never stored and cannot be shown again."""
    if actor is not None and not may_manage_tokens_of(actor, user):
        raise PermissionDenied(_("You may only issue tokens for your own account."))
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Give the token a name: which system will use it.")}, code="required")
    if not scopes:
        raise ValidationError({"scopes": _("Choose at least one scope.")}, code="required")
    allowed = set(scopes_for(user))
    if refused := [scope for scope in scopes if scope not in allowed]:
        raise ValidationError(
            {"scopes": _("This account may not hold: %(scopes)s.") % {"scopes": ", ".join(sorted(refused))}},
            code="scope_not_allowed",
        )
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError({"expires_at": _("The expiry must lie in the future.")}, code="expired")
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=key[: len(KEY_PREFIX) + 6],
        digest=digest_of(key),
        scopes=sorted(set(scopes)),
        created_by=user_or_none(actor),
        expires_at=expires_at,
    )
    log_action(
        actor=actor,
        verb="accounts.token_issued",
        target=user,
        data={"token": token.prefix, "name": name, "scopes": token.scopes, "expires_at": expires_at},
    )
    return token, key


@transaction.atomic
def revoke_token(*, actor, token: ApiToken) -> ApiToken:
    if actor is not None and not may_manage_tokens_of(actor, token.user):
        raise PermissionDenied(_("You may only revoke tokens of your own account."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        data = {"token": token.prefix, "name": token.name}
        log_action(actor=actor, verb="accounts.token_revoked", target=token.user, data=data)
    return token


def token_for_key(key: str) -> ApiToken | None:
    """The active token with this key and an active account, or None; notes when it was last used."""
    if not key.startswith(KEY_PREFIX):
        return None
    now = timezone.now()
    token = ApiToken.objects.active(now).select_related("user").filter(digest=digest_of(key)).first()
    if token is None or not token.user.is_active:
        return None
    if token.last_used_at is None or now - token.last_used_at > LAST_USE_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token
