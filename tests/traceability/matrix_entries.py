"""Permission matrix entries of the stamp scan page: open to everyone, whatever their role."""

from tests.matrix import ALL

CONTEXT_ORDER = 75  # after tests/certificates: the stamped product holds a certificate


def extend_context(ctx):
    from ocop.traceability.domain.stamps import issue_stamps, request_stamps
    from tests.certificates.helpers import days_ago, registered
    from tests.factories import make_product

    product = make_product(ctx["producer"], gtin="8930000000125")
    registered(product, days_ago(365))
    batch = issue_stamps(actor=None, batch=request_stamps(actor=None, product=product, quantity=1))
    ctx["stamp"] = batch.stamps.get()


def _by_gtin(ctx, user):
    return {"gtin": ctx["stamp"].batch.product.gtin.zfill(14), "serial": ctx["stamp"].serial}


def _by_code(ctx, user):
    return {"code": ctx["stamp"].batch.product.code, "serial": ctx["stamp"].serial}


ENTRIES = {
    "public:stamp_by_gtin": ("get", _by_gtin, ALL, 200),
    "public:stamp_by_code": ("get", _by_code, ALL, 200),
}
