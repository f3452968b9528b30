"""The TOTP second factor (django-otp): optional for most accounts, required in production for the administrator
and the provincial office (settings.OCOP_REQUIRE_TWO_FACTOR)."""

import segno
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from ocop.accounts.domain.roles import has_role
from ocop.accounts.enums import Role
from ocop.common.domain.activity import log_action

ROLES_THAT_NEED_TWO_FACTOR = (Role.ADMIN, Role.PROVINCE_OFFICE)

DEVICE_NAME = "authenticator"


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def must_set_up(user) -> bool:
    """Whether this account may do nothing before it turns two-step login on."""
    return settings.OCOP_REQUIRE_TWO_FACTOR and has_role(user, *ROLES_THAT_NEED_TWO_FACTOR)


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
def disable_two_factor(*, user, token: str) -> None:
    """Only with a current code: a session alone (a borrowed computer, a stolen cookie) cannot switch it off."""
    device = confirmed_device(user)
    if device is None:
        return
    if must_set_up(user):
        raise ValidationError(_("Two-step login is required for your role."), code="required")
    if not verify_token(device, token):
        raise ValidationError(_("The code is not correct. Check your phone's clock and try again."), code="token")
    TOTPDevice.objects.filter(user=user).delete()
    log_action(actor=user, verb="accounts.two_factor_disabled", target=user)
