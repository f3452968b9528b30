"""What each action in the activity log means, in words people read (the log itself stores stable codes)."""

import datetime
import decimal
import functools
import re
from dataclasses import dataclass

from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

VERB_LABELS = {
    # accounts and login
    "accounts.organisation_created": _("created the organisation"),
    "accounts.organisation_updated": _("updated the organisation"),
    "accounts.organisation_succeeded": _("recorded the successor of the organisation"),
    "accounts.password_changed": _("changed their password"),
    "accounts.password_reset": _("reset the password"),
    "accounts.role_granted": _("granted a role"),
    "accounts.role_revoked": _("revoked a role"),
    "accounts.token_issued": _("issued an API token"),
    "accounts.token_revoked": _("revoked an API token"),
    "accounts.two_factor_disabled": _("turned two-step login off"),
    "accounts.two_factor_enabled": _("turned two-step login on"),
    "accounts.user_activated": _("reactivated the account"),
    "accounts.user_created": _("created the account"),
    "accounts.user_updated": _("updated the account"),
    "auth.locked_out": _("was locked out after repeated failed logins"),
    "auth.logged_in": _("logged in"),
    # registry
    "producers.identity_change_accepted": _("accepted the new name and address"),
    "producers.identity_change_asked": _("asked to change the public name and address"),
    "producers.identity_change_rejected": _("rejected the new name and address"),
    "producers.document_added": _("added a document"),
    "producers.document_checked": _("checked a document"),
    "producers.document_updated": _("updated a document"),
    "producers.import_applied": _("applied an Excel import"),
    "producers.import_checked": _("checked an Excel import"),
    "producers.producer_created": _("registered the producer"),
    "producers.producer_updated": _("updated the producer"),
    "producers.product_created": _("registered the product"),
    "producers.product_photo_added": _("added a product photo"),
    "producers.product_updated": _("updated the product"),
    "producers.product_withdrawn": _("withdrew the product"),
    "producers.product_zones_changed": _("changed the product's raw-material zones"),
    "producers.zone_certification_added": _("added a certification to the zone"),
    "producers.zone_created": _("registered the raw-material zone"),
    "producers.zone_updated": _("updated the raw-material zone"),
    "producers.craft_village_created": _("registered the craft village"),
    "producers.craft_village_updated": _("updated the craft village"),
    # dossiers
    "dossiers.created": _("started the dossier"),
    "dossiers.updated": _("updated forms 01 and 02"),
    "dossiers.self_scored": _("saved the self-assessment"),
    "dossiers.evidence_added": _("added evidence"),
    "dossiers.evidence_removed": _("removed evidence"),
    "dossiers.document_reused": _("reused a registry document as evidence"),
    "dossiers.milestone_recorded": _("recorded a step of the OCOP cycle"),
    "dossiers.submitted": _("filed the dossier with the commune"),
    "dossiers.item_checked": _("checked a checklist item"),
    "dossiers.supplement_requested": _("returned the dossier for supplements"),
    "dossiers.resubmitted": _("sent the supplemented dossier back"),
    "dossiers.commune_report": _("filled in the commune report (form 03)"),
    "dossiers.forwarded": _("forwarded the dossier for evaluation"),
    "dossiers.accepted": _("accepted the dossier into a round"),
    "dossiers.rejected": _("rejected the dossier"),
    "dossiers.withdrawn": _("withdrew the dossier"),
    "dossiers.scored": _("closed the council's scoring of the dossier"),
    "dossiers.recognised": _("recognised the product (decision approved)"),
    "dossiers.not_recognised": _("closed the dossier: not recognised"),
    "dossiers.sent_up": _("sent the dossier up to the next level"),
    "dossiers.sent_back": _("sent the dossier back to the level that recognises its star"),
    # councils
    "councils.council_created": _("set up the council"),
    "councils.member_added": _("added a council member"),
    "councils.member_activated": _("reactivated a council member"),
    "councils.conflict_declared": _("declared a conflict of interest"),
    "councils.sheet_withdrawn_for_conflict": _("took a score sheet away after a conflict of interest"),
    "councils.session_opened": _("opened a scoring session"),
    "councils.attendance_recorded": _("recorded who attended"),
    "councils.assigned": _("assigned a product to a member"),
    "councils.auto_assigned": _("assigned the products automatically"),
    "councils.unassigned": _("took a product off a member"),
    "councils.note_added": _("added an advisory note"),
    "councils.sheet_submitted": _("submitted a score sheet"),
    "councils.rescore_requested": _("asked for a re-score"),
    "councils.spread_reason_recorded": _("recorded why a result stands despite the spread"),
    "councils.session_closed": _("closed the session"),
    "councils.decision_approved": _("approved the recognition decision"),
    # evaluation rules and reference data
    "evaluation.rule_set_loaded": _("loaded a rule set"),
    "geo.units_loaded": _("loaded the administrative units"),
    "demo.loaded": _("loaded the demo data"),
    "common.calendar_exception_recorded": _("recorded a day off or make-up working day"),
    "common.calendar_exception_removed": _("removed a calendar exception"),
    # certificates
    "certificates.decision_recorded": _("recorded a recognition decision"),
    "certificates.issued": _("issued the certificate"),
    "certificates.registered_from_records": _("registered a certificate issued before the system"),
    "certificates.corrected": _("issued a corrected certificate"),
    "certificates.expired": _("marked the certificate expired"),
    "certificates.expiry_digest": _("sent the expiry notices"),
    "certificates.daily_run": _("ran the nightly certificate check"),
    "certificates.plan_created": _("created an inspection plan"),
    "certificates.inspection_scheduled": _("scheduled an inspection"),
    "certificates.finding_recorded": _("recorded an inspection finding"),
    "certificates.corrective_action_required": _("required a corrective action"),
    "certificates.corrective_action_done": _("recorded a corrective action as done"),
    "certificates.action_overdue": _("flagged an overdue corrective action"),
    "certificates.inspection_concluded": _("concluded the inspection"),
    "certificates.revocation_proposed": _("proposed revocation"),
    "certificates.revocation_rejected": _("decided not to revoke"),
    "certificates.revocation_withdrawn": _("withdrew the revocation proposal"),
    "certificates.revocation_overdue": _("flagged an overdue revocation decision"),
    "certificates.revoked": _("revoked the certificate"),
    "certificates.suspended": _("suspended the certificate"),
    "certificates.suspension_lifted": _("lifted the suspension"),
    "certificates.suspension_overdue": _("flagged an overdue suspension"),
    # traceability
    "traceability.stamps_issued": _("issued the stamps"),
    "traceability.stamps_refused": _("refused the stamp request"),
    "traceability.stamps_requested": _("asked for stamps"),
    "traceability.stamps_voided": _("voided stamps"),
    "traceability.portal_changes_found": _("found records changed since they were sent to the national portal"),
    "traceability.portal_record_sent": _("sent the record to the national traceability portal"),
    "traceability.portal_answered": _("recorded the national portal's answer"),
    "traceability.stamps_flagged": _("flagged stamps scanned suspiciously"),
    "traceability.events_captured": _("captured an EPCIS document"),
    "traceability.step_recorded": _("recorded a value-chain step"),
    "national.exported": _("exported the national OCOP database"),
    # plans and reports
    "planning.plan_created": _("created the plan"),
    "planning.plan_updated": _("updated the plan"),
    "planning.plan_file_loaded": _("loaded a plan file"),
    "planning.target_created": _("added a target"),
    "planning.target_updated": _("updated a target"),
    "planning.value_reported": _("reported a figure"),
    "planning.value_reported_late": _("reported a figure as a late correction"),
    "planning.quota_created": _("added a quota"),
    "planning.quota_updated": _("updated a quota"),
    "planning.task_created": _("added a task"),
    "planning.task_updated": _("updated a task"),
    "planning.task_output_added": _("added a task output"),
    "planning.task_output_updated": _("updated a task output"),
    "planning.task_progress": _("reported task progress"),
    "planning.task_progress_late": _("reported task progress as a late correction"),
    "planning.obligation_created": _("added a reporting obligation"),
    "planning.obligation_updated": _("updated a reporting obligation"),
    "planning.period_closed": _("closed a period"),
    "reports.plan_report_drafted": _("drafted a plan report"),
    "reports.plan_report_updated": _("edited a plan report"),
    "reports.plan_report_issued": _("issued a plan report"),
    # trade promotion
    "promotion.sales_point_created": _("added the sales point"),
    "promotion.sales_point_changed": _("updated the sales point"),
    "promotion.fair_created": _("added the fair"),
    "promotion.fair_changed": _("updated the fair"),
    "promotion.producers_invited": _("invited producers to the fair"),
    "promotion.product_registered": _("registered a product for the fair"),
    "promotion.results_recorded": _("recorded fair results"),
    "promotion.inquiry_received": _("received a buyer inquiry"),
    "promotion.inquiry_answered": _("answered a buyer inquiry"),
    # programme support
    "support.class_created": _("added the training class"),
    "support.participants_enrolled": _("enrolled participants in the class"),
    "support.attendance_recorded": _("recorded attendance"),
    "support.ip_case_opened": _("opened the IP support case"),
    "support.ip_case_updated": _("updated where the IP application stands"),
    "support.funding_recorded": _("recorded funding"),
    "support.producer_support_recorded": _("recorded support received"),
    "promotion.inquiry_routed": _("was sent a buyer inquiry"),
    "promotion.invited": _("was invited to a fair"),
}


