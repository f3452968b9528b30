"""The audit trail: every domain function that changes something important ends by calling log_action()."""

import json
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction

from ocop.common.models import ActivityLog

SYSTEM_ACTOR_NAME = "hệ thống"


def _json_safe(data: dict[str, Any]) -> dict[str, Any]:
    """Dates, decimals and UUIDs become strings so that the row can be stored on any database."""
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def user_or_none(actor):
    """The signed-in user behind ``actor``, or None for the system (a command, a task, an anonymous visitor)."""
    return actor if getattr(actor, "is_authenticated", False) else None


def log_action(
    *, actor, verb: str, target: models.Model | None = None, data: dict[str, Any] | None = None
) -> ActivityLog:
    """Record that ``actor`` (a user, or None for the system) did ``verb`` to ``target``.

    Must run inside the caller's transaction so that the log row and the change commit or roll back together.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("log_action() must be called inside the domain function's transaction")
    actor_user = user_or_none(actor)
    return ActivityLog.objects.create(
        actor=actor_user,
        actor_name=actor_user.get_username() if actor_user else SYSTEM_ACTOR_NAME,
        verb=verb,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:255] if target is not None else "",
        data=_json_safe(data or {}),
    )


def history_of(target: models.Model):
    """The activity log entries about one record, newest first."""
    return ActivityLog.objects.filter(
        target_type=ContentType.objects.get_for_model(target), target_id=str(target.pk)
    ).select_related("actor")
