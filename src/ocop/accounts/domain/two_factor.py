"""Optional TOTP second factor for staff accounts (django-otp)."""

import segno
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from ocop.common.domain.activity import log_action

DEVICE_NAME = "authenticator"


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_device(user) -> TOTPDevice:
    """The unconfirmed device whose secret is being shown to the user, created on first visit."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def provisioning_qr_svg(device: TOTPDevice) -> str:
    return segno.make(device.config_url, error="m").svg_inline(scale=4)


def verify_token(device: TOTPDevice, token: str) -> bool:
    token = "".join(ch for ch in (token or "") if ch.isdigit())
    return bool(token) and device.verify_token(token)


@transaction.atomic
def enable_two_factor(*, user, token: str) -> TOTPDevice:
    device = pending_device(user)
    if not verify_token(device, token):
        raise ValidationError(_("The code is not correct. Check your phone's clock and try again."), code="token")
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    log_action(actor=user, verb="accounts.two_factor_enabled", target=user)
    return device


@transaction.atomic
def disable_two_factor(*, actor, user) -> None:
    deleted, _details = TOTPDevice.objects.filter(user=user).delete()
    if deleted:
        log_action(actor=actor, verb="accounts.two_factor_disabled", target=user)