def verb_label(verb: str) -> str:
    """The action in words; an action without a label yet shows its code rather than nothing."""
    return str(VERB_LABELS.get(verb, verb))


# What the recorded facts are called (the log stores stable keys); a key without a label is not shown.
DETAIL_LABELS = {
    "action": _("action"),
    "allowed_spread": _("largest allowed spread"),
    "changed": _("changed"),
    "code": _("code"),
    "conclusion": _("conclusion"),
    "created": _("created"),
    "criterion": _("criterion"),
    "day": _("day"),
    "deadline": _("deadline"),
    "decided_on": _("decided on"),
    "decision": _("decision"),
    "disqualified": _("disqualified"),
    "document": _("document"),
    "done_on": _("done on"),
    "dossier": _("dossier"),
    "due_on": _("to be decided by"),
    "evaluation_level": _("evaluation level"),
    "expected": _("expected"),
    "expired": _("expired"),
    "filed_on": _("filed on"),
    "findings": _("findings"),
    "found_on": _("found on"),
    "frequency": _("frequency"),
    "from": _("moved from"),
    "ground": _("ground"),
    "high": _("up to"),
    "idea_origin": _("origin of the product idea"),
    "identifier": _("rule set"),
    "indicator": _("indicator"),
    "inspected_on": _("inspected on"),
    "items": _("items"),
    "kind": _("kind"),
    "late": _("late"),
    "late_reason": _("reason for the delay"),
    "legal_form": _("legal form"),
    "level": _("level"),
    "lifted_on": _("lifted on"),
    "local_identity": _("local identity"),
    "local_labour": _("local labour"),
    "local_origin": _("product or raw material of local origin"),
    "low": _("from at least"),
    "mean": _("mean score"),
    "member": _("member"),
    "note": _("note"),
    "notices": _("notices"),
    "number": _("number"),
    "ok": _("acceptable"),
    "organisation": _("organisation"),
    "output": _("output"),
    "period": _("period"),
    "plan": _("plan"),
    "planned": _("planned"),
    "present": _("present"),
    "product": _("product"),
    "product_set": _("product set"),
    "reached_on": _("reached on"),
    "reason": _("reason"),
    "reference": _("reference"),
    "reminders": _("reminders"),
    "replaces": _("replaces"),
    "reported_on": _("reported on"),
    "requirement": _("item"),
    "role": _("role"),
    "round": _("round"),
    "rule_set": _("rule set"),
    "scheduled_on": _("scheduled on"),
    "score": _("score"),
    "severity": _("severity"),
    "sheets": _("score sheets"),
    "since": _("changed since"),
    "source": _("source"),
    "spent": _("spent"),
    "star": _("star"),
    "stars": _("stars"),
    "starts_on": _("starts on"),
    "status": _("status"),
    "superuser": _("administrator"),
    "title": _("title"),
    "to": _("moved to"),
    "total": _("total"),
    "unit_name": _("unit"),
    "until": _("until"),
    "user": _("account"),
    "username": _("username"),
    "valid_from": _("valid from"),
    "valid_to": _("valid until"),
    "valid_until": _("valid until"),
    "value": _("value"),
    "year": _("year"),
}
LEADING_KEYS = ("from", "to")
USER_KEYS = {"member", "user", "present"}
RULE_SET_KEYS = {"rule_set", "identifier"}
CHECKLIST_KEYS = {"requirement", "items"}
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
DECIMAL = re.compile(r"^-?\d+\.\d+$")


