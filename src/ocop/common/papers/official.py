"""Official documents in the Vietnamese administrative format (Nghị định 30/2020/NĐ-CP), as PDF and as Word.

A document is its header (superior body, issuing body, number and symbol, national motto, place and date), its type
and subject, a body, and its foot (recipients, signature). Describe the header once with :class:`OfficialDocument`
and the body as blocks (:class:`Heading`, :class:`Paragraph`, :class:`Table`, :class:`Figure`), then render it::

    from ocop.common.papers.official import OfficialDocument, Paragraph, Signature, render_docx, render_pdf

    document = OfficialDocument(
        superior_body="UBND tỉnh Ninh Thuận",
        issuing_body="Sở Nông nghiệp và Phát triển nông thôn",
        number="125",
        symbol="BC-SNNPTNT",
        place="Ninh Thuận",
        date=datetime.date(2024, 7, 5),
        doc_type="Báo cáo",
        subject="Kết quả thực hiện Chương trình OCOP 6 tháng đầu năm 2024",
        recipients=("Bộ Nông nghiệp và Phát triển nông thôn", "UBND tỉnh", "Lưu: VT"),
        signature=Signature(authority="KT. Giám đốc", title="Phó Giám đốc", name="Nguyễn Văn A"),
    )
    body = [Heading("I. Kết quả thực hiện"), Paragraph("Trong 6 tháng đầu năm 2024, …")]
    pdf_bytes = render_pdf(document, body)
    docx_bytes = render_docx(document, body)

A PDF body may instead come from a template of one's own (``render_pdf(document, body_template="x.html",
context={...})``), for papers such as certificates whose body is not a flow of paragraphs.

The texts are Vietnamese data, printed whatever the screen language. Capitals are applied here (the header bodies,
document type, signature lines), so callers may pass ordinary case. PDFs embed Liberation Serif (metric-compatible
with Times New Roman, full Vietnamese coverage) from ``common/fonts`` through file URLs, never the network; Word
documents name Times New Roman, which officials' machines have. A4, margins 20 mm top and bottom, 30 mm left,
15 mm right; body 13 pt; page numbers from page 2, top centre.
"""

import base64
import ctypes
import ctypes.util
import datetime
import functools
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.template.loader import render_to_string

FONTS_DIR = Path(__file__).resolve().parents[2] / "common" / "fonts"
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
RECIPIENTS_LABEL = "Nơi nhận:"
WORD_FONT = "Times New Roman"
PDF_FONT = "Liberation Serif"
PAGE_MM = (210, 297)
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
BODY_PT = 13


def upper(text: str) -> str:
    """Vietnamese capitals ("ủy ban" → "ỦY BAN"); Python's str.upper handles the diacritics."""
    return (text or "").upper()


