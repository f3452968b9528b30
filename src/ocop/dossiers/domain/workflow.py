"""The life of an evaluation dossier: every transition is one logged domain function.

draft → submitted (commune review, 15 working days) ⇄ returned for supplements → forwarded to the evaluation
level (district under the three-level procedure, province under the two-level one, as the rules in force on the
filing date say) ⇄ returned for supplements → accepted into a round, or rejected with reasons. The producer may
withdraw until the dossier is accepted.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ocop.common.domain.activity import log_action
from ocop.common.domain.calendar import add_working_days
from ocop.common.domain.locking import lock
from ocop.common.domain.notifications import notify
from ocop.common.text import clean_lines
from ocop.dossiers import checklist
from ocop.dossiers.domain.eligibility import check_kind_allowed
from ocop.dossiers.domain.recipients import officers_at, producer_accounts
from ocop.dossiers.domain.routing import (
    evaluating_area,
    next_receipt_number,
    receiving_commune,
    round_area,
    round_for,
)
from ocop.dossiers.enums import DossierState, Level
from ocop.dossiers.models import CommuneReview, Dossier, SupplementRequest
from ocop.evaluation.domain.rule_sets import criteria_rule_set, rule_set_in_force
from ocop.evaluation.domain.scoring import score_sheet, usable_answers

S = DossierState
TRANSITIONS = {
    "submit": ({S.DRAFT}, S.SUBMITTED),
    "request_supplement": ({S.SUBMITTED, S.FORWARDED}, S.SUPPLEMENT_REQUESTED),
    "resubmit": ({S.SUPPLEMENT_REQUESTED}, None),  # back to whoever asked
    "forward": ({S.SUBMITTED}, S.FORWARDED),
    "accept": ({S.FORWARDED}, S.ACCEPTED),
    "reject": ({S.SUBMITTED, S.FORWARDED}, S.REJECTED),
    "withdraw": ({S.DRAFT, S.SUBMITTED, S.SUPPLEMENT_REQUESTED, S.FORWARDED}, S.WITHDRAWN),
}
ACTION_LABELS = {
    "submit": gettext_lazy("submitted"),
    "request_supplement": gettext_lazy("returned for supplements"),
    "resubmit": gettext_lazy("sent back"),
    "forward": gettext_lazy("forwarded"),
    "accept": gettext_lazy("accepted into a round"),
    "reject": gettext_lazy("rejected"),
    "withdraw": gettext_lazy("withdrawn"),
}
EDITABLE_STATES = frozenset({S.DRAFT, S.SUPPLEMENT_REQUESTED})


def ensure_transition(dossier: Dossier, action: str) -> None:
    """Re-read the dossier under lock (common.domain.locking) and refuse an action its state does not allow: a
    second click waits for the first and is refused, so a dossier is never filed twice nor given two numbers."""
    lock(dossier)
    allowed_from, _target = TRANSITIONS[action]
    if dossier.state not in allowed_from:
        raise ValidationError(
            _("A dossier that is “%(state)s” cannot be %(action)s.")
            % {"state": dossier.get_state_display(), "action": ACTION_LABELS[action]},
            code="invalid_transition",
        )


def ensure_editable(dossier: Dossier) -> None:
    lock(dossier)
    if dossier.state not in EDITABLE_STATES:
        raise ValidationError(
            _("A dossier that is “%(state)s” cannot be changed.") % {"state": dossier.get_state_display()},
            code="not_editable",
        )


def _url(dossier: Dossier) -> str:
    return reverse("backoffice:dossier_detail", args=[dossier.pk])


def _move(dossier: Dossier, *, actor, action: str, state: str, data: dict | None = None, **fields) -> Dossier:
    previous = dossier.state
    dossier.state = state
    for name, value in fields.items():
        setattr(dossier, name, value)
    dossier.save()
    _time_commune_review(dossier, previous=previous, action=action)
    log_action(
        actor=actor, verb=f"dossiers.{action}", target=dossier, data={"from": previous, "to": state} | (data or {})
    )
    return dossier


def _time_commune_review(dossier: Dossier, *, previous: str, action: str) -> None:
    """A dossier leaving the commune's hands ends its review; one arriving (filed or refiled) starts one."""
    if previous == S.SUBMITTED:
        dossier.commune_reviews.filter(finished_on__isnull=True).update(
            finished_on=timezone.localdate(), outcome=action
        )
    if dossier.state == S.SUBMITTED:
        started = dossier.filed_on if action == "submitted" else timezone.localdate()
        CommuneReview.objects.create(dossier=dossier, started_on=started, due_on=dossier.deadline)


