"""Revocation: a finding on one of the six grounds is proposed, and whoever recognised the product decides within
the days the rules give (15 under QĐ 148 and QĐ 26/2026). The published reason shows on the public check page.

Suspension: while an inspection's corrective actions are being done, the certificate may be suspended until a
deadline; it is lifted once they are done, or revocation is proposed."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.certificates.domain.publication import certificates_changed
from ocop.certificates.domain.recipients import area_officers, certificate_url, deciders, producer_users
from ocop.certificates.domain.status import certificate_status
from ocop.certificates.enums import (
    IN_FORCE_STATUSES,
    CertificateStatus,
    ProposalOutcome,
    RecognitionLevel,
    RevocationGround,
)
from ocop.certificates.models import Certificate, CorrectiveAction, Revocation, RevocationProposal, Suspension
from ocop.common.domain.activity import log_action
from ocop.common.domain.notifications import notify
from ocop.common.text import clean_text
from ocop.evaluation.domain.rule_sets import rule_set_in_force

# A suspended certificate can still be revoked; an expired, replaced or revoked one has nothing left to revoke.
REVOCABLE = IN_FORCE_STATUSES | {CertificateStatus.SUSPENDED}


def revoking_level(certificate: Certificate, day: datetime.date) -> str:
    """Whoever recognised the product decides. A district recognition after districts were abolished (1/7/2025) is
    decided by the level that recognises those stars under the rules in force on ``day``."""
    level = certificate.decision.level
    rules = rule_set_in_force(day)
    if (
        level == RecognitionLevel.DISTRICT
        and RecognitionLevel.DISTRICT not in rules.procedure["recognition_level"].values()
    ):
        return rules.recognition_level_for(certificate.stars) or RecognitionLevel.PROVINCE
    return level


def _notify_about(certificate: Certificate, verb: str, message: str, extra=()) -> None:
    commune = certificate.producer.unit
    notify(
        recipients=[*producer_users(certificate.producer_id), *area_officers(commune), *extra],
        verb=verb,
        url=certificate_url(certificate),
        message=message,
    )


def _check_not_future(day: datetime.date, field: str) -> None:
    if day > timezone.localdate():
        raise ValidationError({field: _("This date is in the future.")})


@transaction.atomic
def propose_revocation(
    *, actor, certificate: Certificate, ground: str, finding: str, found_on: datetime.date, inspection=None
) -> RevocationProposal:
    """Record that a ground for revocation was found; the decision is due within the rule set's days."""
    finding = (finding or "").strip()
    if not finding:
        raise ValidationError({"finding": _("Describe what was found.")})
    if ground not in RevocationGround.values:
        raise ValidationError({"ground": _("Choose one of the grounds for revocation the rules list.")})
    _check_not_future(found_on, "found_on")
    status = certificate_status(certificate)
    if status not in REVOCABLE:
        raise ValidationError(
            _("A certificate that is %(status)s cannot be revoked.") % {"status": status.label.lower()},
            code="not_revocable",
        )
    if certificate.revocation_proposals.filter(outcome=ProposalOutcome.OPEN).exists():
        raise ValidationError(_("A revocation proposal for this certificate is already waiting for a decision."))
    days = rule_set_in_force(found_on).revocation_decision_days
    level = revoking_level(certificate, found_on)
    proposal = RevocationProposal.objects.create(
        certificate=certificate,
        ground=ground,
        finding=finding,
        found_on=found_on,
        due_on=found_on + datetime.timedelta(days=days),
        deciding_level=level,
        inspection=inspection,
        proposed_by=actor if getattr(actor, "pk", None) else None,
    )
    log_action(
        actor=actor,
        verb="certificates.revocation_proposed",
        target=certificate,
        data={"ground": ground, "found_on": found_on, "due_on": proposal.due_on, "level": level},
    )
    _notify_about(
        certificate,
        "certificates.revocation_proposed",
        _("Revocation of OCOP certificate %(number)s (%(product)s) is proposed; to be decided by %(date)s.")
        % {"number": certificate.number, "product": certificate.product_name, "date": f"{proposal.due_on:%d/%m/%Y}"},
        extra=deciders(level, certificate.producer.unit),
    )
    return proposal


@transaction.atomic
def decide_revocation(
    *,
    actor,
    proposal: RevocationProposal,
    number: str,
    decided_on: datetime.date,
    issuing_body: str,
    public_reason: str,
    signer_name: str = "",
    signer_title: str = "",
) -> Revocation:
    """Record the decision revoking the certificate. From the next request the public check page says so, with the
    published reason, and the product leaves the catalogue."""
    number, issuing_body, public_reason = clean_text(number), clean_text(issuing_body), (public_reason or "").strip()
    if proposal.outcome != ProposalOutcome.OPEN:
        raise ValidationError(_("This proposal is already closed."), code="closed")
    errors = {}
    if not number:
        errors["number"] = _("Give the number of the revocation decision.")
    if not issuing_body:
        errors["issuing_body"] = _("Give the body that signed the decision.")
    if not public_reason:
        errors["public_reason"] = _("Give the reason that will be published.")
    if errors:
        raise ValidationError(errors)
    _check_not_future(decided_on, "decided_on")
    if decided_on < proposal.found_on:
        raise ValidationError({"decided_on": _("The decision cannot come before the finding.")})
    certificate = proposal.certificate
    status = certificate_status(certificate, decided_on)
    if status not in REVOCABLE:
        raise ValidationError(
            _("A certificate that is %(status)s cannot be revoked.") % {"status": status.label.lower()},
            code="not_revocable",
        )
    revocation = Revocation.objects.create(
        proposal=proposal,
        certificate=certificate,
        number=number,
        decided_on=decided_on,
        issuing_body=issuing_body,
        signer_name=clean_text(signer_name),
        signer_title=clean_text(signer_title),
        public_reason=public_reason,
        recorded_by=actor if getattr(actor, "pk", None) else None,
    )
    proposal.outcome, proposal.closed_on = ProposalOutcome.REVOKED, decided_on
    proposal.closed_by = actor if getattr(actor, "pk", None) else None
    proposal.save(update_fields=["outcome", "closed_on", "closed_by"])
    log_action(
        actor=actor,
        verb="certificates.revoked",
        target=certificate,
        data={
            "decision": number,
            "decided_on": decided_on,
            "ground": proposal.ground,
            "due_on": proposal.due_on,
            "late": decided_on > proposal.due_on,
        },
    )
    _notify_about(
        certificate,
        "certificates.revoked",
        _("OCOP certificate %(number)s (%(product)s) was revoked by decision %(decision)s.")
        % {"number": certificate.number, "product": certificate.product_name, "decision": number},
    )
    certificates_changed(product_ids=[certificate.product_id], numbers=[certificate.number])
    return revocation


