"""Stamps to print: a PDF sheet of labels on A4 at a common label size, and each stamp's QR code as SVG or PNG. The
QR code carries the stamp's Digital Link URI; the serial is printed under it in groups of four, with its number in
the batch (so that a lost roll can be voided by its first and last number). Each code keeps its quiet zone of four
modules, as the QR standard asks, so that neighbouring labels never run into it."""

import io
from dataclasses import dataclass

import segno
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from ocop.common.papers.official import font_urls, pdf_from_html
from ocop.traceability.domain.scan import digital_link
from ocop.traceability.domain.serials import printed

MAX_SHEET_STAMPS = 1_000  # a file a print shop opens at once (about 24 A4 pages at 30 mm)


@dataclass(frozen=True)
class LabelSize:
    label: str
    millimetres: int  # the square label's side; the QR code takes most of it, the serial the rest
    per_row: int


LABEL_SIZES = {
    "25": LabelSize(_("25 × 30 mm (7 per row)"), 25, 7),
    "30": LabelSize(_("30 × 36 mm (6 per row)"), 30, 6),
    "40": LabelSize(_("40 × 46 mm (4 per row)"), 40, 4),
}


def qr_code(product, serial: str):
    return segno.make(digital_link(product, serial), error="m")


def stamp_svg(product, serial: str) -> bytes:
    buffer = io.BytesIO()
    qr_code(product, serial).save(buffer, kind="svg", scale=10, border=4)
    return buffer.getvalue()


def stamp_png(product, serial: str) -> bytes:
    buffer = io.BytesIO()
    qr_code(product, serial).save(buffer, kind="png", scale=10, border=4)
    return buffer.getvalue()


def sheet_pdf(batch, stamps, size_key: str) -> bytes:
    """The labels of ``stamps`` (a run of one batch, voided ones left out by the caller) as an A4 PDF."""
    product = batch.product
    labels = [
        {
            "svg": mark_safe(qr_code(product, stamp.serial).svg_inline(scale=1, border=4)),  # segno's own markup
            "serial": printed(stamp.serial),
            "position": stamp.position,
        }
        for stamp in stamps
    ]
    size = LABEL_SIZES[size_key]
    context = {"batch": batch, "product": product, "labels": labels, "size": size, "fonts": font_urls()}
    return pdf_from_html(render_to_string("traceability/stamp_sheet.html", context))
