"""The plan's money, recorded entry by entry: what a task was allocated and spent from each funding source (the
sources section IV of plan 706 names: the national target programmes on new rural development and on poverty
reduction, industry and trade promotion, enterprises and producers, others), each entry dated and with its evidence;
and the support each producer received (stamps, packaging, fairs, training…).

The plan's funding figures (planning.domain.review.funding: the dashboard and the report's funding section) read
these entries for every task that has any; a task without entries keeps the budget and spending typed on it and in
its progress reports."""

import datetime
from collections import defaultdict
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.common.domain.activity import log_action, user_or_none
from ocop.common.text import clean_text
from ocop.common.uploads import DOCUMENT_TYPES, check_upload, safe_file_name
from ocop.planning.domain.progress import locks_covering
from ocop.support.enums import SOURCE_VI, FundingMovement, FundingSource, SupportKind
from ocop.support.models import FundingEntry, ProducerSupport


def _amount(value, field: str, *, required: bool) -> Decimal | None:
    if value is None or value == "":
        if required:
            raise ValidationError({field: _("Give the amount in đồng.")})
        return None
    try:
        amount = Decimal(str(value))
    except InvalidOperation as error:
        raise ValidationError({field: _("Enter a number.")}) from error
    if not amount.is_finite() or amount <= 0:
        raise ValidationError({field: _("The amount must be more than 0 đồng.")})
    if amount != amount.to_integral_value():
        raise ValidationError({field: _("Amounts are in whole đồng.")})
    return amount


def _closed_period_refusal(task, day: datetime.date) -> None:
    locks = locks_covering(task.plan, day, day)
    if locks:
        raise ValidationError(
            {
                "entered_on": _(
                    "The period %(period)s is closed: its figures were reported and no longer change. Date the entry "
                    "after it, or ask the office to reopen the period."
                )
                % {"period": ", ".join(lock.period_key for lock in locks)}
            }
        )


@transaction.atomic
def record_funding(
    *, actor, task, source: str, movement: str, amount, entered_on: datetime.date, note: str = "", evidence=None
) -> FundingEntry:
    """Money allocated to or spent on ``task`` from ``source`` on ``entered_on``, with its evidence (a decision, an
    invoice: a PDF, an image or an Office file, checked by its content)."""
    problems = {}
    if source not in FundingSource.values:
        problems["source"] = _("Choose the funding source.")
    if movement not in FundingMovement.values:
        problems["movement"] = _("Choose whether the money was allocated or spent.")
    if not isinstance(entered_on, datetime.date):
        problems["entered_on"] = _("Give the date of the entry.")
    elif entered_on > timezone.localdate():
        problems["entered_on"] = _("This date is still to come.")
    elif entered_on < task.plan.starts_on or entered_on > task.plan.ends_on:
        problems["entered_on"] = _("The date must fall within the plan (%(start)s – %(end)s).") % {
            "start": task.plan.starts_on.strftime("%d/%m/%Y"),
            "end": task.plan.ends_on.strftime("%d/%m/%Y"),
        }
    if problems:
        raise ValidationError(problems)
    value = _amount(amount, "amount", required=True)
    _closed_period_refusal(task, entered_on)
    entry = FundingEntry(
        task=task,
        source=source,
        movement=movement,
        amount=value,
        entered_on=entered_on,
        note=clean_text(note),
        entered_by=user_or_none(actor),
    )
    if evidence:
        checked = check_upload(evidence, DOCUMENT_TYPES)
        evidence.name = safe_file_name(evidence.name, checked.extension, "minh-chung-kinh-phi")
        entry.evidence_type = checked.mime_type
        entry.evidence.save(evidence.name, checked.file, save=False)
    entry.save()
    log_action(
        actor=actor,
        verb="support.funding_recorded",
        target=task,
        data={"source": source, "movement": movement, "amount": str(value), "on": entered_on.isoformat()},
    )
    return entry


@transaction.atomic
def record_producer_support(
    *,
    actor,
    producer,
    kind: str,
    received_on: datetime.date,
    description: str,
    amount=None,
    source: str = "",
    task=None,
) -> ProducerSupport:
    problems = {}
    if kind not in SupportKind.values:
        problems["kind"] = _("Choose the kind of support.")
    if not isinstance(received_on, datetime.date):
        problems["received_on"] = _("Give the day the support was received.")
    elif received_on > timezone.localdate():
        problems["received_on"] = _("This date is still to come.")
    if source and source not in FundingSource.values:
        problems["source"] = _("Choose the funding source.")
    description = clean_text(description)
    if not description:
        problems["description"] = _("Say what was given (for example: 500 bao bì hộp giấy).")
    if problems:
        raise ValidationError(problems)
    support = ProducerSupport.objects.create(
        producer=producer,
        kind=kind,
        received_on=received_on,
        description=description,
        amount=_amount(amount, "amount", required=False),
        source=source or "",
        task=task,
        entered_by=user_or_none(actor),
    )
    log_action(
        actor=actor,
        verb="support.producer_support_recorded",
        target=producer,
        data={"kind": kind, "amount": None if support.amount is None else str(support.amount)},
    )
    return support


# Figures -------------------------------------------------------------------------------------------------------------


def task_totals(task_ids, as_of: datetime.date | None = None) -> dict[int, dict[str, dict[str, Decimal]]]:
    """Per task, per source: the amounts allocated and spent (entries dated up to ``as_of``), in one query."""
    entries = FundingEntry.objects.filter(task__in=list(task_ids))
    if as_of is not None:
        entries = entries.filter(entered_on__lte=as_of)
    totals: dict[int, dict[str, dict[str, Decimal]]] = defaultdict(lambda: defaultdict(dict))
    rows = entries.order_by().values_list("task", "source", "movement").annotate(total=Sum("amount"))
    for task_id, source, movement, total in rows:
        totals[task_id][source][movement] = total
    return totals


def funding_of_tasks(tasks, as_of: datetime.date) -> dict[int, dict[str, tuple[Decimal | None, Decimal | None]]]:
    """What the plan's funding figures read (planning.domain.review.register_funding): for each task with entries,
    by source name as the report prints it, (allocated, spent) up to ``as_of``; None where nothing was entered."""
    totals = task_totals([task.pk for task in tasks], as_of)
    return {
        task_id: {
            SOURCE_VI[FundingSource(source)]: (
                movements.get(FundingMovement.ALLOCATED),
                movements.get(FundingMovement.SPENT),
            )
            for source, movements in sources.items()
        }
        for task_id, sources in totals.items()
    }


def sources_summary(entries) -> list[dict]:
    """Allocated and spent by source over ``entries`` (a queryset), in the order of the sources, in one query."""
    rows = entries.order_by().values_list("source", "movement").annotate(total=Sum("amount"))
    found: dict[str, dict[str, Decimal]] = defaultdict(dict)
    for source, movement, total in rows:
        found[source][movement] = total
    return [
        {
            "source": FundingSource(source),
            "allocated": found[source].get(FundingMovement.ALLOCATED),
            "spent": found[source].get(FundingMovement.SPENT),
        }
        for source in FundingSource.values
        if source in found
    ]