def _unanswered_criteria(dossier: Dossier) -> int:
    """How many criteria the saved self-score (a draft may be half-done) leaves open."""
    # drafting imports this module (ensure_editable): import the sheet lookup when needed, not at load time.
    from ocop.dossiers.domain.drafting import scoring_sheet

    sheet = scoring_sheet(dossier)
    return len(score_sheet(sheet, usable_answers(sheet, dossier.self_score_answers)).unanswered)


def missing_for_submission(dossier: Dossier) -> list[str]:
    """What still keeps the producer from filing: required evidence, samples, the self-assessment."""
    product_set = dossier.filed_product_set
    provided = set(dossier.evidence.values_list("requirement", flat=True))
    problems = [
        _("Evidence missing: %(item)s.") % {"item": requirement.label}
        for requirement in checklist.requirements_for(product_set)
        if requirement.required(product_set) and requirement.code not in provided
    ]
    samples = checklist.samples_required(product_set)
    if dossier.samples_count < samples:
        problems.append(_("%(count)s product samples are required.") % {"count": samples})
    if not dossier.self_score_answers:
        problems.append(_("The self-assessment (form 02) has no self-score yet."))
    elif unanswered := _unanswered_criteria(dossier):
        problems.append(
            ngettext(
                "The self-score (form 02) leaves %(count)s criterion unanswered.",
                "The self-score (form 02) leaves %(count)s criteria unanswered.",
                unanswered,
            )
            % {"count": unanswered}
        )
    if not dossier.business_plan_results:
        problems.append(_("The self-assessment (form 02) does not describe the results of the business plan."))
    return problems


@transaction.atomic
def submit_dossier(*, actor, dossier: Dossier, on: datetime.date | None = None) -> Dossier:
    """File the dossier with the commune. ``on`` is today, or the day a paper dossier was received."""
    on = on or timezone.localdate()
    ensure_transition(dossier, "submit")
    if on > timezone.localdate():
        raise ValidationError({"filed_on": _("The filing date cannot be in the future.")})
    if problems := missing_for_submission(dossier):
        raise ValidationError(problems, code="incomplete")
    rule_set = rule_set_in_force(on)
    check_kind_allowed(dossier.product, dossier.kind, on=on, rule_set=rule_set, exclude=dossier)
    commune = receiving_commune(dossier.product.producer.unit, on)
    level, area = evaluating_area(commune, rule_set)
    sheets_rule_set = criteria_rule_set(rule_set)
    _move(
        dossier,
        actor=actor,
        action="submitted",
        state=S.SUBMITTED,
        data={
            "rule_set": rule_set.identifier,
            "evaluation_level": level,
            "filed_on": on,
            "product_set": dossier.product.product_set,
            "sheets_of": sheets_rule_set.identifier,
        },
        filed_on=on,
        rule_set=rule_set,
        product_set=dossier.product.product_set,
        sheets_rule_set=sheets_rule_set,
        commune=commune,
        evaluation_level=level,
        evaluation_unit=area,
        receipt_number=next_receipt_number(commune, on.year),
        current_level=Level.COMMUNE,
        deadline=add_working_days(on, rule_set.commune_review_working_days),
    )
    notify(
        recipients=officers_at(Level.COMMUNE, commune),
        verb="dossiers.submitted",
        url=_url(dossier),
        message=_("New OCOP dossier %(receipt)s for %(product)s: review it by %(deadline)s.")
        % {
            "receipt": dossier.receipt_number,
            "product": dossier.product.name,
            "deadline": dossier.deadline.strftime("%d/%m/%Y"),
        },
    )
    return dossier


