"""Site-wide answers: the server-error page and the favicon."""

import logging

from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponsePermanentRedirect, HttpResponseServerError
from django.middleware.csrf import get_token
from django.template import loader
from django.templatetags.static import static
from django.utils.translation import gettext as _

from ocop.backoffice.context_processors import navigation

logger = logging.getLogger(__name__)


def _safe_context(request) -> dict:
    """What base.html needs, each part computed on its own: whatever failed (the database, the session) leaves its
    part out instead of failing the error page too."""
    context = {"request": request, "user": AnonymousUser()}
    try:
        user = request.user
        if user.is_authenticated:
            context["user"] = user
            context |= navigation(request)
    except Exception:
        logger.exception("The error page is drawn without the menu")
    try:
        context["csrf_token"] = get_token(request)  # the language switch posts a form
    except Exception:
        logger.exception("The error page is drawn without a CSRF token")
    return context


def server_error(request):
    """The 500 page in Vietnamese, with the menu when it can still be drawn, and never an error of its own."""
    try:
        page = loader.get_template("500.html").render(_safe_context(request))
    except Exception:
        logger.exception("The error page could not be drawn")
        page = f"<!doctype html><meta charset='utf-8'><title>OCOP</title><h1>{_('Something went wrong')}</h1>"
    return HttpResponseServerError(page)


def favicon(request):
    """Browsers ask for /favicon.ico on their own (PDF tabs, bookmarks): the mark every page links to."""
    return HttpResponsePermanentRedirect(static("ocop/img/ocop-mark.svg"))
