"""Preparing a dossier: the forms, the self-score, the evidence (uploaded or reused), the officers' checks."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.certificates.domain.validity import current_certificate
from ocop.common.domain.activity import log_action
from ocop.common.domain.changes import apply_changes
from ocop.common.domain.changes import ensure_editable as ensure_known_fields
from ocop.common.domain.locking import lock
from ocop.common.text import clean_text
from ocop.common.uploads import DOCUMENT_TYPES, check_upload, safe_file_name
from ocop.dossiers import checklist
from ocop.dossiers.domain.eligibility import check_kind_allowed
from ocop.dossiers.domain.workflow import ensure_editable
from ocop.dossiers.enums import DossierKind, DossierState, Level, MilestoneKind
from ocop.dossiers.models import ChecklistMark, CommuneReport, Dossier, Evidence, Milestone
from ocop.evaluation.domain.rule_sets import criteria_rule_set, rule_set_in_force
from ocop.evaluation.domain.scoring import answer_problems, score_sheet
from ocop.producers.domain.documents import expiry_status
from ocop.producers.enums import ExpiryStatus

FORM_FIELDS = (
    "contact_name",
    "contact_phone",
    "samples_count",
    "producer_summary",
    "business_plan_results",
    "future_plan",
)
REPORT_FIELDS = (
    "local_origin",
    "local_origin_note",
    "local_labour",
    "local_labour_note",
    "idea_origin",
    "idea_origin_note",
    "local_identity",
    "local_identity_note",
)


def _clean(values: dict) -> dict:
    cleaned = dict(values)
    for field in ("contact_name", "contact_phone"):
        if field in cleaned:
            cleaned[field] = clean_text(cleaned[field])
    for field in ("producer_summary", "business_plan_results", "future_plan"):
        if field in cleaned:
            cleaned[field] = (cleaned[field] or "").strip()
    return cleaned


@transaction.atomic
def create_dossier(*, actor, product, kind: str, **values) -> Dossier:
    values = _clean(values)
    ensure_known_fields(values, FORM_FIELDS)
    today = timezone.localdate()
    check_kind_allowed(product, kind, on=today, rule_set=rule_set_in_force(today))
    certificate = current_certificate(product, today)
    samples = values.pop("samples_count", None)
    dossier = Dossier.objects.create(
        product=product,
        producer=product.producer,
        kind=DossierKind(kind),
        created_by=actor,
        current_stars=certificate.stars if certificate else None,
        samples_count=checklist.samples_required(product.product_set) if samples is None else samples,
        **values,
    )
    log_action(actor=actor, verb="dossiers.created", target=dossier, data={"product": product.code, "kind": kind})
    return dossier


@transaction.atomic
def update_dossier(*, actor, dossier: Dossier, **changes) -> Dossier:
    ensure_editable(dossier)
    changed = apply_changes(dossier, _clean(changes), FORM_FIELDS)
    if changed:
        dossier.save()
        log_action(actor=actor, verb="dossiers.updated", target=dossier, data={"changed": changed})
    return dossier


def scoring_rules(dossier: Dossier):
    """The rule set whose sheets score the dossier: fixed at filing (``Dossier.sheets_rule_set``); for a draft, that of
    today's rules (for rules loaded without sheets, see evaluation.domain.rule_sets.criteria_rule_set)."""
    return dossier.sheets_rule_set or criteria_rule_set(dossier.rule_set or rule_set_in_force(timezone.localdate()))


def scoring_sheet(dossier: Dossier):
    """The sheet the dossier is scored on (self-score and council): the product set and the rules fixed when it was
    filed, so that editing the product later changes nothing the council scores; a draft follows its product."""
    return scoring_rules(dossier).sheet(dossier.filed_product_set)


@transaction.atomic
def save_self_score(*, actor, dossier: Dossier, answers: dict[str, int], evidence: dict[str, str]):
    """Mẫu 02 self-score: one option per criterion of the product set's sheet, with the evidence for each. It may
    be saved half-done, as a draft: every criterion must be answered only to submit the dossier
    (workflow.missing_for_submission)."""
    ensure_editable(dossier)
    sheet = scoring_sheet(dossier)
    if problems := answer_problems(sheet, answers):
        raise ValidationError(problems)
    if unknown := sorted(set(evidence) - {leaf.code for leaf in sheet.leaves}):
        raise ValidationError(
            _("Evidence is given for criteria that are not on the sheet: %(codes)s.") % {"codes": ", ".join(unknown)},
            code="unknown_criteria",
        )
    score = score_sheet(sheet, answers)
    dossier.self_score_answers = dict(answers)
    dossier.self_score_evidence = {code: clean_text(text) for code, text in evidence.items() if clean_text(text)}
    dossier.save(update_fields=["self_score_answers", "self_score_evidence", "updated_at"])
    log_action(
        actor=actor,
        verb="dossiers.self_scored",
        target=dossier,
        data={"total": score.total, "unanswered": len(score.unanswered)},
    )
    return score


def _requirement(dossier: Dossier, code: str) -> checklist.Requirement:
    requirement = checklist.BY_CODE.get(code)
    if requirement is None or not requirement.applies_to(dossier.filed_product_set):
        raise ValidationError({"requirement": _("This item is not on the checklist of this product set.")})
    return requirement