@transaction.atomic
def request_supplement(
    *, actor, dossier: Dossier, items: list[str], message: str, deadline: datetime.date
) -> SupplementRequest:
    """Send the dossier back to the producer with what is missing; the producer adds it without refiling."""
    ensure_transition(dossier, "request_supplement")
    message = clean_lines(message)
    unknown = [code for code in items if code not in checklist.BY_CODE]
    if unknown or not (items or message):
        raise ValidationError(_("Say what is missing: tick checklist items or write it."), code="empty")
    if deadline <= timezone.localdate():
        raise ValidationError({"deadline": _("The deadline must be after today.")})
    request = SupplementRequest.objects.create(
        dossier=dossier,
        level=dossier.current_level,
        items=items,
        message=message or "—",
        deadline=deadline,
        requested_by=actor,
    )
    _move(
        dossier,
        actor=actor,
        action="supplement_requested",
        state=S.SUPPLEMENT_REQUESTED,
        data={"items": items, "deadline": deadline},
        deadline=deadline,
    )
    notify(
        recipients=producer_accounts(dossier),
        verb="dossiers.supplement_requested",
        url=_url(dossier),
        message=_("Dossier %(receipt)s needs supplements by %(deadline)s: %(what)s")
        % {
            "receipt": dossier.receipt_number,
            "deadline": deadline.strftime("%d/%m/%Y"),
            "what": ", ".join(str(checklist.BY_CODE[code].label) for code in items) or message,
        },
    )
    return request


def missing_for_resubmission(dossier: Dossier) -> list[str]:
    """The items the open supplement request asked for that no evidence added since answers (the file found wanting
    does not)."""
    request = dossier.supplement_requests.filter(answered_at__isnull=True).first()
    if request is None:
        return []
    provided = set(dossier.evidence.filter(uploaded_at__gte=request.requested_at).values_list("requirement", flat=True))
    still_missing = [code for code in request.items if code not in provided]
    if not still_missing:
        return []
    return [
        _("Still missing: %(items)s.")
        % {"items": ", ".join(str(checklist.BY_CODE[code].label) for code in still_missing)}
    ]


@transaction.atomic
def resubmit_dossier(*, actor, dossier: Dossier) -> Dossier:
    """The producer has added what was asked: the dossier goes back to the level that asked."""
    ensure_transition(dossier, "resubmit")
    if problems := missing_for_resubmission(dossier):
        raise ValidationError(problems, code="incomplete")
    request = dossier.supplement_requests.filter(answered_at__isnull=True).first()
    if request:
        request.answered_at = timezone.now()
        request.save(update_fields=["answered_at"])
    back_to_commune = dossier.current_level == Level.COMMUNE
    today = timezone.localdate()
    _move(
        dossier,
        actor=actor,
        action="resubmitted",
        state=S.SUBMITTED if back_to_commune else S.FORWARDED,
        deadline=add_working_days(today, dossier.rule_set.commune_review_working_days) if back_to_commune else None,
    )
    notify(
        recipients=officers_at(dossier.current_level, dossier.commune),
        verb="dossiers.resubmitted",
        url=_url(dossier),
        message=_("Dossier %(receipt)s was supplemented and is back with you.") % {"receipt": dossier.receipt_number},
    )
    return dossier


def missing_for_forwarding(dossier: Dossier) -> list[str]:
    problems = []
    if not hasattr(dossier, "commune_report"):
        problems.append(_("The commune report (form 03) is not filled in."))
    problems += missing_marks(dossier, Level.COMMUNE)
    return problems


