"""Rates: a signed-in account (or its tokens) and an anonymous address each have their own budget."""

from rest_framework.throttling import SimpleRateThrottle

from ocop.common.client import client_address


class PerAccount(SimpleRateThrottle):
    scope = "account"

    def get_cache_key(self, request, view):
        if not request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}


class PerAddress(SimpleRateThrottle):
    scope = "address"

    def get_cache_key(self, request, view):
        if request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": client_address(request)}
