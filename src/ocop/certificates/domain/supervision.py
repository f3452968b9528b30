"""Post-certification supervision (hậu kiểm): plans, inspections, findings against the criteria that were scored,
corrective actions with deadlines, and the conclusion, which can suspend the certificate or propose revocation."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.certificates.domain.recipients import certificate_url, producer_users
from ocop.certificates.domain.revocation import propose_revocation, suspend_certificate
from ocop.certificates.domain.status import certificate_status
from ocop.certificates.domain.validity import in_force
from ocop.certificates.enums import (
    IN_FORCE_STATUSES,
    CertificateStatus,
    FindingKind,
    InspectionConclusion,
    InspectionPlanKind,
    RevocationGround,
)
from ocop.certificates.models import Certificate, CorrectiveAction, Finding, Inspection, InspectionPlan
from ocop.common.domain.activity import log_action
from ocop.common.domain.notifications import notify
from ocop.common.text import clean_text
from ocop.evaluation.definitions import Sheet
from ocop.evaluation.domain.rule_sets import criteria_rule_set, rule_set_named
from ocop.evaluation.models import RuleSet

INSPECTABLE = IN_FORCE_STATUSES | {CertificateStatus.SUSPENDED}


def criteria_sheet(certificate: Certificate) -> Sheet | None:
    """The scoring sheet the product was scored on: its product set's sheet in the rule set of its decision (or, for
    the older decisions loaded as procedures only, the sheet their dossiers are scored on)."""
    try:
        rules = criteria_rule_set(rule_set_named(certificate.decision.rule_set))
        return rules.sheet(certificate.product_set or certificate.product.product_set)
    except (ValidationError, RuleSet.DoesNotExist):
        return None


def _actor(actor):
    return actor if getattr(actor, "pk", None) else None


def _ensure_open(inspection: Inspection) -> None:
    if inspection.conclusion:
        raise ValidationError(_("This inspection is concluded: nothing can be added to it."), code="concluded")


@transaction.atomic
def create_plan(
    *,
    actor,
    title: str,
    kind: str,
    year: int,
    starts_on: datetime.date,
    ends_on: datetime.date,
    unit,
    description: str = "",
) -> InspectionPlan:
    title = clean_text(title)
    if not title:
        raise ValidationError({"title": _("Give the plan a title.")})
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("The plan cannot end before it starts.")})
    plan = InspectionPlan.objects.create(
        title=title,
        kind=InspectionPlanKind(kind),
        year=year,
        starts_on=starts_on,
        ends_on=ends_on,
        unit=unit,
        description=(description or "").strip(),
        created_by=_actor(actor),
    )
    log_action(
        actor=actor,
        verb="certificates.plan_created",
        target=plan,
        data={"kind": kind, "year": year, "unit": unit.code, "from": starts_on, "to": ends_on},
    )
    return plan


@transaction.atomic
def add_inspection(
    *, actor, plan: InspectionPlan, certificate: Certificate, scheduled_on: datetime.date, inspectors: str = ""
) -> Inspection:
    """Schedule an inspection of a certified product; its producer is told."""
    status = certificate_status(certificate)
    if status not in INSPECTABLE:
        raise ValidationError(
            _("A certificate that is %(status)s is not supervised any more.") % {"status": status.label.lower()},
            code="not_in_force",
        )
    if plan.inspections.filter(certificate=certificate).exists():
        raise ValidationError(_("This certificate is already in the plan."), code="duplicate")
    inspection = Inspection.objects.create(
        plan=plan, certificate=certificate, scheduled_on=scheduled_on, inspectors=clean_text(inspectors)
    )
    log_action(
        actor=actor,
        verb="certificates.inspection_scheduled",
        target=certificate,
        data={"plan": plan.title, "scheduled_on": scheduled_on},
    )
    notify(
        recipients=producer_users(certificate.producer_id),
        verb="certificates.inspection_scheduled",
        url=certificate_url(certificate),
        message=_("An inspection of %(product)s (OCOP certificate %(number)s) is scheduled for %(date)s.")
        % {"product": certificate.product_name, "number": certificate.number, "date": f"{scheduled_on:%d/%m/%Y}"},
    )
    return inspection


@transaction.atomic
def add_certificates_in_force(
    *, actor, plan: InspectionPlan, certificates, scheduled_on: datetime.date
) -> list[Inspection]:
    """A periodic plan: one inspection for every certificate in force among ``certificates`` not in the plan yet."""
    already = set(plan.inspections.values_list("certificate_id", flat=True))
    chosen = in_force(certificates.exclude(pk__in=already)).select_related("producer")
    return [
        add_inspection(actor=actor, plan=plan, certificate=certificate, scheduled_on=scheduled_on)
        for certificate in chosen.order_by("valid_until", "pk")
    ]


@transaction.atomic
def record_finding(
    *,
    actor,
    inspection: Inspection,
    kind: str,
    severity: str,
    description: str,
    criterion_code: str = "",
) -> Finding:
    """A finding; against a criterion it names one of the criteria of the sheet the product was scored on."""
    _ensure_open(inspection)
    description = (description or "").strip()
    if not description:
        raise ValidationError({"description": _("Describe what was found.")})
    criterion_code, criterion_title = clean_text(criterion_code), ""
    if kind == FindingKind.CRITERION:
        sheet = criteria_sheet(inspection.certificate)
        leaf = sheet.leaves_by_code.get(criterion_code) if sheet else None
        if leaf is None:
            raise ValidationError({"criterion_code": _("Choose one of the criteria the product was scored on.")})
        criterion_title = leaf.title[:500]
    elif criterion_code:
        raise ValidationError({"criterion_code": _("Only a finding against a criterion names one.")})
    finding = Finding.objects.create(
        inspection=inspection,
        kind=kind,
        severity=severity,
        criterion_code=criterion_code,
        criterion_title=criterion_title,
        description=description,
        recorded_by=_actor(actor),
    )
    log_action(
        actor=actor,
        verb="certificates.finding_recorded",
        target=inspection.certificate,
        data={"kind": kind, "severity": severity, "criterion": criterion_code},
    )
    return finding


@transaction.atomic
def add_corrective_action(*, actor, finding: Finding, description: str, deadline: datetime.date) -> CorrectiveAction:
    _ensure_open(finding.inspection)
    description = (description or "").strip()
    if not description:
        raise ValidationError({"description": _("Say what the producer must do.")})
    if deadline < timezone.localdate():
        raise ValidationError({"deadline": _("The deadline has already passed.")})
    action = CorrectiveAction.objects.create(finding=finding, description=description, deadline=deadline)
    certificate = finding.inspection.certificate
    log_action(
        actor=actor,
        verb="certificates.corrective_action_required",
        target=certificate,
        data={"action": description[:200], "deadline": deadline},
    )
    notify(
        recipients=producer_users(certificate.producer_id),
        verb="certificates.corrective_action_required",
        url=certificate_url(certificate),
        message=_("%(product)s: a corrective action is required by %(date)s: %(action)s")
        % {"product": certificate.product_name, "date": f"{deadline:%d/%m/%Y}", "action": description[:150]},
    )
    return action


@transaction.atomic
def complete_corrective_action(
    *, actor, action: CorrectiveAction, done_on: datetime.date, note: str = ""
) -> CorrectiveAction:
    """An officer checked that the producer did what was required."""
    if action.done_on:
        raise ValidationError(_("This action was already checked as done."), code="done")
    if done_on > timezone.localdate():
        raise ValidationError({"done_on": _("This date is in the future.")})
    action.done_on, action.note, action.verified_by = done_on, (note or "").strip(), _actor(actor)
    action.save(update_fields=["done_on", "note", "verified_by"])
    log_action(
        actor=actor,
        verb="certificates.corrective_action_done",
        target=action.finding.inspection.certificate,
        data={"action": action.description[:200], "done_on": done_on},
    )
    return action


@transaction.atomic
def conclude_inspection(
    *,
    actor,
    inspection: Inspection,
    inspected_on: datetime.date,
    conclusion: str,
    note: str,
    mark_used_correctly: bool | None = None,
    suspend: bool = False,
    ground: str = "",
) -> Inspection:
    """Close the inspection. Corrective actions may come with a suspension until their last deadline; a product that
    no longer meets the criteria gets a revocation proposal, decided by the recognising level."""
    _ensure_open(inspection)
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Write the conclusion.")})
    if inspected_on > timezone.localdate():
        raise ValidationError({"inspected_on": _("This date is in the future.")})
    open_actions = CorrectiveAction.objects.filter(finding__inspection=inspection, done_on__isnull=True)
    if conclusion == InspectionConclusion.CORRECTIVE and not open_actions.exists():
        raise ValidationError(
            {"conclusion": _("Add the corrective actions (with their deadlines) to the findings first.")}
        )
    if conclusion == InspectionConclusion.COMPLIANT and inspection.findings.filter(severity="critical").exists():
        raise ValidationError({"conclusion": _("A product with a critical finding cannot be found compliant.")})
    if suspend and conclusion != InspectionConclusion.CORRECTIVE:
        raise ValidationError({"suspend": _("Only a conclusion with corrective actions suspends the certificate.")})
    inspection.inspected_on, inspection.conclusion, inspection.conclusion_note = inspected_on, conclusion, note
    inspection.mark_used_correctly = mark_used_correctly
    inspection.concluded_at, inspection.concluded_by = timezone.now(), _actor(actor)
    inspection.save()
    certificate = inspection.certificate
    log_action(
        actor=actor,
        verb="certificates.inspection_concluded",
        target=certificate,
        data={"conclusion": conclusion, "inspected_on": inspected_on, "findings": inspection.findings.count()},
    )
    if suspend:
        last_deadline = max(open_actions.values_list("deadline", flat=True))
        suspend_certificate(
            actor=actor,
            certificate=certificate,
            starts_on=timezone.localdate(),
            until=last_deadline,
            reason=note,
            inspection=inspection,
        )
    if conclusion == InspectionConclusion.PROPOSE_REVOCATION:
        if not ground:
            misuse = mark_used_correctly is False or inspection.findings.filter(kind=FindingKind.MARK_USE).exists()
            ground = RevocationGround.MARK_MISUSE if misuse else RevocationGround.NO_LONGER_MEETS
        propose_revocation(
            actor=actor,
            certificate=certificate,
            ground=ground,
            finding=note,
            found_on=inspected_on,
            inspection=inspection,
        )
    return inspection
