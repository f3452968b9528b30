"""Stamp batches: a producer asks for stamps for a product, the office issues them (every serial at once, in bulk)
or refuses; a lost or damaged run of stamps is voided by its first and last number in one action. Each step is
logged, and what the public scan page shows is forgotten after the change commits."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from ocop.certificates.domain.publication import forget
from ocop.common.domain.activity import log_action, user_or_none
from ocop.common.domain.locking import lock
from ocop.traceability.domain.serials import new_serials
from ocop.traceability.enums import MAX_BATCH, BatchStatus
from ocop.traceability.models import Stamp, StampBatch

INSERT_CHUNK = 5_000  # rows per INSERT: inside SQLite's and PostgreSQL's limits on bound parameters


@transaction.atomic
def request_stamps(*, actor, product, quantity: int) -> StampBatch:
    if not 1 <= quantity <= MAX_BATCH:
        raise ValidationError(
            {
                "quantity": _("Ask for between 1 and %(most)s stamps at a time.")
                % {"most": number_format(MAX_BATCH, force_grouping=True)}
            }
        )
    if product.withdrawn_on is not None:
        raise ValidationError(_("This product has been withdrawn: it can no longer have stamps."))
    batch = StampBatch.objects.create(
        product=product, quantity=quantity, requested_by=user_or_none(actor), requested_at=timezone.now()
    )
    log_action(actor=actor, verb="traceability.stamps_requested", target=batch, data={"quantity": quantity})
    return batch


@transaction.atomic
def issue_stamps(*, actor, batch: StampBatch) -> StampBatch:
    """Issue every stamp of the batch: new serials, never used before by anyone, numbered 1…quantity."""
    lock(batch)  # a second click waits, then finds the batch issued
    if batch.status != BatchStatus.REQUESTED:
        raise ValidationError(_("This request has already been decided."))
    serials = _unused_serials(batch.quantity)
    Stamp.objects.bulk_create(
        (Stamp(serial=serial, batch=batch, position=position) for position, serial in enumerate(serials, start=1)),
        batch_size=INSERT_CHUNK,
    )
    batch.status, batch.decided_by, batch.decided_at = BatchStatus.ISSUED, user_or_none(actor), timezone.now()
    batch.save(update_fields=["status", "decided_by", "decided_at"])
    log_action(actor=actor, verb="traceability.stamps_issued", target=batch, data={"quantity": batch.quantity})
    return batch


@transaction.atomic
def refuse_stamps(*, actor, batch: StampBatch, reason: str) -> StampBatch:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the request is refused.")})
    lock(batch)
    if batch.status != BatchStatus.REQUESTED:
        raise ValidationError(_("This request has already been decided."))
    batch.status, batch.decided_by, batch.decided_at = BatchStatus.REFUSED, user_or_none(actor), timezone.now()
    batch.refusal_reason = reason
    batch.save(update_fields=["status", "decided_by", "decided_at", "refusal_reason"])
    log_action(actor=actor, verb="traceability.stamps_refused", target=batch, data={"reason": reason})
    return batch


@transaction.atomic
def void_stamps(*, actor, batch: StampBatch, first: int, last: int, reason: str) -> int:
    """Void the stamps numbered ``first``…``last`` of the batch (a lost roll); returns how many were still valid."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why these stamps are voided.")})
    lock(batch)
    if batch.status != BatchStatus.ISSUED:
        raise ValidationError(_("Only issued stamps can be voided."))
    if not 1 <= first <= last <= batch.quantity:
        raise ValidationError(
            {
                "last": _("The numbers run from 1 to %(quantity)s, the first not after the last.")
                % {"quantity": batch.quantity}
            }
        )
    voided = Stamp.objects.filter(batch=batch, position__range=(first, last), voided_at__isnull=True).update(
        voided_at=timezone.now(), void_reason=reason[:255]
    )
    log_action(
        actor=actor,
        verb="traceability.stamps_voided",
        target=batch,
        data={"first": first, "last": last, "voided": voided, "reason": reason},
    )
    transaction.on_commit(lambda: forget(catalogue_too=False))
    return voided


def _unused_serials(count: int) -> list[str]:
    """New serials none of which is already in the database (a repeat is astronomically rare: it is drawn again)."""
    serials = new_serials(count)
    while taken := {
        serial
        for start in range(0, count, INSERT_CHUNK)
        for serial in Stamp.objects.filter(serial__in=serials[start : start + INSERT_CHUNK]).values_list(
            "serial", flat=True
        )
    }:
        drawn = set(serials)
        fresh = iter([serial for serial in new_serials(len(taken) * 2) if serial not in drawn])
        serials = [next(fresh) if serial in taken else serial for serial in serials]
    return serials
