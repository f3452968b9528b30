"""Creating and changing user accounts and organisations. Each function is one transaction with one log row."""

import secrets
import string

from axes.utils import reset as axes_reset
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.accounts.domain.roles import forget_roles
from ocop.accounts.models import Organisation, User
from ocop.common.domain.activity import log_action
from ocop.common.domain.changes import apply_changes, ensure_editable
from ocop.common.text import clean_text, fold

USER_EDITABLE_FIELDS = ("full_name", "email", "phone", "organisation")
ORGANISATION_EDITABLE_FIELDS = (
    "name",
    "short_name",
    "kind",
    "unit",
    "parent",
    "is_active",
    "symbol",
    "valid_from",
    "valid_until",
    "successor",
)
_PASSWORD_ALPHABET = string.ascii_letters + string.digits


def generate_password(length: int = 14) -> str:
    """A one-time password that is easy to read aloud over the phone (no symbols) and passes the validators."""
    while True:
        password = "".join(secrets.choice(_PASSWORD_ALPHABET) for _ in range(length))
        if any(c.isdigit() for c in password) and any(c.isalpha() for c in password):
            return password


def _clean_user_values(values: dict) -> dict:
    cleaned = dict(values)
    for field in ("full_name", "phone"):
        if field in cleaned:
            cleaned[field] = clean_text(cleaned[field])
    if "email" in cleaned:
        cleaned["email"] = (cleaned["email"] or "").strip().lower()
    return cleaned


@transaction.atomic
def create_user(
    *,
    actor,
    username: str,
    full_name: str,
    email: str = "",
    phone: str = "",
    organisation: Organisation | None = None,
    password: str | None = None,
    is_superuser: bool = False,
) -> tuple[User, str]:
    """Create an account. Without a password one is generated, shown once, and must be changed at first login."""
    username = clean_text(username).lower()
    if not username:
        raise ValidationError(_("The username is required."), code="username_required")
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError(_("The username “%(name)s” is already taken.") % {"name": username}, code="taken")
    values = _clean_user_values({"full_name": full_name, "email": email, "phone": phone})
    if not values["full_name"]:
        raise ValidationError(_("The full name is required."), code="full_name_required")
    one_time = password is None
    password = password or generate_password()
    user = User(
        username=username,
        organisation=organisation,
        must_change_password=one_time,
        is_superuser=is_superuser,
        is_staff=is_superuser,
        search_name=fold(values["full_name"]),
        **values,
    )
    validate_password(password, user)
    user.set_password(password)
    user.save()
    log_action(
        actor=actor,
        verb="accounts.user_created",
        target=user,
        data={
            "username": username,
            "organisation": str(organisation) if organisation else None,
            "superuser": is_superuser,
        },
    )
    return user, password


@transaction.atomic
def update_user(*, actor, user: User, **changes) -> User:
    changes = _clean_user_values(changes)
    if "full_name" in changes and not changes["full_name"]:
        raise ValidationError(_("The full name is required."), code="full_name_required")
    changed = apply_changes(user, changes, USER_EDITABLE_FIELDS)
    if not changed:
        return user
    user.search_name = fold(user.full_name)
    user.save()
    log_action(actor=actor, verb="accounts.user_updated", target=user, data={"changed": changed})
    return user


@transaction.atomic
def set_user_active(*, actor, user: User, active: bool) -> User:
    if actor is not None and actor.pk == user.pk and not active:
        raise ValidationError(_("You cannot deactivate your own account."), code="self")
    if user.is_active == active:
        return user
    user.is_active = active
    user.save(update_fields=["is_active"])
    if not active:
        _end_sessions(user)
    log_action(actor=actor, verb="accounts.user_activated" if active else "accounts.user_deactivated", target=user)
    forget_roles(user)
    return user


def _end_sessions(user: User) -> None:
    """Log the user out everywhere: a session left behind would open again the day the account is reactivated."""
    ended = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if session.get_decoded().get(SESSION_KEY) == str(user.pk)
    ]
    Session.objects.filter(pk__in=ended).delete()


@transaction.atomic
def reset_password(*, actor, user: User) -> str:
    """A new one-time password (returned to show once, changed at the next login); also lifts a lockout."""
    password = generate_password()
    user.set_password(password)
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password"])
    axes_reset(username=user.username)
    log_action(actor=actor, verb="accounts.password_reset", target=user)
    return password


@transaction.atomic
def change_own_password(*, user: User, new_password: str) -> User:
    validate_password(new_password, user)
    user.set_password(new_password)
    user.must_change_password = False
    user.save(update_fields=["password", "must_change_password"])
    log_action(actor=user, verb="accounts.password_changed", target=user)
    return user


def _clean_organisation_values(values: dict) -> dict:
    cleaned = dict(values)
    for field in ("name", "short_name"):
        if field in cleaned:
            cleaned[field] = clean_text(cleaned[field])
    if "name" in cleaned and not cleaned["name"]:
        raise ValidationError(_("The name is required."), code="name_required")
    return cleaned


def _check_organisation_history(organisation: Organisation) -> None:
    """An office held from one day to another, succeeded by another body (accounts.domain.bodies reads it)."""
    errors = {}
    if organisation.valid_from and organisation.valid_until and organisation.valid_until < organisation.valid_from:
        errors["valid_until"] = _("A body cannot leave office before it took it.")
    if organisation.successor_id and organisation.successor_id == organisation.pk:
        errors["successor"] = _("A body cannot succeed itself.")
    if organisation.successor_id and not organisation.valid_until:
        errors["valid_until"] = _("Say until when this body held office before its successor.")
    if errors:
        raise ValidationError(errors)


def _check_organisation_unique(name: str, unit, exclude_pk=None) -> None:
    duplicates = Organisation.objects.filter(search_name=fold(name), unit=unit).exclude(pk=exclude_pk)
    if duplicates.exists():
        raise ValidationError(_("An organisation with this name already exists in this unit."), code="duplicate")


@transaction.atomic
def create_organisation(
    *, actor, name: str, kind: str, unit=None, short_name: str = "", parent=None, **history
) -> Organisation:
    """A body; ``history`` may give its symbol, the days it holds office and its successor."""
    ensure_editable(history, ("symbol", "valid_from", "valid_until", "successor"))
    values = _clean_organisation_values({"name": name, "short_name": short_name})
    _check_organisation_unique(values["name"], unit)
    organisation = Organisation(
        kind=kind, unit=unit, parent=parent, search_name=fold(values["name"]), **values, **history
    )
    organisation.symbol = clean_text(organisation.symbol)
    _check_organisation_history(organisation)
    organisation.save()
    log_action(
        actor=actor,
        verb="accounts.organisation_created",
        target=organisation,
        data={"kind": kind, "unit": unit.code if unit else None},
    )
    return organisation


@transaction.atomic
def update_organisation(*, actor, organisation: Organisation, **changes) -> Organisation:
    changed = apply_changes(organisation, _clean_organisation_values(changes), ORGANISATION_EDITABLE_FIELDS)
    if not changed:
        return organisation
    _check_organisation_unique(organisation.name, organisation.unit, exclude_pk=organisation.pk)
    _check_organisation_history(organisation)
    organisation.search_name = fold(organisation.name)
    organisation.save()
    log_action(actor=actor, verb="accounts.organisation_updated", target=organisation, data={"changed": changed})
    return organisation
