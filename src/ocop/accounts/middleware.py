from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from ocop.accounts.domain import two_factor


def _is_static(request) -> bool:
    return request.path.startswith("/static/")


class PasswordChangeRequiredMiddleware:
    """Someone who logged in with a one-time password must choose their own before doing anything else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.must_change_password:
            allowed = {reverse("backoffice:password_change"), reverse("backoffice:logout")}
            if request.path not in allowed and not _is_static(request):
                return redirect("backoffice:password_change")
        return self.get_response(request)


class SecondFactorMiddleware:
    """Two-step login holds on every request, whichever way the session was opened.

    A user with a confirmed authenticator who has not given its code in this session (a session opened by any other
    login form, or before the authenticator was turned on) is logged out and sent to the login page. In production
    the administrator and the provincial office are taken to set up their authenticator before anything else.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_verified():
            return self.get_response(request)
        if two_factor.confirmed_device(user) is not None:
            logout(request)
            messages.info(request, _("Log in again with the code from your authenticator app."))
            return redirect_to_login(request.get_full_path(), reverse("backoffice:login"))
        if two_factor.must_set_up(user) and not self._may_open_before_setup(request):
            return redirect("backoffice:security")
        return self.get_response(request)

    @staticmethod
    def _may_open_before_setup(request) -> bool:
        allowed = {reverse(name) for name in ("backoffice:security", "backoffice:password_change", "backoffice:logout")}
        return request.path in allowed or _is_static(request)
