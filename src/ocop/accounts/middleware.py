from django.shortcuts import redirect
from django.urls import reverse


class PasswordChangeRequiredMiddleware:
    """Someone who logged in with a one-time password must choose their own before doing anything else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.must_change_password:
            allowed = {reverse("backoffice:password_change"), reverse("backoffice:logout")}
            if request.path not in allowed and not request.path.startswith("/static/"):
                return redirect("backoffice:password_change")
        return self.get_response(request)
