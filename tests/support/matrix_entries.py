"""Permission matrix entries of programme support: training classes and the plan's funding read by every officer,
kept by the office and the departments; IP support cases and the support a producer received read by the officers
who see the producer and by the producer itself, kept by the office and the departments."""

from ocop.accounts.enums import Role
from tests.matrix import NOTHING, OFFICE, OFFICERS

CONTEXT_ORDER = 85  # after tests/planning: a funding entry belongs to a plan task

KEEPERS = OFFICE | {Role.DEPARTMENT_STAFF}
PRODUCER_READERS = OFFICERS | {Role.PRODUCER}


def extend_context(ctx):
    import datetime
    from decimal import Decimal

    from ocop.support.domain import funding, training
    from tests.factories import make_user, png_upload
    from tests.support.helpers import make_case, make_class

    training_class = make_class(starts_on=datetime.date(2024, 4, 2), ends_on=datetime.date(2024, 4, 4))
    training.enrol(actor=None, training_class=training_class, users=[make_user("commune_officer")])
    task = ctx["planning"]["task"]
    ctx["support"] = {
        "class": training_class,
        "case": make_case(ctx["producer"], status="filed", filed_on=datetime.date(2024, 2, 1)),
        "entry": funding.record_funding(
            actor=None,
            task=task,
            source="new_rural",
            movement="spent",
            amount=Decimal(25_000_000),
            entered_on=datetime.date(2024, 9, 1),
            evidence=png_upload("phieu-chi.png"),
        ),
    }


def _class(ctx, user):
    return {"pk": ctx["support"]["class"].pk}


def _case(ctx, user):
    return {"pk": ctx["support"]["case"].pk}


def _entry(ctx, user):
    return {"pk": ctx["support"]["entry"].pk}


ENTRIES = {
    "backoffice:training_class_list": ("get", None, OFFICERS, 200),
    "backoffice:training_class_create": ("get", None, KEEPERS, 200),
    "backoffice:training_class_detail": ("get", _class, OFFICERS, 200),
    "backoffice:training_class_enrol": ("post", _class, KEEPERS, 302),
    "backoffice:training_class_attendance": ("post", _class, KEEPERS, 302),
    "backoffice:ip_case_list": ("get", None, PRODUCER_READERS, 200),
    "backoffice:ip_case_create": ("get", None, KEEPERS, 200),
    "backoffice:ip_case_detail": ("get", _case, PRODUCER_READERS, 200),
    "backoffice:ip_case_status": ("post", _case, KEEPERS, 302),
    "backoffice:funding_list": ("get", None, OFFICERS, 200),
    "backoffice:funding_create": ("get", None, KEEPERS, 200),
    "backoffice:funding_evidence": ("get", _entry, OFFICERS, 200),
    "backoffice:support_received_list": ("get", None, PRODUCER_READERS, 200),
    "backoffice:support_received_create": ("get", None, KEEPERS, 200),
}

# What each POST above writes when allowed: sent without their fields, none writes anything (no one enrolled, no
# attendance changed: the one participant was not ticked and stays so, the status form is refused).
EFFECTS = {
    "backoffice:training_class_enrol": NOTHING,
    "backoffice:training_class_attendance": NOTHING,
    "backoffice:ip_case_status": NOTHING,
}