def vietnamese_date(day: datetime.date) -> str:
    """ "ngày 21 tháng 02 năm 2024": a leading zero for days below 10 and for January and February."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


@dataclass(frozen=True)
class Signature:
    authority: str = ""  # "TM. ỦY BAN NHÂN DÂN", "KT. GIÁM ĐỐC"
    title: str = ""  # "PHÓ CHỦ TỊCH", "GIÁM ĐỐC"
    name: str = ""

    @property
    def lines(self) -> list[str]:
        return [upper(line) for line in (self.authority, self.title) if line]


@dataclass(frozen=True)
class OfficialDocument:
    issuing_body: str
    doc_type: str
    subject: str = ""
    superior_body: str = ""
    number: str = ""
    symbol: str = ""
    place: str = ""
    date: datetime.date | None = None
    year: int | None = None  # printed in the date line while the date is not yet known
    recipients: Sequence[str] = ()
    signature: Signature = field(default_factory=Signature)
    draft: bool = False
    title: str = ""  # the PDF's metadata title; the subject by default

    @property
    def number_line(self) -> str:
        """ "Số: 706/KH-UBND"; without a number yet, room to write it: "Số:      /BC-SNNPTNT"."""
        number = self.number.strip() or "\u00a0" * 6
        return f"Số: {number}/{self.symbol}" if self.symbol else f"Số: {number}"

    @property
    def date_line(self) -> str:
        if self.date is not None:
            when = vietnamese_date(self.date)
        else:
            blank = "\u00a0" * 5
            when = f"ngày{blank}tháng{blank}năm {self.year or ''}".rstrip()
        return f"{self.place}, {when}" if self.place else when[0].upper() + when[1:]

    @property
    def recipient_lines(self) -> list[str]:
        """Each recipient on a line starting with "-" and ending with ";", the last with "."."""
        items = [item.strip().rstrip(";.") for item in self.recipients if item and item.strip()]
        return [f"- {item}{'.' if index == len(items) - 1 else ';'}" for index, item in enumerate(items)]


# Body blocks --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1  # 1: "I. KẾT QUẢ …" (capitals), 2: "1. …", 3: "a) …"


@dataclass(frozen=True)
class Paragraph:
    text: str
    bold: bool = False
    italic: bool = False
    indent: bool = True
    align: str = "justify"  # justify, left, center, right


@dataclass(frozen=True)
class Column:
    header: str
    width_mm: float
    align: str = "left"


@dataclass(frozen=True)
class Table:
    """A grid. When no column has a header (a two-column list of facts), no header row is printed."""

    columns: Sequence[Column]
    rows: Sequence[Sequence[str]]
    bold_row: int | None = None  # index of a row printed bold (a total)
    caption: str = ""

    @property
    def has_header(self) -> bool:
        return any(column.header for column in self.columns)


@dataclass(frozen=True)
class Figure:
    """A chart as SVG: drawn as it is in the PDF, as a picture made from it in Word."""

    svg: str
    caption: str = ""
    width_mm: float = 160


Block = Heading | Paragraph | Table | Figure


# HTML and PDF -------------------------------------------------------------------------------------------------------


def font_urls() -> dict[str, str]:
    return {
        style: (FONTS_DIR / f"LiberationSerif-{name}.ttf").as_uri()
        for style, name in (
            ("regular", "Regular"),
            ("bold", "Bold"),
            ("italic", "Italic"),
            ("bold_italic", "BoldItalic"),
        )
    }


def _svg_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode()


def _blocks_for_template(body: Sequence[Block]) -> list[dict]:
    rendered = []
    for block in body:
        if isinstance(block, Heading):
            text = upper(block.text) if block.level == 1 else block.text
            rendered.append({"kind": "heading", "text": text, "level": block.level})
        elif isinstance(block, Paragraph):
            rendered.append({"kind": "paragraph", "block": block})
        elif isinstance(block, Table):
            total = sum(column.width_mm for column in block.columns) or 1
            rendered.append(
                {
                    "kind": "table",
                    "block": block,
                    "widths": [round(column.width_mm * 100 / total, 2) for column in block.columns],
                    "rows": [list(zip(row, block.columns, strict=False)) for row in block.rows],
                }
            )
        elif isinstance(block, Figure):
            rendered.append({"kind": "figure", "block": block, "uri": _svg_uri(block.svg)})
    return rendered


def render_html(
    document: OfficialDocument,
    body: Sequence[Block] = (),
    *,
    annex: Sequence[Block] = (),
    body_template: str | None = None,
    context: dict | None = None,
) -> str:
    """The document as HTML for WeasyPrint (and for a preview); an annex (phụ lục) starts on a page of its own
    after the signature."""
    return render_to_string(
        "papers/official_document.html",
        {
            "doc": document,
            "superior": upper(document.superior_body),
            "issuing": upper(document.issuing_body),
            "doc_type": upper(document.doc_type),
            "nation": NATION,
            "motto": MOTTO,
            "recipients_label": RECIPIENTS_LABEL,
            "signature_lines": document.signature.lines,
            "fonts": font_urls(),
            "font": PDF_FONT,
            "margins": MARGINS_MM,
            "body_pt": BODY_PT,
            "blocks": _blocks_for_template(body),
            "annex": _blocks_for_template(annex),
            "body_template": body_template,
            **(context or {}),
        },
    )


def render_pdf(
    document: OfficialDocument,
    body: Sequence[Block] = (),
    *,
    annex: Sequence[Block] = (),
    body_template: str | None = None,
    context: dict | None = None,
) -> bytes:
    return pdf_from_html(render_html(document, body, annex=annex, body_template=body_template, context=context))


def pdf_from_html(html: str) -> bytes:
    """Print HTML that embeds our fonts (``font_urls()``) with WeasyPrint: for papers whose page is their own design,
    such as the certificate."""
    from weasyprint import HTML

    return HTML(string=html, base_url=str(FONTS_DIR)).write_pdf()


# Word ---------------------------------------------------------------------------------------------------------------


def _word():
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    return Document, WD_ORIENT, WD_TABLE_ALIGNMENT, WD_ALIGN_PARAGRAPH, OxmlElement, qn, Mm, Pt


@functools.cache
def _vendored_fonts_for_cairo() -> None:
    """CairoSVG draws text through fontconfig, which knows only the system's fonts (perhaps none with Vietnamese
    glyphs, or an older Liberation Serif without them): add the vendored Liberation Serif for this process."""
    library = ctypes.util.find_library("fontconfig")
    if library:
        fontconfig = ctypes.CDLL(library)
        fontconfig.FcConfigAppFontAddDir.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
        fontconfig.FcConfigAppFontAddDir(None, str(FONTS_DIR).encode())


class _WordWriter:
    """python-docx with the few formatting helpers an administrative document needs."""

    def __init__(self):
        Document, WD_ORIENT, WD_TABLE_ALIGNMENT, WD_ALIGN_PARAGRAPH, OxmlElement, qn, Mm, Pt = _word()
        self.OxmlElement, self.qn, self.Mm, self.Pt = OxmlElement, qn, Mm, Pt
        self.ALIGN = {
            "left": WD_ALIGN_PARAGRAPH.LEFT,
            "center": WD_ALIGN_PARAGRAPH.CENTER,
            "right": WD_ALIGN_PARAGRAPH.RIGHT,
            "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
        }
        self.TABLE_CENTER = WD_TABLE_ALIGNMENT.CENTER
        self.doc = Document()
        section = self.doc.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
        section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
        section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
        section.header_distance = Mm(10)
        section.different_first_page_header_footer = True
        self._page_number(section.header.paragraphs[0])
        normal = self.doc.styles["Normal"]
        normal.font.name = WORD_FONT
        normal.font.size = Pt(BODY_PT)
        fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
        for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attribute), WORD_FONT)
        normal.paragraph_format.space_before = Pt(0)
        normal.paragraph_format.space_after = Pt(0)
        self.text_width_mm = PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]

    def _page_number(self, paragraph) -> None:
        paragraph.alignment = self.ALIGN["center"]
        run = paragraph.add_run()
        for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
            if kind:
                element = self.OxmlElement("w:fldChar")
                element.set(self.qn("w:fldCharType"), kind)
            else:
                element = self.OxmlElement("w:instrText")
                element.set(self.qn("xml:space"), "preserve")
                element.text = text
            run._r.append(element)

    def paragraph(
        self,
        container,
        text: str = "",
        *,
        size: float = BODY_PT,
        bold: bool = False,
        italic: bool = False,
        align: str = "left",
        first_line_mm: float = 0,
        before: float = 0,
        after: float = 0,
        line_spacing: float | None = None,
        first: bool = False,
    ):
        paragraph = container.paragraphs[0] if first else container.add_paragraph()
        paragraph.alignment = self.ALIGN[align]
        fmt = paragraph.paragraph_format
        fmt.space_before, fmt.space_after = self.Pt(before), self.Pt(after)
        if first_line_mm:
            fmt.first_line_indent = self.Mm(first_line_mm)
        if line_spacing:
            fmt.line_spacing = line_spacing
        if text:
            run = paragraph.add_run(text)
            run.bold, run.italic = bold, italic
            run.font.size = self.Pt(size)
        return paragraph

    def rule(self, container, *, width_mm: float, cell_width_mm: float, first: bool = False) -> None:
        """A short horizontal line, centred: an empty paragraph with a bottom border, indented to ``width_mm``."""
        paragraph = self.paragraph(container, first=first)
        side = max((cell_width_mm - CELL_PADDING_MM - width_mm) / 2, 0)
        paragraph.paragraph_format.left_indent = self.Mm(side)
        paragraph.paragraph_format.right_indent = self.Mm(side)
        paragraph.paragraph_format.line_spacing = self.Pt(2)
        self._bottom_border(paragraph)

    def underline_paragraph(self, paragraph, *, width_mm: float, cell_width_mm: float) -> None:
        """A rule under a line of text as wide as the text (``width_mm``, a little more than the text needs)."""
        side = max((cell_width_mm - CELL_PADDING_MM - width_mm) / 2, 0)
        paragraph.paragraph_format.left_indent = self.Mm(side)
        paragraph.paragraph_format.right_indent = self.Mm(side)
        self._bottom_border(paragraph)

    def _bottom_border(self, paragraph) -> None:
        properties = paragraph._p.get_or_add_pPr()
        borders = self.OxmlElement("w:pBdr")
        bottom = self.OxmlElement("w:bottom")
        for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
            bottom.set(self.qn(key), value)
        borders.append(bottom)
        properties.append(borders)

    def layout_table(self, widths_mm: Sequence[float]):
        """A borderless table used for layout (the header and the foot)."""
        table = self.doc.add_table(rows=1, cols=len(widths_mm))
        self._fix_widths(table, widths_mm)
        for cell, width in zip(table.rows[0].cells, widths_mm, strict=True):
            cell.width = self.Mm(width)
        return table

    def _fix_widths(self, table, widths_mm: Sequence[float]) -> None:
        """Fixed column widths in the table grid too: LibreOffice lays a table out from its grid, Word from cells."""
        table.autofit = False
        table.alignment = self.TABLE_CENTER
        for column, width in zip(table.columns, widths_mm, strict=True):
            column.width = self.Mm(width)

    def grid_table(self, block: Table) -> None:
        columns = list(block.columns)
        total = sum(column.width_mm for column in columns) or 1
        widths = [column.width_mm * self.text_width_mm / total for column in columns]
        table = self.doc.add_table(rows=1 if block.has_header else 0, cols=len(columns))
        table.style = "Table Grid"
        self._fix_widths(table, widths)
        if block.has_header:
            header = table.rows[0]
            repeat = self.OxmlElement("w:tblHeader")
            repeat.set(self.qn("w:val"), "true")
            header._tr.get_or_add_trPr().append(repeat)
            for cell, column, width in zip(header.cells, columns, widths, strict=True):
                cell.width = self.Mm(width)
                self.paragraph(cell, column.header, size=12, bold=True, align="center", first=True)
        for index, row in enumerate(block.rows):
            cells = table.add_row().cells
            bold = index == block.bold_row
            for cell, value, column, width in zip(cells, row, columns, widths, strict=False):
                cell.width = self.Mm(width)
                self.paragraph(cell, str(value), size=12, bold=bold, align=column.align, first=True)

    def figure(self, block: Figure) -> None:
        """The chart drawn as a picture (Word cannot show SVG everywhere), three times its size for print."""
        import cairosvg

        _vendored_fonts_for_cairo()
        png = cairosvg.svg2png(bytestring=block.svg.encode("utf-8"), scale=3)
        self.doc.add_picture(io.BytesIO(png), width=self.Mm(min(block.width_mm, self.text_width_mm)))
        self.doc.paragraphs[-1].alignment = self.ALIGN["center"]

    def save(self) -> bytes:
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()


# Word's default left and right cell margins together (0.19 cm each).
CELL_PADDING_MM = 3.8
# The motto set in 13 pt bold Times New Roman (or Liberation Serif, same metrics) is 56.1 mm wide; the rule under
# it is a little wider so that LibreOffice, which measures more tightly than Word, does not wrap the last word.
MOTTO_WIDTH_MM = 62
# Widths of the two header columns and of the two foot columns (mm, within 165 mm of text).
HEADER_COLUMNS_MM = (68, 97)
FOOT_COLUMNS_MM = (80, 85)


def _word_header(writer: _WordWriter, document: OfficialDocument) -> None:
    left_mm, right_mm = HEADER_COLUMNS_MM
    table = writer.layout_table(HEADER_COLUMNS_MM)
    left, right = table.rows[0].cells
    first = True
    if document.superior_body:
        writer.paragraph(left, upper(document.superior_body), size=13, align="center", first=True)
        first = False
    writer.paragraph(left, upper(document.issuing_body), size=13, bold=True, align="center", first=first)
    writer.rule(left, width_mm=22, cell_width_mm=left_mm)
    writer.paragraph(left, document.number_line, size=13, align="center", before=6)
    writer.paragraph(right, NATION, size=12, bold=True, align="center", first=True)
    motto = writer.paragraph(right, MOTTO, size=13, bold=True, align="center")
    writer.underline_paragraph(motto, width_mm=MOTTO_WIDTH_MM, cell_width_mm=right_mm)
    writer.paragraph(right, document.date_line, size=13, italic=True, align="center", before=10)


def _word_title(writer: _WordWriter, document: OfficialDocument) -> None:
    doc = writer.doc
    writer.paragraph(doc, upper(document.doc_type), size=14, bold=True, align="center", before=18)
    if document.subject:
        writer.paragraph(doc, document.subject, size=14, bold=True, align="center", before=2)
    writer.rule(doc, width_mm=40, cell_width_mm=writer.text_width_mm)
    writer.paragraph(doc, "", after=6)


def _word_body(writer: _WordWriter, body: Sequence[Block]) -> None:
    doc = writer.doc
    for block in body:
        if isinstance(block, Heading):
            text = upper(block.text) if block.level == 1 else block.text
            writer.paragraph(
                doc, text, bold=True, italic=block.level >= 3, align="justify", first_line_mm=10, before=6, after=3
            )
        elif isinstance(block, Paragraph):
            writer.paragraph(
                doc,
                block.text,
                bold=block.bold,
                italic=block.italic,
                align=block.align,
                first_line_mm=10 if block.indent else 0,
                after=6,
                line_spacing=1.15,
            )
        elif isinstance(block, Table):
            if block.caption:
                writer.paragraph(doc, block.caption, bold=True, align="center", before=6, after=3)
            writer.grid_table(block)
            writer.paragraph(doc, "", after=3)
        elif isinstance(block, Figure):
            writer.figure(block)
            if block.caption:
                writer.paragraph(doc, block.caption, italic=True, align="center", after=6)


def _word_foot(writer: _WordWriter, document: OfficialDocument) -> None:
    writer.paragraph(writer.doc, "", after=6)
    table = writer.layout_table(FOOT_COLUMNS_MM)
    left, right = table.rows[0].cells
    writer.paragraph(left, RECIPIENTS_LABEL, size=12, bold=True, italic=True, first=True)
    for line in document.recipient_lines:
        writer.paragraph(left, line, size=11)
    first = True
    for line in document.signature.lines:
        writer.paragraph(right, line, size=13, bold=True, align="center", first=first)
        first = False
    for _blank in range(4):
        writer.paragraph(right, "", first=first)
        first = False
    writer.paragraph(right, document.signature.name, size=13, bold=True, align="center")


def render_docx(document: OfficialDocument, body: Sequence[Block] = (), *, annex: Sequence[Block] = ()) -> bytes:
    writer = _WordWriter()
    properties = writer.doc.core_properties
    properties.title = document.title or document.subject or document.doc_type
    properties.author = document.issuing_body
    if document.draft:
        writer.paragraph(writer.doc, "DỰ THẢO", size=11, bold=True, align="right")
    _word_header(writer, document)
    _word_title(writer, document)
    _word_body(writer, body)
    _word_foot(writer, document)
    if annex:
        from docx.enum.text import WD_BREAK

        writer.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        _word_body(writer, annex)
    return writer.save()
