"""Trademark and IP support cases: a producer's collective, certification or ordinary mark, or a geographical
indication, supported from preparation to the decision of the IP office. A case granted in the period counts toward
the plan's ``trademarks_registered`` (support.domain.indicators); the protection certificate, once granted, is the
producer's IP document in the registry (producers.SupportingDocument of kind trademark), linked to the case."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.common.domain.activity import log_action
from ocop.common.domain.changes import apply_changes
from ocop.common.domain.locking import lock
from ocop.common.text import clean_text, fold
from ocop.producers.enums import DocumentKind
from ocop.support.enums import IPKind, IPStatus
from ocop.support.models import IPCase

FIELDS = ("producer", "kind", "mark", "task", "note")
STATUS_FIELDS = (
    "status",
    "application_number",
    "filed_on",
    "granted_on",
    "certificate_number",
    "closed_on",
    "document",
)


def _checked_status(case: IPCase, values: dict, today: datetime.date) -> dict:
    """The status and its facts, consistent: a filed case has its filing date, a granted one its grant date and
    certificate number, a refused or withdrawn one its date; no date is in the future or before the filing."""
    values = dict(values)
    for name in ("application_number", "certificate_number"):
        values[name] = clean_text(values.get(name))
    status = values.get("status") or IPStatus.PREPARING
    values["status"] = status
    problems: dict[str, str] = {}
    filed, granted, closed = values.get("filed_on"), values.get("granted_on"), values.get("closed_on")
    for name, day in (("filed_on", filed), ("granted_on", granted), ("closed_on", closed)):
        if day is not None and day > today:
            problems[name] = _("This date is still to come.")
    if status != IPStatus.PREPARING and filed is None:
        problems["filed_on"] = _("Give the day the application was filed.")
    if status == IPStatus.GRANTED:
        if granted is None:
            problems["granted_on"] = _("Give the day the protection was granted.")
        if not values["certificate_number"]:
            problems["certificate_number"] = _("Give the number of the protection certificate.")
    elif granted is not None or values["certificate_number"]:
        problems["status"] = _("A case with a grant date or a certificate number is granted: choose Granted.")
    if status in (IPStatus.REFUSED, IPStatus.WITHDRAWN):
        if closed is None:
            problems["closed_on"] = _("Give the day the application was refused or withdrawn.")
    elif closed is not None:
        problems["closed_on"] = _("Only a refused or withdrawn case has this date.")
    for name, day in (("granted_on", granted), ("closed_on", closed)):
        if day is not None and filed is not None and day < filed and name not in problems:
            problems[name] = _("This cannot be before the application was filed (%(day)s).") % {
                "day": filed.strftime("%d/%m/%Y")
            }
    document = values.get("document")
    if document is not None and (document.producer_id != case.producer_id or document.kind != DocumentKind.TRADEMARK):
        problems["document"] = _("Choose a trademark or IP document of this producer.")
    if problems:
        raise ValidationError(problems)
    return values


@transaction.atomic
def open_ip_case(*, actor, today=None, **values) -> IPCase:
    today = today or timezone.localdate()
    base = {name: values.get(name) for name in FIELDS}
    base["mark"] = clean_text(base.get("mark"))
    base["note"] = (base.get("note") or "").strip()
    problems = {}
    if base.get("producer") is None:
        problems["producer"] = _("Choose the producer.")
    if not base["mark"]:
        problems["mark"] = _("Give the name of the mark or indication.")
    if base.get("kind") not in IPKind.values:
        problems["kind"] = _("Choose what is protected.")
    if problems:
        raise ValidationError(problems)
    case = IPCase(**base)
    status = _checked_status(case, {name: values.get(name) for name in STATUS_FIELDS}, today)
    for name, value in status.items():
        setattr(case, name, value)
    case.search_name = fold(f"{case.mark} {case.producer.name}")
    case.save()
    log_action(
        actor=actor,
        verb="support.ip_case_opened",
        target=case,
        data={"kind": case.kind, "status": case.status, "producer": case.producer_id},
    )
    return case


@transaction.atomic
def update_ip_status(*, actor, case: IPCase, today=None, **values) -> IPCase:
    """Where the application stands now (filed, granted, refused, withdrawn) with its numbers and dates."""
    lock(case)
    today = today or timezone.localdate()
    current = {name: getattr(case, name) for name in STATUS_FIELDS}
    values = _checked_status(case, {**current, **{k: v for k, v in values.items() if k in STATUS_FIELDS}}, today)
    changed = apply_changes(case, values, STATUS_FIELDS)
    if changed:
        case.save()
        log_action(actor=actor, verb="support.ip_case_updated", target=case, data=changed)
    return case
