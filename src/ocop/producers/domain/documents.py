"""A producer's supporting documents, their expiry, and the warning when one lapses."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ocop.common.domain.activity import log_action
from ocop.common.domain.changes import apply_changes, ensure_editable
from ocop.common.uploads import DOCUMENT_TYPES, check_upload, safe_file_name
from ocop.producers.domain.cleaning import clean_values
from ocop.producers.domain.zones import mark_checked, validate_validity
from ocop.producers.enums import ExpiryStatus
from ocop.producers.models import SupportingDocument

DOCUMENT_FIELDS = ("kind", "title", "number", "issuer", "issued_on", "valid_until")
# Documents expiring within this many days are flagged so that the producer renews them before a dossier needs them.
EXPIRY_WARNING_DAYS = 60


def expiry_status(valid_until: datetime.date | None, today: datetime.date) -> ExpiryStatus:
    if valid_until is None:
        return ExpiryStatus.NO_EXPIRY
    if valid_until < today:
        return ExpiryStatus.EXPIRED
    if (valid_until - today).days <= EXPIRY_WARNING_DAYS:
        return ExpiryStatus.EXPIRING
    return ExpiryStatus.VALID


def _clean(values: dict) -> dict:
    values = clean_values(values, text_fields=("title", "issuer"), identifier_fields=("number",))
    ensure_editable(values, DOCUMENT_FIELDS)
    return values


def _attach(document: SupportingDocument, upload) -> None:
    checked = check_upload(upload, DOCUMENT_TYPES)
    upload.name = safe_file_name(upload.name, checked.extension, "tai-lieu")
    document.file = upload


@transaction.atomic
def add_document(*, actor, producer, upload=None, **values) -> SupportingDocument:
    values = _clean(values)
    if not values.get("issuer"):
        raise ValidationError({"issuer": _("Say who issued the document.")})
    validate_validity(values.get("issued_on"), values.get("valid_until"))
    document = SupportingDocument(producer=producer, **values)
    if upload is not None:
        _attach(document, upload)
    document.save()
    log_action(
        actor=actor,
        verb="producers.document_added",
        target=producer,
        data={"kind": document.kind, "number": document.number, "valid_until": document.valid_until},
    )
    return document


@transaction.atomic
def update_document(*, actor, document: SupportingDocument, upload=None, **changes) -> SupportingDocument:
    changes = _clean(changes)
    merged = {field: getattr(document, field) for field in DOCUMENT_FIELDS} | changes
    if not merged.get("issuer"):
        raise ValidationError({"issuer": _("Say who issued the document.")})
    validate_validity(merged.get("issued_on"), merged.get("valid_until"))
    changed = apply_changes(document, changes, DOCUMENT_FIELDS)
    if upload is not None:
        _attach(document, upload)
        changed["file"] = document.file.name
    if changed:
        document.checked_by, document.checked_at = None, None  # a changed document must be checked again
        document.save()
        log_action(
            actor=actor,
            verb="producers.document_updated",
            target=document.producer,
            data={"document": document.pk, "changed": changed},
        )
    return document


@transaction.atomic
def check_document(*, actor, document: SupportingDocument) -> SupportingDocument:
    return mark_checked(actor=actor, record=document, verb="producers.document_checked", target=document.producer)
