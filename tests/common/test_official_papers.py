"""The official-document layer: the Vietnamese administrative format, as PDF and as Word."""

import datetime
import io
import shutil
import subprocess

import pytest

from ocop.common.papers.numbers import vi_day, vi_number
from ocop.common.papers.official import (
    Column,
    Figure,
    Heading,
    OfficialDocument,
    Paragraph,
    Signature,
    Table,
    render_docx,
    render_html,
    render_pdf,
    vietnamese_date,
)
from ocop.reports.interfaces import charts

DOCUMENT = OfficialDocument(
    superior_body="Ủy ban nhân dân",
    issuing_body="Tỉnh Ninh Thuận",
    number="706",
    symbol="KH-UBND",
    place="Ninh Thuận",
    date=datetime.date(2024, 2, 21),
    doc_type="Kế hoạch",
    subject="Triển khai thực hiện Chương trình mỗi xã một sản phẩm - OCOP tỉnh Ninh Thuận năm 2024",
    recipients=("Bộ Nông nghiệp và PTNT", "TT. Tỉnh ủy", "Lưu: VT"),
    signature=Signature(authority="TM. Ủy ban nhân dân", title="Phó Chủ tịch", name="Trịnh Minh Hoàng"),
)
BODY = [
    Heading("I. Mục tiêu"),
    Paragraph("Phát triển sản phẩm OCOP nhằm khơi dậy tiềm năng, lợi thế khu vực nông thôn."),
    Table(
        columns=[Column("STT", 10, "center"), Column("Huyện, thành phố", 60), Column("Tổng", 15, "right")],
        rows=[("1", "UBND huyện Bác Ái", "7"), ("", "Tổng cộng", "65")],
        bold_row=1,
    ),
    Figure(charts.stacked_bar([("Hoàn thành", 3, charts.GREEN)], title="Nhiệm vụ"), "Biểu đồ nhiệm vụ"),
]


def test_dates_take_leading_zeros_for_days_below_10_and_january_and_february():
    assert vietnamese_date(datetime.date(2024, 2, 21)) == "ngày 21 tháng 02 năm 2024"
    assert vietnamese_date(datetime.date(2024, 1, 5)) == "ngày 05 tháng 01 năm 2024"
    assert vietnamese_date(datetime.date(2024, 11, 5)) == "ngày 05 tháng 11 năm 2024"
    assert vietnamese_date(datetime.date(2024, 3, 15)) == "ngày 15 tháng 3 năm 2024"


def test_the_header_lines():
    assert DOCUMENT.number_line == "Số: 706/KH-UBND"
    assert DOCUMENT.date_line == "Ninh Thuận, ngày 21 tháng 02 năm 2024"
    assert DOCUMENT.recipient_lines == ["- Bộ Nông nghiệp và PTNT;", "- TT. Tỉnh ủy;", "- Lưu: VT."]
    assert DOCUMENT.signature.lines == ["TM. ỦY BAN NHÂN DÂN", "PHÓ CHỦ TỊCH"]
    draft = OfficialDocument(
        issuing_body="Sở NN&PTNT", doc_type="Báo cáo", symbol="BC-SNNPTNT", place="Ninh Thuận", year=2025
    )
    assert draft.number_line == "Số: \u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/BC-SNNPTNT"
    assert draft.date_line.replace("\u00a0", " ") == "Ninh Thuận, ngày     tháng     năm 2025"


def test_numbers_and_dates_are_written_the_vietnamese_way():
    assert vi_number(1234567.5) == "1.234.567,5"
    assert vi_number("30000") == "30.000"
    assert vi_number("99.6", 1) == "99,6"
    assert vi_day("2024-02-21") == "21/02/2024"


def test_the_html_carries_the_national_motto_and_embeds_the_vendored_fonts():
    html = render_html(DOCUMENT, BODY)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in html and "Độc lập - Tự do - Hạnh phúc" in html
    assert "ỦY BAN NHÂN DÂN" in html and "TỈNH NINH THUẬN" in html and "KẾ HOẠCH" in html
    assert "file://" in html and "LiberationSerif-Bold.ttf" in html
    assert "http://" not in html and "https://" not in html
    assert "size: A4" in html and "margin: 20mm 15mm 20mm 30mm" in html


def test_the_pdf_embeds_liberation_serif_and_reads_in_vietnamese(tmp_path):
    pdf = render_pdf(DOCUMENT, BODY)
    assert pdf.startswith(b"%PDF")
    if shutil.which("pdftotext") is None or shutil.which("pdffonts") is None:
        pytest.skip("pdftotext and pdffonts (poppler-utils) are not installed")
    path = tmp_path / "vb.pdf"
    path.write_bytes(pdf)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True, text=True).stdout
    rows = [line.split() for line in fonts.splitlines()[2:]]
    names = {row[0].split("+", 1)[1] for row in rows}
    assert {"Liberation-Serif", "Liberation-Serif-Bold", "Liberation-Serif-Italic"} <= names
    assert all(row[-5] == "yes" for row in rows)  # every font is embedded: nothing depends on the reader's machine
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True).stdout
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Ninh Thuận, ngày 21 tháng 02 năm 2024",
        "Số: 706/KH-UBND",
        "KẾ HOẠCH",
        "Nơi nhận:",
        "TM. ỦY BAN NHÂN DÂN",
        "Trịnh Minh Hoàng",
        "UBND huyện Bác Ái",
    ):
        assert expected in text, expected