def missing_marks(dossier: Dossier, level: str) -> list[str]:
    """Required checklist items not yet ticked as acceptable at ``level``."""
    product_set = dossier.filed_product_set
    accepted = set(dossier.marks.filter(level=level, ok=True).values_list("requirement", flat=True))
    return [
        _("Not checked as acceptable: %(item)s.") % {"item": requirement.label}
        for requirement in checklist.requirements_for(product_set)
        if requirement.required(product_set) and requirement.code not in accepted
    ]


@transaction.atomic
def forward_dossier(*, actor, dossier: Dossier) -> Dossier:
    ensure_transition(dossier, "forward")
    if problems := missing_for_forwarding(dossier):
        raise ValidationError(problems, code="incomplete")
    _move(
        dossier,
        actor=actor,
        action="forwarded",
        state=S.FORWARDED,
        data={"to": dossier.evaluation_level},
        current_level=dossier.evaluation_level,
        deadline=None,
    )
    notify(
        recipients=officers_at(dossier.evaluation_level, dossier.commune),
        verb="dossiers.forwarded",
        url=_url(dossier),
        message=_("Dossier %(receipt)s (%(product)s) was forwarded for evaluation.")
        % {"receipt": dossier.receipt_number, "product": dossier.product.name},
    )
    return dossier


def missing_for_acceptance(dossier: Dossier) -> list[str]:
    # At the central level the province's checks stand (the Ministry takes in what the province checked and sent).
    checked_at = Level.PROVINCE if dossier.evaluation_level == Level.CENTRAL else dossier.evaluation_level
    return missing_marks(dossier, checked_at)


@transaction.atomic
def accept_dossier(*, actor, dossier: Dossier, on: datetime.date | None = None) -> Dossier:
    """Accept the dossier for evaluation: it joins the next open round of its level and area (at the central level,
    once the Ministry takes part, the Ministry's own rounds, which have no area)."""
    ensure_transition(dossier, "accept")
    if problems := missing_for_acceptance(dossier):
        raise ValidationError(problems, code="incomplete")
    on = on or timezone.localdate()
    joined = round_for(
        level=dossier.evaluation_level, unit=round_area(dossier), received_on=on, rule_set=dossier.rule_set
    )
    _move(
        dossier,
        actor=actor,
        action="accepted",
        state=S.ACCEPTED,
        data={"round": str(joined)},
        round=joined,
        deadline=joined.decision_due,
    )
    notify(
        recipients=[*producer_accounts(dossier), *officers_at(Level.COMMUNE, dossier.commune)],
        verb="dossiers.accepted",
        url=_url(dossier),
        message=_("Dossier %(receipt)s was accepted into %(round)s.")
        % {"receipt": dossier.receipt_number, "round": joined},
    )
    return dossier


@transaction.atomic
def reject_dossier(*, actor, dossier: Dossier, reasons: str) -> Dossier:
    ensure_transition(dossier, "reject")
    reasons = clean_lines(reasons)
    if not reasons:
        raise ValidationError({"reasons": _("Give the reasons for the rejection.")})
    _move(
        dossier,
        actor=actor,
        action="rejected",
        state=S.REJECTED,
        data={"reasons": reasons},
        rejection_reason=reasons,
        deadline=None,
        closed_on=timezone.localdate(),
    )
    notify(
        recipients=[*producer_accounts(dossier), *officers_at(Level.COMMUNE, dossier.commune)],
        verb="dossiers.rejected",
        url=_url(dossier),
        message=_("Dossier %(receipt)s was rejected: %(reasons)s")
        % {"receipt": dossier.receipt_number, "reasons": reasons},
    )
    return dossier


@transaction.atomic
def withdraw_dossier(*, actor, dossier: Dossier) -> Dossier:
    ensure_transition(dossier, "withdraw")
    _move(dossier, actor=actor, action="withdrawn", state=S.WITHDRAWN, deadline=None, closed_on=timezone.localdate())
    if dossier.current_level:
        notify(
            recipients=officers_at(dossier.current_level, dossier.commune),
            verb="dossiers.withdrawn",
            url=_url(dossier),
            message=_("The producer withdrew dossier %(receipt)s.") % {"receipt": dossier.receipt_number},
        )
    return dossier
