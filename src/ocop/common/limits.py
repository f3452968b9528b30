"""Limits every request meets before it costs much: the size of its body, and how often one address may ask."""

import functools
import time

from django.conf import settings
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat

from ocop.common.cache import count
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


# Where a request already counted before Django's request path (ocop.public.page_cache.PublicPageFastPath) leaves
# its verdict, so that it is counted once. A WSGI environ key with a dot cannot come from a request header.
RATE_VERDICT = "ocop.rate_verdict"


def over_rate(scope: str, address: str) -> tuple[bool, int]:
    """Count this request in the address's current window; returns whether it is over and the seconds left."""
    limit, window = settings.OCOP_PUBLIC_RATES[scope]
    now = int(time.time())
    counted = count(f"rate:{scope}:{address}:{now // window}", window)
    return counted > limit, window - now % window


def throttled(scope: str):
    """Answer 429 (in Vietnamese, with Retry-After) once an address asks more than its rate for this scope."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            over, retry_after = request.META.pop(RATE_VERDICT, None) or over_rate(scope, client_address(request))
            if over:
                response = render(
                    request, "errors/too_many_requests.html", {"minutes": -(-retry_after // 60)}, status=429
                )
                response["Retry-After"] = str(retry_after)
                return response
            return view(request, *args, **kwargs)

        wrapper.throttle_scope = scope
        return wrapper

    return decorator