@transaction.atomic
def add_evidence(*, actor, dossier: Dossier, requirement: str, upload, title: str = "") -> Evidence:
    ensure_editable(dossier)
    _requirement(dossier, requirement)
    checked = check_upload(upload, DOCUMENT_TYPES)
    upload.name = safe_file_name(upload.name, checked.extension, "minh-chung")
    evidence = Evidence.objects.create(
        dossier=dossier,
        requirement=requirement,
        title=clean_text(title),
        file=upload,
        mime_type=checked.mime_type,
        size=upload.size,
        uploaded_by=actor,
    )
    log_action(
        actor=actor,
        verb="dossiers.evidence_added",
        target=dossier,
        data={"requirement": requirement, "file": evidence.file.name, "size": upload.size},
    )
    return evidence


def reusable_documents(dossier: Dossier, on: datetime.date | None = None) -> dict[str, list]:
    """The producer's registry documents that can serve checklist items: of the right kind and not expired."""
    on = on or timezone.localdate()
    by_kind = {}
    for document in dossier.producer.documents.all():
        if expiry_status(document.valid_until, on) != ExpiryStatus.EXPIRED:
            by_kind.setdefault(document.kind, []).append(document)
    return {
        requirement.code: by_kind[requirement.document_kind]
        for requirement in checklist.requirements_for(dossier.filed_product_set)
        if requirement.document_kind in by_kind
    }


@transaction.atomic
def reuse_document(*, actor, dossier: Dossier, requirement: str, document) -> Evidence:
    """Point a checklist item at a valid registry document instead of uploading it again."""
    ensure_editable(dossier)
    item = _requirement(dossier, requirement)
    if document.producer_id != dossier.producer_id or document.kind != item.document_kind:
        raise ValidationError(_("This document cannot serve this item."))
    if expiry_status(document.valid_until, timezone.localdate()) == ExpiryStatus.EXPIRED:
        raise ValidationError(_("This document has expired: upload a valid one."))
    evidence = Evidence.objects.create(
        dossier=dossier, requirement=requirement, title=str(document), document=document, uploaded_by=actor
    )
    log_action(
        actor=actor,
        verb="dossiers.document_reused",
        target=dossier,
        data={"requirement": requirement, "document": document.pk},
    )
    return evidence


@transaction.atomic
def remove_evidence(*, actor, evidence: Evidence) -> Dossier:
    dossier = evidence.dossier
    ensure_editable(dossier)
    log_action(
        actor=actor,
        verb="dossiers.evidence_removed",
        target=dossier,
        data={"requirement": evidence.requirement, "title": str(evidence)},
    )
    evidence.file.delete(save=False)
    evidence.delete()
    return dossier


def _ensure_with_level(dossier: Dossier, levels: set[str]) -> None:
    lock(dossier)
    if dossier.state not in (DossierState.SUBMITTED, DossierState.FORWARDED) or dossier.current_level not in levels:
        raise ValidationError(_("The dossier is not under review here."), code="not_under_review")


@transaction.atomic
def mark_item(*, actor, dossier: Dossier, requirement: str, ok: bool, note: str = "") -> ChecklistMark:
    """An officer of the level holding the dossier ticks a checklist item as acceptable or not."""
    _ensure_with_level(dossier, {Level.COMMUNE, Level.DISTRICT, Level.PROVINCE})
    _requirement(dossier, requirement)
    mark, _created = ChecklistMark.objects.update_or_create(
        dossier=dossier,
        requirement=requirement,
        level=dossier.current_level,
        defaults={"ok": ok, "note": clean_text(note), "marked_by": actor},
    )
    log_action(
        actor=actor,
        verb="dossiers.item_checked",
        target=dossier,
        data={"requirement": requirement, "ok": ok, "level": dossier.current_level},
    )
    return mark


@transaction.atomic
def record_commune_report(*, actor, dossier: Dossier, **values) -> CommuneReport:
    """Mẫu 03: the commune confirms (or not) local origin, local labour, the idea's origin and local identity."""
    _ensure_with_level(dossier, {Level.COMMUNE})
    ensure_known_fields(values, REPORT_FIELDS)
    values = {k: clean_text(v) if k.endswith("_note") else v for k, v in values.items()}
    report, _created = CommuneReport.objects.update_or_create(dossier=dossier, defaults=values | {"reported_by": actor})
    log_action(
        actor=actor,
        verb="dossiers.commune_report",
        target=dossier,
        data={k: v for k, v in values.items() if not k.endswith("_note")},
    )
    return report


@transaction.atomic
def record_milestone(*, actor, product, kind: str, reached_on: datetime.date, note: str = "", upload=None) -> Milestone:
    """A step of the OCOP cycle: the product idea registered, the business plan received or carried out."""
    if reached_on > timezone.localdate():
        raise ValidationError({"reached_on": _("The date cannot be in the future.")})
    milestone, _created = Milestone.objects.update_or_create(
        product=product,
        kind=MilestoneKind(kind),
        defaults={"reached_on": reached_on, "note": clean_text(note), "recorded_by": actor},
    )
    if upload is not None:
        checked = check_upload(upload, DOCUMENT_TYPES)
        upload.name = f"{kind}.{checked.extension}"
        milestone.file = upload
        milestone.save(update_fields=["file"])
    log_action(
        actor=actor, verb="dossiers.milestone_recorded", target=product, data={"kind": kind, "reached_on": reached_on}
    )
    return milestone
