"""Permission matrix entries of the registry screens."""

from django.core.files.uploadedfile import SimpleUploadedFile

from ocop.accounts.enums import Role
from tests.factories import make_producer, make_product, png_upload, unit
from tests.matrix import AREA_EDITORS, MINISTRY, NOTHING, OFFICE, OFFICERS

CONTEXT_ORDER = 10


def extend_context(ctx):
    from ocop.producers.domain.documents import add_document
    from ocop.producers.domain.products import add_product_photo
    from ocop.producers.domain.zones import create_craft_village, create_zone

    producer = make_producer()
    product = make_product(producer)
    ctx |= {
        "producer": producer,
        "product": product,
        "document": add_document(
            actor=None, producer=producer, kind="food_safety", issuer="Sở NN&PTNT", upload=png_upload("gcn.png")
        ),
        "photo": add_product_photo(actor=None, product=product, upload=png_upload()),
        "zone": create_zone(actor=None, producer=producer, name="Vùng nho", material="Nho", unit=unit("22882")),
        "village": create_craft_village(actor=None, name="Làng nghề thử", unit=unit("22882")),
        "upload": SimpleUploadedFile("mau.xlsx", b"PK"),
    }


def _producer(ctx, user):
    return {"pk": ctx["producer"].pk}


def _pending_identity_change(ctx, user):
    from ocop.producers.domain.identity_changes import pending_change
    from ocop.producers.models import IdentityChange

    if pending_change(ctx["producer"]) is None:
        IdentityChange.objects.create(producer=ctx["producer"], name="HTX Tên mới", address="Thôn 1")
    return {"pk": ctx["producer"].pk, "decision": "reject"}


def _document(ctx, user):
    return {"pk": ctx["producer"].pk, "document_pk": ctx["document"].pk}


def _product(ctx, user):
    return {"pk": ctx["product"].pk}


def _photo(ctx, user):
    return {"pk": ctx["product"].pk, "photo_pk": ctx["photo"].pk}


def _zone(ctx, user):
    return {"pk": ctx["zone"].pk}


def _village(ctx, user):
    return {"pk": ctx["village"].pk}


def _own_import(ctx, user):
    from django.utils import timezone

    from ocop.producers.models import ImportBatch

    batch = ImportBatch.objects.create(
        file=ctx["upload"],
        original_name="mau.xlsx",
        uploaded_by=user or ctx["subject"],
        uploaded_at=timezone.now(),
        status=ImportBatch.Status.REJECTED,
        report={"counts": {}, "errors": []},
    )
    return {"pk": batch.pk}


REGISTRY_EDITORS = AREA_EDITORS
REGISTRY_READERS = OFFICERS | {Role.PRODUCER}
OWNERS = REGISTRY_EDITORS | {Role.PRODUCER}
ENTRIES = {
    "backoffice:producer_list": ("get", None, REGISTRY_READERS | MINISTRY, 200),
    "backoffice:producer_create": ("get", None, REGISTRY_EDITORS, 200),
    "backoffice:producer_detail": ("get", _producer, REGISTRY_READERS, 200, MINISTRY),
    "backoffice:producer_edit": ("get", _producer, OWNERS, 200),
    "backoffice:producer_identity_change_decide": ("post", _pending_identity_change, OFFICE, 302),
    "backoffice:producer_document_create": ("get", _producer, OWNERS, 200),
    "backoffice:producer_document_edit": ("get", _document, OWNERS, 200),
    "backoffice:producer_document_check": ("post", _document, REGISTRY_EDITORS, 302),
    "backoffice:producer_document_file": ("get", _document, REGISTRY_READERS, 200, MINISTRY),
    "backoffice:product_list": ("get", None, REGISTRY_READERS | MINISTRY, 200),
    "backoffice:product_create": ("get", None, OWNERS, 200),
    "backoffice:product_detail": ("get", _product, REGISTRY_READERS, 200, MINISTRY),
    "backoffice:product_edit": ("get", _product, OWNERS, 200),
    "backoffice:product_withdraw": ("post", _product, OWNERS, 302),
    "backoffice:product_zones": ("post", _product, OWNERS, 302),
    "backoffice:product_photo_add": ("post", _product, OWNERS, 302),
    "backoffice:product_photo": ("get", _photo, REGISTRY_READERS, 200, MINISTRY),
    "backoffice:zone_list": ("get", None, REGISTRY_READERS | MINISTRY, 200),
    "backoffice:zone_create": ("get", None, OWNERS, 200),
    "backoffice:zone_detail": ("get", _zone, REGISTRY_READERS, 200, MINISTRY),
    "backoffice:zone_edit": ("get", _zone, OWNERS, 200),
    "backoffice:zone_certification_add": ("post", _zone, OWNERS, 302),
    "backoffice:village_list": ("get", None, OFFICERS, 200),
    "backoffice:village_create": ("get", None, REGISTRY_EDITORS, 200),
    "backoffice:village_edit": ("get", _village, REGISTRY_EDITORS, 200),
    "backoffice:import_start": ("get", None, OFFICE, 200),
    "backoffice:import_template": ("get", None, OFFICE, 200),
    "backoffice:import_report": ("get", _own_import, OFFICE, 200),
    "backoffice:import_apply": ("post", _own_import, OFFICE, 302),
}

# What each POST above writes when allowed (tests/matrix.py).
EFFECTS = {
    "backoffice:import_apply": NOTHING,
    "backoffice:producer_document_check": ("producers.document_checked",),
    "backoffice:producer_identity_change_decide": ("producers.identity_change_rejected",),
    "backoffice:product_photo_add": NOTHING,
    "backoffice:product_withdraw": NOTHING,
    "backoffice:product_zones": NOTHING,
    "backoffice:zone_certification_add": NOTHING,
}