@functools.cache
def _code_labels() -> dict[str, str]:
    """The words for the codes the log stores (states, levels, roles, grounds…), from the apps' own choices."""
    from ocop.accounts.enums import Role
    from ocop.certificates.enums import FindingKind, FindingSeverity, InspectionConclusion, RevocationGround
    from ocop.councils.enums import MemberRole
    from ocop.dossiers.enums import CommuneFinding, DossierKind, DossierState, Level, MilestoneKind
    from ocop.national.enums import ExportKind
    from ocop.planning.enums import Frequency, TaskStatus
    from ocop.producers.enums import DocumentKind, LegalForm, ZoneCertificationKind

    labels = {}
    for choices in (
        ZoneCertificationKind, DocumentKind, LegalForm, TaskStatus, Frequency, MilestoneKind, DossierKind,
        CommuneFinding, FindingKind, FindingSeverity, InspectionConclusion, RevocationGround, MemberRole, Role, Level,
        DossierState, ExportKind,
    ):  # fmt: skip
        labels |= {choice.value: choice.label for choice in choices}  # the later ones win a shared code
    return labels


@dataclass
class Lookups:
    """Names the log refers to by code, fetched once for a page of entries."""

    people: dict[str, str]
    rule_sets: dict[str, str]

    @classmethod
    def for_entries(cls, entries) -> "Lookups":
        from ocop.accounts.models import User
        from ocop.evaluation.models import RuleSet

        usernames, identifiers = set(), set()
        for entry in entries:
            for key, value in (entry.data or {}).items():
                values = value if isinstance(value, list) else [value]
                if key in USER_KEYS:
                    usernames |= {str(item) for item in values}
                elif key in RULE_SET_KEYS:
                    identifiers |= {str(item) for item in values}
        # [""] when there is nothing to look up: the page then costs the same queries whatever its entries hold.
        people = User.objects.filter(username__in=sorted(usernames) or [""])
        rule_sets = RuleSet.objects.filter(identifier__in=sorted(identifiers) or [""])
        return cls(
            people=dict(people.values_list("username", "full_name")),
            rule_sets=dict(rule_sets.values_list("identifier", "title")),
        )


