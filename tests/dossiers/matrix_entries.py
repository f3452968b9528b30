"""Permission matrix entries of the dossier, round, task and notification screens."""

from ocop.accounts.enums import Role
from tests.factories import make_dossier, make_product
from tests.matrix import AREA_EDITORS, EVERYONE_LOGGED_IN, MINISTRY, NOTHING, OFFICERS

OWNERS = AREA_EDITORS | {Role.PRODUCER}
COUNCIL = {Role.COUNCIL_MEMBER, Role.ADVISORY_MEMBER}  # see the dossiers of their council's rounds only
NOT_DRAFTS = COUNCIL | {Role.DEPARTMENT_STAFF} | MINISTRY  # department staff read filed dossiers, never a draft
READERS = OFFICERS | {Role.PRODUCER} | COUNCIL | MINISTRY
COMMUNE_REVIEWERS = {Role.ADMIN, Role.PROVINCE_OFFICE, Role.COMMUNE_OFFICER}
PROVINCE_EVALUATORS = {Role.ADMIN, Role.PROVINCE_OFFICE}  # a dossier filed today is evaluated by the province


def extend_context(ctx):
    product = ctx["product"]
    ctx["dossier_draft"] = make_dossier(product)
    ctx["draft_evidence"] = ctx["dossier_draft"].evidence.create(requirement="trademark", title="Nhãn hiệu")
    for state in ("submitted", "forwarded", "accepted"):
        ctx[f"dossier_{state}"] = make_dossier(make_product(ctx["producer"]), state=state)


def _draft(ctx, user):
    return {"pk": ctx["dossier_draft"].pk}


def _draft_evidence(ctx, user):
    return {"pk": ctx["dossier_draft"].pk, "evidence_pk": ctx["draft_evidence"].pk}


def _submitted_evidence(ctx, user):
    dossier = ctx["dossier_submitted"]
    return {"pk": dossier.pk, "evidence_pk": dossier.evidence.first().pk}


def _submitted(ctx, user):
    return {"pk": ctx["dossier_submitted"].pk}


def _forwarded(ctx, user):
    return {"pk": ctx["dossier_forwarded"].pk}


def _round(ctx, user):
    return {"pk": ctx["dossier_accepted"].round_id}


def _product(ctx, user):
    return {"pk": ctx["product"].pk}


ENTRIES = {
    "backoffice:my_tasks": ("get", None, EVERYONE_LOGGED_IN, 200),
    "backoffice:notification_list": ("get", None, EVERYONE_LOGGED_IN, 200),
    "backoffice:notifications_read": ("post", None, EVERYONE_LOGGED_IN, 302),
    "backoffice:round_list": ("get", None, OFFICERS | MINISTRY, 200),
    "backoffice:round_detail": ("get", _round, OFFICERS, 200, MINISTRY),
    "backoffice:product_milestone": ("post", _product, OWNERS, 302),
    "backoffice:dossier_list": ("get", None, READERS, 200),
    "backoffice:dossier_create": ("get", None, OWNERS, 200),
    "backoffice:dossier_detail": ("get", _draft, READERS, 200, NOT_DRAFTS),
    "backoffice:dossier_edit": ("get", _draft, OWNERS, 200),
    "backoffice:dossier_self_score": ("get", _draft, OWNERS, 200),
    "backoffice:dossier_submit": ("post", _draft, OWNERS, 302),
    "backoffice:dossier_resubmit": ("post", _draft, OWNERS, 302),
    "backoffice:dossier_withdraw": ("post", _draft, OWNERS, 302),
    "backoffice:dossier_evidence_add": ("post", _draft, OWNERS, 302),
    "backoffice:dossier_evidence_reuse": ("post", _draft, OWNERS, 302),
    "backoffice:dossier_evidence_remove": ("post", _draft_evidence, OWNERS, 302),
    "backoffice:dossier_evidence_file": ("get", _submitted_evidence, READERS, 200, COUNCIL | MINISTRY),
    "backoffice:dossier_mark": ("post", _submitted, COMMUNE_REVIEWERS, 302, MINISTRY),
    "backoffice:dossier_commune_report": ("get", _submitted, COMMUNE_REVIEWERS, 200),
    "backoffice:dossier_forward": ("post", _submitted, COMMUNE_REVIEWERS, 302),
    "backoffice:dossier_return": ("post", _submitted, COMMUNE_REVIEWERS, 302, MINISTRY),
    "backoffice:dossier_reject": ("post", _submitted, COMMUNE_REVIEWERS, 302, MINISTRY),
    "backoffice:dossier_accept": ("post", _forwarded, PROVINCE_EVALUATORS, 302, MINISTRY),
    "backoffice:dossier_receipt": ("get", _submitted, READERS, 200, COUNCIL | MINISTRY),
    "backoffice:dossier_summary": ("get", _draft, READERS, 200, NOT_DRAFTS),
}

# What each POST above writes when allowed (tests/matrix.py).
EFFECTS = {
    "backoffice:dossier_accept": NOTHING,
    "backoffice:dossier_evidence_add": NOTHING,
    "backoffice:dossier_evidence_remove": ("dossiers.evidence_removed",),
    "backoffice:dossier_evidence_reuse": NOTHING,
    "backoffice:dossier_forward": NOTHING,
    "backoffice:dossier_mark": NOTHING,
    "backoffice:dossier_reject": NOTHING,
    "backoffice:dossier_resubmit": NOTHING,
    "backoffice:dossier_return": NOTHING,
    "backoffice:dossier_submit": NOTHING,
    "backoffice:dossier_withdraw": ("dossiers.withdrawn",),
    "backoffice:notifications_read": NOTHING,
    "backoffice:product_milestone": NOTHING,
}
