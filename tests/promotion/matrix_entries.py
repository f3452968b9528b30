"""Permission matrix entries of trade promotion: sales points read by every officer (those of their area) and kept by
the office and the departments; fairs read by officers and producers, kept by the office and the departments, a
product registered by them or its producer; buyer inquiries sent by anyone, read by the office, the departments and
the producers they reached, answered by those producers."""

from ocop.accounts.enums import Role
from tests.matrix import ALL, NOTHING, OFFICE, OFFICERS

CONTEXT_ORDER = 80  # after tests/certificates: a registered product holds a certificate

KEEPERS = OFFICE | {Role.DEPARTMENT_STAFF}
FAIR_READERS = OFFICERS | {Role.PRODUCER}
INQUIRY_READERS = KEEPERS | {Role.PRODUCER}


def extend_context(ctx):
    import datetime

    from django.utils import timezone

    from ocop.geo.domain.queries import successors_on
    from ocop.promotion.domain import fairs, sales_points
    from ocop.promotion.domain.inquiries import receive_inquiry
    from tests.certificates.helpers import days_ago, registered
    from tests.factories import make_product

    today = timezone.localdate()
    product = make_product(ctx["producer"], name="Nước mắm cá cơm Phước Thuận", product_set=9)
    registered(product, days_ago(200))
    commune = successors_on(ctx["producer"].unit, today)[0]  # today's commune of xã Phước Thuận
    ctx["sales_point"] = sales_points.create_sales_point(
        actor=None,
        name="Điểm OCOP chợ Phước Thuận",
        unit=commune,
        address="Chợ Phước Thuận",
        operator=ctx["producer"],
        opened_on=days_ago(30),
        products=[product],
    )
    ctx["fair"] = fairs.create_fair(
        actor=None,
        name="Hội chợ OCOP khu vực miền Trung",
        place="Đà Nẵng",
        starts_on=today + datetime.timedelta(days=10),
        ends_on=today + datetime.timedelta(days=14),
        organiser="Sở Công Thương",
    )
    ctx["registration"] = fairs.register_product(actor=None, fair=ctx["fair"], product=product)
    ctx["inquiry"] = receive_inquiry(
        buyer_name="Công ty Thực phẩm Sài Gòn", contact="0903 000 111", product_type="nước mắm"
    )


def _point(ctx, user):
    return {"pk": ctx["sales_point"].pk}


def _fair(ctx, user):
    return {"pk": ctx["fair"].pk}


def _registration(ctx, user):
    return {"pk": ctx["registration"].pk}


def _inquiry(ctx, user):
    return {"pk": ctx["inquiry"].pk}


def _new_inquiry(ctx, user):
    """An inquiry still waiting for its answer, for each allowed role in turn."""
    from ocop.promotion.domain.inquiries import receive_inquiry

    return {"pk": receive_inquiry(buyer_name="Chị Lan", contact="lan@example.vn", product_type="nước mắm").pk}


ENTRIES = {
    "backoffice:sales_point_list": ("get", None, OFFICERS, 200),
    "backoffice:sales_point_create": ("get", None, KEEPERS, 200),
    "backoffice:sales_point_detail": ("get", _point, OFFICERS, 200),
    "backoffice:sales_point_edit": ("get", _point, KEEPERS, 200),
    "backoffice:fair_list": ("get", None, FAIR_READERS, 200),
    "backoffice:fair_create": ("get", None, KEEPERS, 200),
    "backoffice:fair_detail": ("get", _fair, FAIR_READERS, 200),
    "backoffice:fair_edit": ("get", _fair, KEEPERS, 200),
    "backoffice:fair_invite": ("post", _fair, KEEPERS, 302),
    "backoffice:fair_register": ("post", _fair, KEEPERS | {Role.PRODUCER}, 302),
    "backoffice:fair_results": ("post", _registration, KEEPERS, 302),
    "backoffice:inquiry_list": ("get", None, INQUIRY_READERS, 200),
    "backoffice:inquiry_detail": ("get", _inquiry, INQUIRY_READERS, 200),
    "backoffice:inquiry_answer": ("post", _new_inquiry, {Role.PRODUCER}, 302),
    "public:inquiry": ("get", None, ALL, 200),
    "public:catalogue_feed_json": ("get", None, ALL, 200),
    "public:catalogue_feed_csv": ("get", None, ALL, 200),
}

# What each POST above writes when allowed (tests/matrix.py): a form sent without its fields writes nothing, except
# the results of a registration, whose fields are all optional: sent empty they clear nothing that was not empty.
EFFECTS = {
    "backoffice:fair_invite": NOTHING,
    "backoffice:fair_register": NOTHING,
    "backoffice:fair_results": NOTHING,
    "backoffice:inquiry_answer": NOTHING,
}
