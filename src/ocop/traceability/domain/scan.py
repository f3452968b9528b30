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
from ocop.traceability.domain.timeline import public_timeline
from ocop.traceability.enums import ScanFlag, Verdict
from ocop.traceability.models import Stamp

GTIN = "01"  # the GS1 application identifier of the key in the address
OCOP_CODE = "ocop"
SUSPICIOUS_FLAGS = {ScanFlag.REPEATED, ScanFlag.BURST}  # a copied stamp; a voided one has its own verdict


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
    verdict = verdict_of(stamp, key_type, key)
    if verdict == Verdict.UNKNOWN:
        return {"verdict": verdict, "serial": serial}
    product = stamp.batch.product
    return {
        "verdict": verdict,
        "serial": serial,
        "printed_serial": printed(serial),
        "position": stamp.position,
        "voided_at": stamp.voided_at,
        "first_scanned_at": stamp.first_scanned_at,
        "flag": stamp.get_flag_reason_display() if stamp.flag_reason else "",
        "product_name": product.name,
        "product_code": product.code,
        "product_set": product.product_set,
        "producer_id": product.producer_id,
        "producer_name": product.producer.name,
        "zones": list(product.raw_material_zones.order_by("name").values("name", "growing_area_code")),
        "certificate": certificate_card(stamp.certificate_number) if stamp.certificate_number else None,
        "timeline": public_timeline(product.pk, stamp.lot),
    }


def verdict_of(stamp: Stamp | None, key_type: str, key: str, at=None) -> Verdict:
    """The verdict on a stamp found by a serial whose check part is right (``at``: the moment of the scan, now when
    not given): unknown when there is none or it belongs to another product, voided once voided, else genuine."""
    if stamp is None or not _key_matches(stamp.batch.product, key_type, key):
        return Verdict.UNKNOWN
    if stamp.voided_at is not None and (at is None or stamp.voided_at <= at):
        return Verdict.VOIDED
    if stamp.flag_reason in SUSPICIOUS_FLAGS and (at is None or stamp.flagged_at <= at):
        return Verdict.SUSPICIOUS
    return Verdict.GENUINE


def _key_matches(product, key_type: str, key: str) -> bool:
    if key_type == GTIN:
        return bool(product.gtin) and key.isdigit() and product.gtin.zfill(14) == key.zfill(14)
    return key_type == OCOP_CODE and key == product.code
