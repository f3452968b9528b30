"""Limits every request meets before it costs much: the size of its body, and how often one address may ask."""

import functools
import time

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat

from ocop.common.client import client_address


class RequestBodyLimitMiddleware:
    """Refuse a body larger than OCOP_MAX_REQUEST_BYTES from its declared length, before any of it is read.

    The proxy's own limit (nginx ``client_max_body_size``, docs/operations.md) stops a body without a length."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if declared > settings.OCOP_MAX_REQUEST_BYTES:
            return render(
                request,
                "errors/request_too_large.html",
                {"limit": filesizeformat(settings.OCOP_MAX_UPLOAD_BYTES)},
                status=413,
            )
        return self.get_response(request)


def _over_rate(scope: str, address: str) -> tuple[bool, int]:
    """Count this request in the address's current window; returns whether it is over and the seconds left."""
    limit, window = settings.OCOP_PUBLIC_RATES[scope]
    now = int(time.time())
    key = f"rate:{scope}:{address}:{now // window}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # the window ended between add and incr
        count = 1
    return count > limit, window - now % window


def throttled(scope: str):
    """Answer 429 (in Vietnamese, with Retry-After) once an address asks more than its rate for this scope."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            over, retry_after = _over_rate(scope, client_address(request))
            if over:
                response = render(
                    request, "errors/too_many_requests.html", {"minutes": -(-retry_after // 60)}, status=429
                )
                response["Retry-After"] = str(retry_after)
                return response
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
