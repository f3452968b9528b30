"""The scan page behind every stamp's QR code: the verdict in large words, then the product, its producer, its
raw-material zones and its OCOP certificate's status today (in red when it is not in force). Cached like the other
public pages, so a scan is answered before Django's request path; it never writes."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from ocop.certificates.enums import IN_FORCE_STATUSES, STATUS_TONE, CertificateStatus
from ocop.common.limits import throttled
from ocop.common.replica import reads_from_replica
from ocop.producers import product_sets
from ocop.public.page_cache import cached_page
from ocop.traceability.domain.scan import GTIN, OCOP_CODE, scan
from ocop.traceability.enums import Verdict

VERDICT_TONE = {Verdict.GENUINE: "ok", Verdict.VOIDED: "bad", Verdict.UNKNOWN: "bad", Verdict.INVALID: "bad"}


@throttled("lookup")
@require_safe
@cached_page
@reads_from_replica
def stamp_by_gtin(request, gtin: str, serial: str):
    return _scan_page(request, GTIN, gtin, serial)


@throttled("lookup")
@require_safe
@cached_page
@reads_from_replica
def stamp_by_code(request, code: str, serial: str):
    return _scan_page(request, OCOP_CODE, code, serial)


def _scan_page(request, key_type: str, key: str, serial: str):
    found = scan(key_type, key, serial)
    verdict = Verdict(found["verdict"])
    certificate = found.get("certificate")
    status = CertificateStatus(certificate["status"]) if certificate else None
    context = {
        "found": found,
        "verdict": verdict,
        "tone": VERDICT_TONE[verdict],
        "typed": serial[:40],
        "certificate": certificate,
        "certificate_status": status,
        "certificate_tone": STATUS_TONE[status] if status else "off",
        "in_force": status in IN_FORCE_STATUSES,
        "product_set": product_sets.BY_NUMBER[found["product_set"]] if "product_set" in found else None,
    }
    return render(request, "public/stamp.html", context, status=200 if "product_name" in found else 404)
