"""Permission matrix entries of the national traceability portal's screen: seen by the office and the department's
staff; changed records looked for, records marked sent and answers recorded by the office."""

from ocop.accounts.enums import Role
from tests.matrix import NOTHING, OFFICE

READERS = OFFICE | {Role.DEPARTMENT_STAFF}


def extend_context(ctx):
    from ocop.traceability.domain.stamps import issue_stamps, request_stamps
    from tests.factories import make_product

    product = make_product(ctx["producer"])
    issue_stamps(actor=None, batch=request_stamps(actor=None, product=product, quantity=2))
    ctx["portal_product"] = product


def _product(ctx, user):
    return {"pk": ctx["portal_product"].pk}


ENTRIES = {
    "backoffice:portal_list": ("get", None, READERS, 200),
    "backoffice:portal_detail": ("get", _product, READERS, 200),
    "backoffice:portal_record_json": ("get", _product, READERS, 200),
    "backoffice:portal_refresh": ("post", None, OFFICE, 302),
    "backoffice:portal_mark_sent": ("post", _product, OFFICE, 302),
    "backoffice:portal_answer": ("post", _product, OFFICE, 302),  # without an answer: back, nothing written
}

EFFECTS = {
    "backoffice:portal_refresh": ("traceability.portal_changes_found",),
    "backoffice:portal_mark_sent": ("traceability.portal_record_sent",),
    "backoffice:portal_answer": NOTHING,
}
