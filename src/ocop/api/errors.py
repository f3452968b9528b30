"""Error answers in the caller's language (Vietnamese first): DRF's handler, with a missing record said plainly
instead of Django's English "No Producer matches the given query."."""

from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound
from rest_framework.views import exception_handler


def answer_error(exc, context):
    if isinstance(exc, Http404):
        exc = NotFound(_("There is no such record, or it is not yours to see."))
    return exception_handler(exc, context)
