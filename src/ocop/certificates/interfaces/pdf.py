"""The certificate as a PDF: the OCOP mark, the stars and a QR code that opens the public check page.

An official paper, so it is always in Vietnamese whatever the screen language; its page is its own design (landscape,
framed), printed through the papers library (``common.papers.official``: its fonts, its dates, its PDF step) on
demand and kept in the media storage under a name made of the certificate's id and a fingerprint of everything it
prints: an issued certificate never changes, so the file is made once (a new layout version or site address makes
a new file; a correction is another certificate).
"""

import base64
import hashlib
import json
from pathlib import Path

import segno
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.urls import reverse

from ocop.certificates.enums import IssueBasis
from ocop.certificates.models import Certificate
from ocop.common.papers.official import MOTTO, NATION, font_urls, pdf_from_html, vietnamese_date
from ocop.producers import product_sets

LAYOUT_VERSION = "1"
STAR = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path fill="#d49a00" stroke="#8a6400" '
    'stroke-width=".6" d="M12 1.8l3.1 6.9 7.5.8-5.6 5.1 1.6 7.4L12 18.2 5.4 22l1.6-7.4L1.4 9.5l7.5-.8z"/></svg>'
)


def check_url(certificate: Certificate) -> str:
    """The public check page the QR code opens."""
    return f"{settings.SITE_URL}{reverse('public:certificate', args=[certificate.number])}"


def _strip_prefix(text: str, prefixes: tuple[str, ...]) -> str | None:
    lowered = text.lower()
    for prefix in prefixes:
        if lowered.startswith(prefix):
            return text[len(prefix) :].strip()
    return None


def issuing_header(issuing_body: str) -> dict:
    """The two-line header, the place of signing and the signing authority, from the decision's issuing body."""
    body = issuing_body.strip()
    committee = _strip_prefix(body, ("ubnd ", "ủy ban nhân dân ", "uỷ ban nhân dân "))
    if committee is not None:
        place = _strip_prefix(committee, ("tỉnh ", "thành phố ", "huyện ", "thị xã ", "xã ", "phường "))
        return {
            "superior": "ỦY BAN NHÂN DÂN",
            "body": committee.upper(),
            "place": place if place and not place.lower().startswith("cấp") else settings.OCOP_PROVINCE_NAME,
            "authority": "TM. ỦY BAN NHÂN DÂN",
            "head": "CHỦ TỊCH",
        }
    return {
        "superior": "",
        "body": body.upper(),
        "place": "Hà Nội" if body.lower().startswith("bộ ") else settings.OCOP_PROVINCE_NAME,
        "authority": "",
        "head": "BỘ TRƯỞNG" if body.lower().startswith("bộ ") else "",
    }


def _signature(decision, header: dict) -> list[str]:
    title = decision.signer_title.strip().upper()
    lines = [header["authority"]] if header["authority"] else []
    if title and header["head"] and title != header["head"]:
        lines.append(f"KT. {header['head']}")
    if title:
        lines.append(title)
    return [line for line in lines if line]


def _data_uri(mime: str, content: bytes) -> str:
    return f"data:{mime};base64,{base64.b64encode(content).decode()}"


def context(certificate: Certificate) -> dict:
    decision = certificate.decision
    header = issuing_header(decision.issuing_body)
    product_set = product_sets.BY_NUMBER[certificate.product_set or certificate.product.product_set]
    url = check_url(certificate)
    return {
        "certificate": certificate,
        "decision": decision,
        "header": header,
        "signature": _signature(decision, header),
        "place_date": f"{header['place']}, {vietnamese_date(decision.decided_on)}",
        "decision_date": vietnamese_date(decision.decided_on),
        "product_set": product_set,
        "stars": range(certificate.stars),
        "star_uri": _data_uri("image/svg+xml", STAR.encode()),
        "qr_uri": segno.make(url, error="m").svg_data_uri(scale=4, border=0, dark="#1d2939"),
        "check_url": url,
        "mark_url": Path(finders.find("ocop/img/ocop-mark.svg")).as_uri(),
        "fonts": font_urls(),
        "nation": NATION,
        "motto": MOTTO,
        "is_correction": certificate.basis == IssueBasis.CORRECTION,
        "replaces": certificate.replaces,
    }


def fingerprint(certificate: Certificate) -> str:
    """Everything the PDF prints, hashed: the same certificate and layout give the same file."""
    decision = certificate.decision
    printed = [
        LAYOUT_VERSION,
        check_url(certificate),
        certificate.number,
        certificate.product_name,
        certificate.product_set,
        certificate.producer_name,
        certificate.producer_address,
        certificate.stars,
        str(certificate.score),
        certificate.issued_on.isoformat(),
        certificate.valid_until.isoformat(),
        certificate.basis,
        certificate.replaces_id,
        decision.number,
        decision.decided_on.isoformat(),
        decision.issuing_body,
        decision.signer_name,
        decision.signer_title,
    ]
    return hashlib.sha256(json.dumps(printed, ensure_ascii=False, default=str).encode()).hexdigest()


def render_pdf(certificate: Certificate) -> bytes:
    return pdf_from_html(render_to_string("certificates/certificate_pdf.html", context(certificate)))


def certificate_pdf(certificate: Certificate) -> bytes:
    """The PDF, made on the first request and read from storage afterwards."""
    path = f"certificates/pdf/{certificate.pk}-{fingerprint(certificate)[:20]}.pdf"
    if default_storage.exists(path):
        with default_storage.open(path, "rb") as stored:
            return stored.read()
    content = render_pdf(certificate)
    default_storage.save(path, ContentFile(content))
    return content


def pdf_filename(certificate: Certificate) -> str:
    return "giay-chung-nhan-ocop-" + certificate.number.replace("/", "_") + ".pdf"
