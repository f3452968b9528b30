"""The address a request came from, as the login lockout and the public-page throttle see it."""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The address exactly ``OCOP_PROXY_COUNT`` hops back.

    Each trusted proxy appends the address it received the request from to X-Forwarded-For, so with N proxies the
    client is the N-th entry from the right; anything further left was written by the client and can be forged. With
    no proxy configured, or a request that did not pass through all of them, REMOTE_ADDR is the client; so it is
    when the entry is not an address at all.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    hops = settings.OCOP_PROXY_COUNT
    if hops <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < hops:
        return remote
    try:
        return str(ipaddress.ip_address(forwarded[-hops]))
    except ValueError:
        return remote
