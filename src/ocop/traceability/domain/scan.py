"""What the scan of a stamp finds. The QR code carries a GS1 Digital Link URI on the system's own address: the
product's GTIN and the serial (``/01/<GTIN-14>/21/<serial>``), or, for a product without a GTIN, its OCOP code
(``/ocop/<code>/21/<serial>``). The serial's check part is tested before anything is read; then one indexed query
finds the stamp, its product and producer and the product's current certificate, whose status (valid, expiring,
expired, revoked…) comes from the certificate's public card."""

from django.conf import settings
from django.db.models import OuterRef, Subquery

from ocop.certificates.domain.publication import certificate_card
from ocop.certificates.domain.validity import latest_certificates
from ocop.traceability.domain.serials import normalise, printed
from ocop.traceability.enums import Verdict
from ocop.traceability.models import Stamp

GTIN = "01"
OCOP_CODE = "ocop"


def stamp_path(product, serial: str) -> str:
    """The path of the stamp's Digital Link URI (GS1 writes the GTIN with 14 digits)."""
    if product.gtin:
        return f"/{GTIN}/{product.gtin.zfill(14)}/21/{serial}"
    return f"/{OCOP_CODE}/{product.code}/21/{serial}"


def digital_link(product, serial: str) -> str:
    """The URI the stamp's QR code carries, on the system's public address."""
    return settings.SITE_URL.rstrip("/") + stamp_path(product, serial)


def scan(key_type: str, key: str, raw_serial: str) -> dict:
    """The verdict for ``raw_serial`` under the product key of the URI (``GTIN`` or ``OCOP_CODE``, and its value)."""
    serial = normalise(raw_serial)
    if serial is None:
        return {"verdict": Verdict.INVALID}
    current = latest_certificates(OuterRef("batch__product"))
    stamp = (
        Stamp.objects.filter(serial=serial)
        .select_related("batch__product__producer")
        .annotate(certificate_number=Subquery(current.values("number")[:1]))
        .first()
    )
    if stamp is None or not _key_matches(stamp.batch.product, key_type, key):
        return {"verdict": Verdict.UNKNOWN, "serial": serial}
    product = stamp.batch.product
    return {
        "verdict": Verdict.VOIDED if stamp.voided_at else Verdict.GENUINE,
        "serial": serial,
        "printed_serial": printed(serial),
        "position": stamp.position,
        "voided_at": stamp.voided_at,
        "product_name": product.name,
        "product_code": product.code,
        "product_set": product.product_set,
        "producer_id": product.producer_id,
        "producer_name": product.producer.name,
        "zones": list(product.raw_material_zones.order_by("name").values("name", "growing_area_code")),
        "certificate": certificate_card(stamp.certificate_number) if stamp.certificate_number else None,
    }


def _key_matches(product, key_type: str, key: str) -> bool:
    if key_type == GTIN:
        return bool(product.gtin) and key.isdigit() and product.gtin.zfill(14) == key.zfill(14)
    return key_type == OCOP_CODE and key == product.code