def _value(key: str, value, lookups: Lookups) -> str:
    from ocop.dossiers import checklist

    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, list):
        return ", ".join(_value(key, item, lookups) for item in value if item not in (None, ""))
    if isinstance(value, dict):
        return "; ".join(_pairs(value, lookups, labelled_only=False))
    text = str(value)
    if key in USER_KEYS:
        return lookups.people.get(text, text)
    if key in RULE_SET_KEYS:
        return lookups.rule_sets.get(text, text)
    if key in CHECKLIST_KEYS and text in checklist.BY_CODE:
        return str(checklist.BY_CODE[text].label)
    if ISO_DAY.match(text):
        return formats.date_format(datetime.date.fromisoformat(text), "d/m/Y")
    if ISO_MOMENT.match(text):
        moment = timezone.localtime(datetime.datetime.fromisoformat(text))
        return formats.date_format(moment, "d/m/Y H:i")
    if DECIMAL.match(text):
        return formats.number_format(decimal.Decimal(text), use_l10n=True, force_grouping=True)
    return str(_code_labels().get(text, text))


def _reading_order(key: str) -> tuple[int, str]:
    # PostgreSQL keeps JSON keys in its own order (shortest first), so the order is chosen here, not recorded.
    return (LEADING_KEYS.index(key) if key in LEADING_KEYS else len(LEADING_KEYS), key)


def _pairs(data: dict, lookups: Lookups, *, labelled_only: bool = True) -> list[str]:
    """``label: value`` for each recorded fact worth showing, in the same order on every database: a move's
    ``from`` and ``to`` first, then the rest by key; empty values are left out."""
    pairs = []
    for key in sorted(data, key=_reading_order):
        value = data[key]
        if value in (None, "", [], {}) or (labelled_only and key not in DETAIL_LABELS):
            continue
        label = DETAIL_LABELS.get(key, _code_labels().get(key, key))
        pairs.append(f"{label}: {_value(key, value, lookups)}")
    return pairs


def describe(entries) -> list:
    """The entries with ``who`` (the person's full name) and ``details`` (their facts in words), for the history
    and the activity log; one query for the people and one for the rule sets, whatever the number of entries."""
    entries = list(entries)
    lookups = Lookups.for_entries(entries)
    for entry in entries:
        entry.who = (entry.actor.full_name if entry.actor_id and entry.actor else "") or entry.actor_name
        entry.details = _pairs(entry.data or {}, lookups)
    return entries
