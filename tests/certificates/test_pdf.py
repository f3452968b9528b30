"""The certificate PDF: Vietnamese administrative header, the fonts embedded, a QR code to the public check page;
made once and then read from storage."""

import datetime
import re
import zlib

import pytest

from ocop.certificates.interfaces import pdf
from tests.certificates.helpers import issued, registered
from tests.factories import make_producer, make_product

pytestmark = pytest.mark.django_db
D = datetime.date


def _inflated(content: bytes) -> bytes:
    """The PDF with its compressed streams (object streams included) inflated, to look for names in it."""
    parts = [content]
    for match in re.finditer(rb"stream\r?\n", content):
        try:
            parts.append(zlib.decompressobj().decompress(content[match.end() :]))
        except zlib.error:
            continue
    return b"".join(parts)


def test_issuing_headers():
    header = pdf.issuing_header("UBND tỉnh Khánh Hòa")
    assert (header["superior"], header["body"], header["place"]) == ("ỦY BAN NHÂN DÂN", "TỈNH KHÁNH HÒA", "Khánh Hòa")
    district = pdf.issuing_header("UBND huyện Ninh Phước")
    assert (district["body"], district["place"]) == ("HUYỆN NINH PHƯỚC", "Ninh Phước")
    ministry = pdf.issuing_header("Bộ Nông nghiệp và Môi trường")
    assert (ministry["superior"], ministry["body"], ministry["place"]) == ("", "BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", "Hà Nội")


def test_the_pdf_is_made_once_and_points_at_the_check_page(settings, media_folder):
    settings.SITE_URL = "https://ocop.khanhhoa.gov.vn"
    producer = make_producer(name="HTX Nông nghiệp Dịch vụ Phước Thuận")
    product = make_product(producer, name="Nước mắm cá cơm Đông Hải", product_set=9)
    registered(product, D(2024, 12, 27), stars=3)
    certificate = issued(product, D(2026, 6, 30), stars=4)
    assert pdf.check_url(certificate) == f"https://ocop.khanhhoa.gov.vn/c/{certificate.number}/"
    context = pdf.context(certificate)
    assert context["signature"] == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert context["place_date"] == "Khánh Hòa, ngày 30 tháng 6 năm 2026"
    content = pdf.certificate_pdf(certificate)
    assert content.startswith(b"%PDF")
    objects = _inflated(content)
    assert b"OCOP-Serif" in objects and b"/FontFile2" in objects  # Liberation Serif, embedded
    stored = list((media_folder / "certificates" / "pdf").iterdir())
    assert len(stored) == 1 and stored[0].name.startswith(f"{certificate.pk}-")
    assert pdf.certificate_pdf(certificate) == content  # read back, not made again
    assert len(list((media_folder / "certificates" / "pdf").iterdir())) == 1
    settings.SITE_URL = "https://ocop.example.vn"  # another address prints another QR: another file
    assert pdf.fingerprint(certificate) != stored[0].name.split("-", 1)[1][:20]


def test_the_rendered_text_is_vietnamese(settings):
    certificate = registered(make_product(name="Nho sấy dẻo"), D(2024, 12, 27), stars=3)
    html = pdf.render_to_string("certificates/certificate_pdf.html", pdf.context(certificate))
    for text in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "GIẤY CHỨNG NHẬN",
        "SẢN PHẨM OCOP ĐẠT 3 SAO",
        "Nho sấy dẻo",
        "27/12/2027",
        "TỈNH NINH THUẬN",
    ):
        assert text in html
    assert "không thay thế bản gốc" in html  # registered from records: a print, not the original
