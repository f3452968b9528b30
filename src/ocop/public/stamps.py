"""The scan page behind every stamp's QR code: the verdict in large words, then the product, its producer, its
raw-material zones and its OCOP certificate's status today (in red when it is not in force). Cached like the other
public pages, so a scan is answered before Django's request path; it never writes to the database: each scan is
spooled (traceability.domain.scan_log) and stored in bulk later."""

import functools

from django.shortcuts import render
from django.views.decorators.http import require_safe

from ocop.certificates.enums import IN_FORCE_STATUSES, STATUS_TONE, CertificateStatus
from ocop.common.limits import throttled
from ocop.common.replica import reads_from_replica
from ocop.producers import product_sets
from ocop.public.page_cache import cached_page
from ocop.traceability.domain.scan import GTIN, OCOP_CODE, scan
from ocop.traceability.domain.scan_log import spool
from ocop.traceability.enums import Verdict

VERDICT_TONE = {
    Verdict.GENUINE: "ok",
    Verdict.SUSPICIOUS: "bad",
    Verdict.VOIDED: "bad",
    Verdict.UNKNOWN: "bad",
    Verdict.INVALID: "bad",
}
ANSWERED = {200, 404}  # what the page says of a stamp; a refused or throttled request is not a scan


def records_scan(key_type: str, key_name: str):
    """Spool every scan the page answers. The fast path in front of Django (public.page_cache) calls the same
    ``record_scan`` with the address's arguments when it answers from a kept page."""

    def record(route: dict) -> None:
        spool(key_type, route[key_name], route["serial"])

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            if response.status_code in ANSWERED:
                record(kwargs)
            return response

        wrapper.record_scan = record
        return wrapper

    return decorator


@throttled("lookup")
@records_scan(GTIN, "gtin")
@require_safe
@cached_page
@reads_from_replica
def stamp_by_gtin(request, gtin: str, serial: str):
    return _scan_page(request, GTIN, gtin, serial)


@throttled("lookup")
@records_scan(OCOP_CODE, "code")
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
