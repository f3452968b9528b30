"""Rendered public pages kept in the shared cache for visitors who carry nothing personal, so that a QR scan costs a
cache read, not a page build. The entries behind the pages (certificates.domain.publication) start a new generation
of pages whenever they are invalidated, so a revocation shows on the next request, whichever worker answers."""

import functools

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

from ocop.certificates.domain import publication

# Cookies that do not change what a public page shows to its visitor.
IMPERSONAL_COOKIES = {settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME}
KEPT_STATUSES = {200, 404}


def _personal(request) -> bool:
    return any(name not in IMPERSONAL_COOKIES for name in request.COOKIES)


def cached_page(view):
    """Serve the page from the cache for an anonymous GET; keep what the view answers (a page or a not-found)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "GET" or _personal(request):
            return view(request, *args, **kwargs)
        key = publication.page_key(request.LANGUAGE_CODE, request.get_full_path())
        kept = cache.get(key)
        if kept is not None:
            status, content_type, body = kept
            return HttpResponse(body, status=status, content_type=content_type)
        response = view(request, *args, **kwargs)
        if response.status_code in KEPT_STATUSES and not response.streaming and not response.cookies:
            cache.set(
                key, (response.status_code, response["Content-Type"], response.content), publication.cache_seconds()
            )
        return response

    return wrapper
