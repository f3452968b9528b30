"""Rendered public pages kept in the shared cache for visitors who carry nothing personal, so that a QR scan costs a
cache read, not a page build. The entries behind the pages (certificates.domain.publication) start a new generation
of pages whenever they are invalidated, so a revocation shows on the next request, whichever worker answers.

A page is kept as it leaves the system, with the headers every middleware gave it (KeepPublicPagesMiddleware), and
served from there either by the view (``cached_page``) or, before Django's request path, by PublicPageFastPath, which
answers a scan at a few cache reads: the same throttle, the same key, the same bytes."""

import functools
from collections.abc import Callable
from http import HTTPStatus

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpResponse
from django.urls import Resolver404, resolve

from ocop.certificates.domain import publication
from ocop.common.client import client_address
from ocop.common.i18n import chosen_language
from ocop.common.limits import RATE_VERDICT, over_rate

# Cookies that do not change what a public page shows to its visitor.
IMPERSONAL_COOKIES = {settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME}
KEPT_STATUSES = {200, 404}


def _personal(cookies: dict) -> bool:
    return any(name not in IMPERSONAL_COOKIES for name in cookies)


def _kept_response(kept) -> HttpResponse:
    status, headers, body = kept
    response = HttpResponse(body, status=status)
    for name, value in headers:
        response[name] = value
    return response


def cached_page(view):
    """Serve the page from the cache for an anonymous GET; mark what the view answers to be kept on its way out."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "GET" or _personal(request.COOKIES):
            return view(request, *args, **kwargs)
        key = publication.page_key(request.LANGUAGE_CODE, request.get_full_path())
        kept = cache.get(key)
        if kept is not None:
            return _kept_response(kept)
        response = view(request, *args, **kwargs)
        response.public_page_key = key
        return response

    wrapper.public_page = True
    return wrapper


class KeepPublicPagesMiddleware:
    """The outermost middleware: keeps a page ``cached_page`` marked, once every other middleware has answered."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        key = getattr(response, "public_page_key", None)
        if key and response.status_code in KEPT_STATUSES and not response.streaming and not response.cookies:
            kept = (response.status_code, list(response.items()), response.content)
            cache.set(key, kept, publication.cache_seconds())
        return response


class PublicPageFastPath:
    """Wraps the WSGI application: a kept public page is answered here, everything else goes on to Django."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        kept = kept_page(environ)
        if kept is None:
            return self.application(environ, start_response)
        status, headers, body = kept
        start_response(f"{status} {HTTPStatus(status).phrase}", headers)
        return [body]


@functools.lru_cache(maxsize=4096)
def _kept_page_route(path: str) -> tuple[str, Callable | None, dict] | None:
    """The kept public page at this path: its throttle scope, what records its visit (a stamp's scan) and the
    address's arguments; None when the path is not one."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    scope = getattr(match.func, "throttle_scope", None)
    if scope is None or not getattr(match.func, "public_page", False):
        return None
    return scope, getattr(match.func, "record_scan", None), match.kwargs


def kept_page(environ) -> tuple | None:
    """The kept page for this request if Django would serve that very page from the cache; None sends it on.

    Whatever Django would refuse or redirect (a host not allowed, plain HTTP where HTTPS is required, a visitor with a
    session) goes on, and so does a request over its rate, after being counted once (RATE_VERDICT)."""
    if environ.get("REQUEST_METHOD") != "GET":
        return None
    request = WSGIRequest(environ)
    if _personal(request.COOKIES) or (settings.SECURE_SSL_REDIRECT and not request.is_secure()):
        return None
    try:
        request.get_host()
    except DisallowedHost:
        return None
    route = _kept_page_route(request.path_info)
    if route is None:
        return None
    scope, record, arguments = route
    verdict = environ[RATE_VERDICT] = over_rate(scope, client_address(request))
    if verdict[0]:
        return None
    kept = cache.get(publication.page_key(chosen_language(request.COOKIES), request.get_full_path()))
    if kept is not None and record is not None:
        record(arguments)
    return kept
