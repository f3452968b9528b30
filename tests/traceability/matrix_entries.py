"""Permission matrix entries of the stamps: the scan page open to everyone; the back office's batches seen by
officers and the producer, asked for by area officers and the producer, decided by the provincial office, printed
and voided by the office and the producer."""

from ocop.accounts.enums import Role
from tests.matrix import ALL, AREA_EDITORS, NOTHING, OFFICE, OFFICERS

CONTEXT_ORDER = 75  # after tests/certificates: the stamped product holds a certificate


def extend_context(ctx):
    from ocop.traceability.domain.stamps import issue_stamps, request_stamps
    from tests.certificates.helpers import days_ago, registered
    from tests.factories import make_product

    product = make_product(ctx["producer"], gtin="8930000000125")
    registered(product, days_ago(365))
    ctx["stamp_batch"] = issue_stamps(actor=None, batch=request_stamps(actor=None, product=product, quantity=2))
    ctx["stamp"] = ctx["stamp_batch"].stamps.get(position=1)
    ctx["trace_event"] = _shipped(product)


def _shipped(product):
    from django.utils import timezone

    from ocop.traceability.domain.events import Step, record_step
    from ocop.traceability.enums import ValueChainStep

    step = Step(kind=ValueChainStep.SHIP, when=timezone.now(), lot="L1", public_place="Ninh Thuận", quantity=5)
    return record_step(actor=None, product=product, step=step)


def _by_gtin(ctx, user):
    return {"gtin": ctx["stamp"].batch.product.gtin.zfill(14), "serial": ctx["stamp"].serial}


def _by_code(ctx, user):
    return {"code": ctx["stamp"].batch.product.code, "serial": ctx["stamp"].serial}


def _batch(ctx, user):
    return {"pk": ctx["stamp_batch"].pk}


def _new_request(ctx, user):
    """A request waiting for its decision, for each allowed role to decide in turn."""
    from ocop.traceability.domain.stamps import request_stamps

    return {"pk": request_stamps(actor=None, product=ctx["stamp_batch"].product, quantity=3).pk}


def _event(ctx, user):
    return {"pk": ctx["trace_event"].pk}


def _step(ctx, user):
    return {"product_pk": ctx["stamp_batch"].product_id, "kind": "ship"}


def _stamp_svg(ctx, user):
    return {"pk": ctx["stamp_batch"].pk, "serial": ctx["stamp"].serial, "kind": "svg"}


READERS = OFFICERS | {Role.PRODUCER}
ASKERS = AREA_EDITORS | {Role.PRODUCER}
HOLDERS = OFFICE | {Role.PRODUCER}
ENTRIES = {
    "public:stamp_by_gtin": ("get", _by_gtin, ALL, 200),
    "public:stamp_by_code": ("get", _by_code, ALL, 200),
    "backoffice:stamp_batch_list": ("get", None, READERS, 200),
    "backoffice:stamp_batch_create": ("get", None, ASKERS, 200),
    "backoffice:stamp_alert_list": ("get", None, READERS, 200),
    "backoffice:stamp_batch_detail": ("get", _batch, READERS, 200),
    "backoffice:stamp_batch_issue": ("post", _new_request, OFFICE, 302),
    "backoffice:stamp_batch_refuse": ("post", _new_request, OFFICE, 302),
    "backoffice:stamp_batch_void": ("post", _batch, HOLDERS, 302),
    "backoffice:stamp_sheet": ("get", _batch, HOLDERS, 302),  # without a run to print: back to the batch
    "backoffice:stamp_qr": ("get", _stamp_svg, HOLDERS, 200),
    "backoffice:trace_event_list": ("get", None, READERS, 200),
    "backoffice:trace_event_detail": ("get", _event, READERS, 200),
    "backoffice:trace_step_create": ("get", _step, ASKERS, 200),
    "backoffice:trace_capture_upload": ("get", None, ASKERS, 200),
    "backoffice:epcis_capture": ("post", None, ASKERS, 400),  # without a document: its faults, nothing written
    "backoffice:epcis_export": ("get", None, READERS, 200),
}

# What each POST above writes when allowed (tests/matrix.py): a form sent without its fields writes nothing.
EFFECTS = {
    "backoffice:stamp_batch_issue": ("traceability.stamps_issued",),
    "backoffice:stamp_batch_refuse": NOTHING,
    "backoffice:stamp_batch_void": NOTHING,
    "backoffice:epcis_capture": NOTHING,
}
