"""One decorator that every back-office view uses to check its permission (predicates live in each app's rules.py)."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator


def require_perm(permission: str, load_object: Callable | None = None):
    """Anonymous visitors go to the login page; a logged-in user without the permission gets 403.

    ``load_object(request, **kwargs)`` then fetches the object from what the user may see (404 otherwise), the
    permission is checked again on it for object-level rules, and the view receives it as ``obj``.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not request.user.has_perm(permission):
                raise PermissionDenied
            if load_object is None:
                return view(request, *args, **kwargs)
            obj = load_object(request, **kwargs)
            if not request.user.has_perm(permission, obj):
                raise PermissionDenied
            return view(request, *args, obj=obj, **kwargs)

        return wrapper

    return decorator


def paginate(request, queryset, per_page: int = 25) -> Page:
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def paginate_keys(request, queryset, rows: Callable, per_page: int = 25) -> Page:
    """Page through ``queryset`` reading only primary keys, then read the page's rows with ``rows(keys)``: columns
    computed per row (a product's lifecycle) are then computed for the page, not for every row before it, which the
    databases do with OFFSET (the last page of 16,000 products cost as much as all of them)."""
    page = Paginator(queryset.values_list("pk", flat=True), per_page).get_page(request.GET.get("page"))
    keys = list(page.object_list)
    found = {row.pk: row for row in rows(keys)}
    page.object_list = [found[key] for key in keys if key in found]
    return page
