"""Running a form through a domain function: the view's only job besides rendering."""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.shortcuts import render


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
