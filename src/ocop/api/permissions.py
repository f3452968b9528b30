"""Who may call an endpoint: the token's scopes narrow what the account may do, and the account's own rights (the
same ``rules`` permissions the screens check) decide the rest."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework.permissions import SAFE_METHODS, BasePermission

from ocop.accounts.models import ApiToken


def required_scope(view, method: str) -> str | None:
    """The scope a method of the view needs: ``scopes`` names it per method, ``"read"`` for the safe methods; None
    means public data that anybody may read."""
    scopes = getattr(view, "scopes", {})
    return scopes.get(method, scopes.get("read") if method in SAFE_METHODS else None)


def required_rule(view, method: str) -> str | None:
    rules = getattr(view, "rules", {})
    return rules.get(method, rules.get("read") if method in SAFE_METHODS else None)


class TokenScopes(BasePermission):
    message = gettext_lazy("Your account may not do this.")

    def has_permission(self, request, view) -> bool:
        scope = required_scope(view, request.method)
        if scope is None:
            return request.method in SAFE_METHODS
        if not request.user.is_authenticated:
            return False  # answered 401 with how to authenticate
        token = request.auth if isinstance(request.auth, ApiToken) else None
        if token is not None and scope not in token.scopes:
            self.message = _("This token does not carry the scope “%(scope)s” that this request needs.") % {
                "scope": scope
            }
            return False
        rule = required_rule(view, request.method)
        return rule is None or request.user.has_perm(rule)

    def has_object_permission(self, request, view, obj) -> bool:
        rule = required_rule(view, request.method)
        return rule is None or request.user.has_perm(rule, obj)
