"""Running a form through a domain function: the view's only job besides rendering."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _


def add_domain_errors(form, error: ValidationError) -> None:
    """Put a domain function's errors on the matching fields, the rest on top of the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def save_form(request, form, save: Callable[[dict], object]):
    """On a valid POST call ``save(cleaned_data)``; returns its result, or None (errors left on the form)."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        return save(form.cleaned_data)
    except ValidationError as error:
        add_domain_errors(form, error)
        return None


def form_page(request, form, *, title, breadcrumbs, submit_label=None, cancel_url=None, intro=""):
    return render(
        request,
        "backoffice/form_page.html",
        {
            "form": form,
            "title": title,
            "breadcrumbs": breadcrumbs,
            "submit_label": submit_label,
            "cancel_url": cancel_url,
            "intro": intro,
            "multipart": form.is_multipart(),
        },
    )


def act_and_return(request, form, call: Callable[[dict], object], success: str, to: str):
    """The small forms on a detail page (a transition, an upload, a tick): run, say what happened, go back to ``to``."""
    if save_form(request, form, call) is not None:
        messages.success(request, success)
    else:
        problems = [str(error) for errors in form.errors.values() for error in errors]
        messages.error(request, " ".join(problems) or _("Nothing was changed."))
    return redirect(to)
