"""A producer's public name and address: a producer account asks, the provincial office accepts or rejects.

The catalogue and the certificate pages show the producer's own name and address, so a producer account's new values
wait in an IdentityChange until the office accepts them; officers' own edits apply at once."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.common.domain.activity import log_action
from ocop.common.text import fold
from ocop.producers.models import IdentityChange, Producer

PUBLIC_FIELDS = ("name", "address")


def pending_change(producer: Producer) -> IdentityChange | None:
    return producer.identity_changes.filter(status=IdentityChange.Status.PENDING).first()


def ask(*, actor, producer: Producer, values: dict) -> IdentityChange:
    """Record (or replace) the producer's pending change; called inside update_producer's transaction."""
    change = pending_change(producer)
    asked_before = change or producer  # a second request adds to the pending one
    proposed = {field: getattr(asked_before, field) for field in PUBLIC_FIELDS} | values
    change = change or IdentityChange(producer=producer)
    change.name, change.address, change.requested_by = proposed["name"], proposed["address"], actor
    change.save()
    log_action(actor=actor, verb="producers.identity_change_asked", target=producer, data=proposed)
    return change


def _pending_locked(change: IdentityChange) -> IdentityChange:
    locked = IdentityChange.objects.select_for_update().select_related("producer").get(pk=change.pk)
    if locked.status != IdentityChange.Status.PENDING:
        raise ValidationError(_("This change has already been decided."), code="decided")
    return locked


def _decide(change: IdentityChange, actor, status: str) -> None:
    change.status, change.decided_by, change.decided_at = status, actor, timezone.now()
    change.save(update_fields=["status", "decided_by", "decided_at"])


@transaction.atomic
def accept(*, actor, change: IdentityChange) -> Producer:
    from ocop.producers.domain.producers import PRODUCER_FIELDS, validate_producer

    change = _pending_locked(change)
    producer = Producer.objects.select_for_update().get(pk=change.producer_id)
    values = {"name": change.name, "address": change.address}
    validate_producer({field: getattr(producer, field) for field in PRODUCER_FIELDS} | values, exclude_pk=producer.pk)
    before = {field: getattr(producer, field) for field in PUBLIC_FIELDS}
    producer.name, producer.address, producer.search_name = change.name, change.address, fold(change.name)
    producer.save()
    _decide(change, actor, IdentityChange.Status.ACCEPTED)
    data = {"before": before, "after": values}
    log_action(actor=actor, verb="producers.identity_change_accepted", target=producer, data=data)
    return producer


@transaction.atomic
def reject(*, actor, change: IdentityChange) -> None:
    change = _pending_locked(change)
    _decide(change, actor, IdentityChange.Status.REJECTED)
    log_action(
        actor=actor,
        verb="producers.identity_change_rejected",
        target=change.producer,
        data={"name": change.name, "address": change.address},
    )