@transaction.atomic
def close_proposal(
    *, actor, proposal: RevocationProposal, outcome: str, note: str, closed_on: datetime.date | None = None
) -> RevocationProposal:
    """The competent level decided not to revoke, or the proposal was withdrawn."""
    note = (note or "").strip()
    if proposal.outcome != ProposalOutcome.OPEN:
        raise ValidationError(_("This proposal is already closed."), code="closed")
    if outcome not in (ProposalOutcome.REJECTED, ProposalOutcome.WITHDRAWN):
        raise ValidationError({"outcome": _("Choose whether the proposal was rejected or withdrawn.")})
    if not note:
        raise ValidationError({"note": _("Say why.")})
    proposal.outcome, proposal.close_note = outcome, note
    proposal.closed_on = closed_on or timezone.localdate()
    proposal.closed_by = actor if getattr(actor, "pk", None) else None
    proposal.save(update_fields=["outcome", "close_note", "closed_on", "closed_by"])
    log_action(
        actor=actor,
        verb=f"certificates.revocation_{outcome}",
        target=proposal.certificate,
        data={"ground": proposal.ground, "note": note},
    )
    return proposal


@transaction.atomic
def suspend_certificate(
    *,
    actor,
    certificate: Certificate,
    starts_on: datetime.date,
    until: datetime.date,
    reason: str,
    inspection=None,
) -> Suspension:
    """Suspend a certificate in force until ``until``: the public check page says so, with the reason."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason that will be published.")})
    if until < starts_on:
        raise ValidationError({"until": _("The deadline cannot come before the suspension starts.")})
    status = certificate_status(certificate, starts_on)
    if status not in IN_FORCE_STATUSES:
        raise ValidationError(
            _("A certificate that is %(status)s cannot be suspended.") % {"status": status.label.lower()},
            code="not_in_force",
        )
    if certificate.suspensions.filter(lifted_on__isnull=True).exists():
        raise ValidationError(_("The certificate is already suspended."), code="already_suspended")
    suspension = Suspension.objects.create(
        certificate=certificate,
        starts_on=starts_on,
        until=until,
        reason=reason,
        inspection=inspection,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    log_action(
        actor=actor,
        verb="certificates.suspended",
        target=certificate,
        data={"starts_on": starts_on, "until": until, "reason": reason},
    )
    _notify_about(
        certificate,
        "certificates.suspended",
        _("OCOP certificate %(number)s (%(product)s) is suspended until the corrective actions are done, by %(date)s.")
        % {"number": certificate.number, "product": certificate.product_name, "date": f"{until:%d/%m/%Y}"},
    )
    certificates_changed(product_ids=[certificate.product_id], numbers=[certificate.number])
    return suspension


@transaction.atomic
def lift_suspension(*, actor, suspension: Suspension, lifted_on: datetime.date, note: str) -> Suspension:
    """End a suspension once what was found is fixed (every corrective action of its inspection done)."""
    note = (note or "").strip()
    if suspension.lifted_on:
        raise ValidationError(_("This suspension was already lifted."), code="lifted")
    if not note:
        raise ValidationError({"note": _("Say why the suspension is lifted.")})
    _check_not_future(lifted_on, "lifted_on")
    if lifted_on < suspension.starts_on:
        raise ValidationError({"lifted_on": _("A suspension cannot be lifted before it starts.")})
    if suspension.inspection_id:
        open_actions = CorrectiveAction.objects.filter(
            finding__inspection=suspension.inspection_id, done_on__isnull=True
        ).count()
        if open_actions:
            raise ValidationError(
                _("%(count)s corrective action(s) of the inspection are not done yet.") % {"count": open_actions},
                code="actions_open",
            )
    suspension.lifted_on, suspension.lift_note = lifted_on, note
    suspension.lifted_by = actor if getattr(actor, "pk", None) else None
    suspension.save(update_fields=["lifted_on", "lift_note", "lifted_by"])
    certificate = suspension.certificate
    log_action(
        actor=actor,
        verb="certificates.suspension_lifted",
        target=certificate,
        data={"lifted_on": lifted_on, "note": note},
    )
    _notify_about(
        certificate,
        "certificates.suspension_lifted",
        _("The suspension of OCOP certificate %(number)s (%(product)s) was lifted.")
        % {"number": certificate.number, "product": certificate.product_name},
    )
    certificates_changed(product_ids=[certificate.product_id], numbers=[certificate.number])
    return suspension