def test_the_word_document_is_a4_in_times_new_roman():
    from docx import Document
    from docx.shared import Pt

    document = Document(io.BytesIO(render_docx(DOCUMENT, BODY)))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert (round(section.left_margin.mm), round(section.right_margin.mm)) == (30, 15)
    assert round(section.top_margin.mm) == round(section.bottom_margin.mm) == 20
    assert section.different_first_page_header_footer
    normal = document.styles["Normal"]
    assert (normal.font.name, normal.font.size) == ("Times New Roman", Pt(13))
    header, table, foot = document.tables
    left, right = (cell.text for cell in header.rows[0].cells)
    assert left.split("\n") == ["ỦY BAN NHÂN DÂN", "TỈNH NINH THUẬN", "", "Số: 706/KH-UBND"]
    assert right.split("\n") == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Ninh Thuận, ngày 21 tháng 02 năm 2024",
    ]
    paragraphs = [p.text for p in document.paragraphs]
    assert "KẾ HOẠCH" in paragraphs and "I. MỤC TIÊU" in paragraphs
    assert [cell.text for cell in table.rows[0].cells] == ["STT", "Huyện, thành phố", "Tổng"]
    assert table.rows[2].cells[1].paragraphs[0].runs[0].bold
    recipients, signature = (cell.text for cell in foot.rows[0].cells)
    assert recipients.startswith("Nơi nhận:\n- Bộ Nông nghiệp và PTNT;")
    assert signature.startswith("TM. ỦY BAN NHÂN DÂN\nPHÓ CHỦ TỊCH") and signature.endswith("Trịnh Minh Hoàng")
    assert "Biểu đồ nhiệm vụ" in paragraphs
    (picture,) = document.inline_shapes  # the chart, drawn from its SVG
    assert round(picture.width.mm) == 160


def test_charts_are_svg_with_a_title_and_their_numbers():
    svg = charts.quota_chart(
        [charts.QuotaBar("UBND huyện Ninh Hải", 12, {3: 6, 4: 1})],
        [3, 4],
        title="Sản phẩm theo huyện",
        labels={"expected": "Kế hoạch", "actual": "Thực hiện"},
    )
    assert svg.startswith("<svg") and "<title>Sản phẩm theo huyện</title>" in svg and "7/12" in svg
    tiles = charts.tile_map([charts.Tile("Xã Vĩnh Hải", 3), charts.Tile("Phường Đô Vinh", 0)], title="Sản phẩm")
    assert tiles.count("<rect") == 2 and ">3<" in tiles
    bar = charts.progress_bar(None, "grey", title="Chưa có số liệu")
    assert "–" in bar


def test_the_motto_fits_on_one_line_above_its_rule_in_word():
    from PIL import ImageFont

    from ocop.common.papers.official import FONTS_DIR, MOTTO, MOTTO_WIDTH_MM

    font = ImageFont.truetype(str(FONTS_DIR / "LiberationSerif-Bold.ttf"), 1300)  # 13 pt, a hundred times larger
    width_mm = font.getlength(MOTTO) / 100 * 25.4 / 72
    assert 50 < width_mm < MOTTO_WIDTH_MM


def test_a_table_of_facts_has_no_header_row():
    from docx import Document

    facts = Table(columns=[Column("", 50), Column("", 110)], rows=[("Sản phẩm", "Nước mắm Cà Ná"), ("Hạng", "4 sao")])
    assert not facts.has_header
    assert "<thead>" not in render_html(DOCUMENT, [facts])
    table = Document(io.BytesIO(render_docx(DOCUMENT, [facts]))).tables[1]
    assert [row.cells[0].text for row in table.rows] == ["Sản phẩm", "Hạng"]


def test_word_tables_keep_their_column_widths_in_the_grid_too():
    """LibreOffice lays a table out from its grid (w:gridCol), Word from its cells: both carry the widths."""
    from docx import Document

    header, table, _foot = Document(io.BytesIO(render_docx(DOCUMENT, BODY))).tables
    grid = [round(column.width.mm) for column in table.columns]
    cells = [round(cell.width.mm) for cell in table.rows[0].cells]
    assert grid == cells == [19, 116, 29]  # 10 : 60 : 15 of the 165 mm of text
    assert [round(column.width.mm) for column in header.columns] == [68, 97]
