"""Security events that end up in the activity log: logins and lockouts after repeated wrong passwords."""

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in
from django.db import transaction

from ocop.common.domain.activity import log_action


def _on_locked_out(sender, request, username, ip_address, **kwargs) -> None:
    user = get_user_model().objects.filter(username__iexact=username or "").first()
    with transaction.atomic():
        log_action(
            actor=None,
            verb="auth.locked_out",
            target=user,
            data={"username": username or "", "ip_address": ip_address or ""},
        )


def _on_logged_in(sender, request, user, **kwargs) -> None:
    with transaction.atomic():
        log_action(actor=user, verb="auth.logged_in", target=user)


def connect() -> None:
    user_locked_out.connect(_on_locked_out, dispatch_uid="ocop.accounts.locked_out")
    user_logged_in.connect(_on_logged_in, dispatch_uid="ocop.accounts.logged_in")
