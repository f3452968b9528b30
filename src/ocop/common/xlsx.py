"""Excel workbooks as officials expect them: Vietnamese headers, a frozen header row, filters, dd/mm/yyyy dates.

``ExcelBook`` is the workbook: its formats and one typed cell writer (dates, yes/no, whole and decimal numbers,
formulas, text); the plan report's workbook (reports/interfaces/workbook.py) writes its sheets with it.
``list_workbook`` streams a list (one ``Sheet`` of records) in the same formats, row by row, so that an export of
every product of the country starts at once and holds no more than a chunk of rows in memory.
"""

import datetime
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from xml.sax.saxutils import escape

import xlsxwriter
from django.db.models import QuerySet
from django.http import HttpResponse, StreamingHttpResponse
from django.utils.http import content_disposition_header

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_COLOUR = "#E7F3EE"


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Any], Any]
    width: int = 18


@dataclass(frozen=True)
class Sheet:
    name: str
    columns: list[Column]
    rows: Iterable[Any]
    title: str = ""


def new_workbook(buffer: io.BytesIO) -> xlsxwriter.Workbook:
    """Every workbook we write: people's text (“=HYPERLINK(…)”, “+84…”, “@…”) is written as text, never as a live
    formula or a link; only ``write_formula`` (a ``Formula`` value) writes formulas."""
    return xlsxwriter.Workbook(
        buffer, {"in_memory": True, "remove_timezone": True, "strings_to_formulas": False, "strings_to_urls": False}
    )


@dataclass(frozen=True)
class Formula:
    """A cell Excel computes, with the value it shows until Excel does (readers that do not compute see this)."""

    text: str
    cached: Any = ""
    whole: bool = False  # a count (#,##0), not a decimal


class ExcelBook:
    """One workbook being written. ``font`` (e.g. Times New Roman 12) and ``bordered`` set the look of every cell;
    ``decimals`` the places shown for decimal numbers."""

    def __init__(self, *, font: dict | None = None, bordered: bool = False, decimals: int = 2, title_size: int = 13):
        self._buffer = io.BytesIO()
        self.book = new_workbook(self._buffer)
        base = {"valign": "top", **(font or {})}
        cell = base | ({"border": 1} if bordered else {})
        decimal = "#,##0." + "0" * decimals if decimals else "#,##0"
        styles = {
            "title": base | {"bold": True, "font_size": title_size},
            "head": base | {"bold": True, "bg_color": HEADER_COLOUR, "border": 1, "text_wrap": True},
            "text": cell | ({"text_wrap": True} if bordered else {}),
            "plain": base | {"text_wrap": True},
            "center": cell | {"align": "center"},
            "date": cell | {"num_format": "dd/mm/yyyy"},
            "int": cell | {"num_format": "#,##0"},
            "dec": cell | {"num_format": decimal},
            "bold_text": cell | {"bold": True},
            "bold_int": cell | {"num_format": "#,##0", "bold": True},
            "bold_dec": cell | {"num_format": decimal, "bold": True},
        }
        self.formats = {name: self.book.add_format(style) for name, style in styles.items()}

    def sheet(self, name: str, columns: Sequence[tuple[str, int]] = (), *, row: int = 0):
        """A new sheet (Excel allows 31 characters of name), with a header row of (header, width) at ``row``."""
        worksheet = self.book.add_worksheet(name[:31])
        for col, (header, width) in enumerate(columns):
            worksheet.write(row, col, str(header), self.formats["head"])
            worksheet.set_column(col, col, width)
        return worksheet

    def write(self, worksheet, row: int, col: int, value, *, bold: bool = False, centre: bool = False) -> None:
        """Write ``value`` with the format its type needs: dd/mm/yyyy dates, "Có"/"Không", #,##0 numbers, formulas
        (decimal unless whole), text (wrapped when bordered); ``centre`` centres text and whole numbers."""
        prefix = "bold_" if bold else ""
        if isinstance(value, Formula):
            number = prefix + ("int" if value.whole else "dec")
            worksheet.write_formula(row, col, value.text, self.formats[number], value.cached)
        elif isinstance(value, datetime.datetime):
            worksheet.write_datetime(row, col, value, self.formats["date"])
        elif isinstance(value, datetime.date):
            worksheet.write_datetime(row, col, datetime.datetime.combine(value, datetime.time()), self.formats["date"])
        elif isinstance(value, bool):
            worksheet.write_string(row, col, "Có" if value else "Không", self.formats["center" if centre else "text"])
        elif isinstance(value, int):
            worksheet.write_number(row, col, value, self.formats["center" if centre else prefix + "int"])
        elif isinstance(value, Decimal | float):
            worksheet.write_number(row, col, float(value), self.formats[prefix + "dec"])
        elif value is None or value == "":
            worksheet.write_blank(row, col, None, self.formats["center" if centre else "text"])
        else:
            style = "bold_text" if bold else "center" if centre else "text"
            worksheet.write_string(row, col, str(value), self.formats[style])

    def close(self) -> bytes:
        self.book.close()
        return self._buffer.getvalue()


def list_workbook(sheet: Sheet) -> Iterator[bytes]:
    """The workbook of one list, streamed: its first bytes leave before the rows are read, and memory stays flat
    whatever the count. The rows go into the zip as they come (``sheet.rows`` may be a queryset's ``iterator()``); the
    sizes follow each part (zip data descriptors), which Excel and LibreOffice read like any other workbook."""
    pipe = _Pipe()
    with zipfile.ZipFile(pipe, "w", zipfile.ZIP_DEFLATED) as package:
        for name, part in _LIST_PARTS.items():
            package.writestr(name, part)
        package.writestr("xl/styles.xml", _STYLES)
        last_row = 0
        with package.open("xl/worksheets/sheet1.xml", "w") as part:
            for chunk, row in _sheet_xml(sheet):
                part.write(chunk.encode())
                last_row = row
                if data := pipe.drain():
                    yield data
        package.writestr("xl/workbook.xml", _workbook_xml(sheet, last_row))
    yield pipe.drain()


class _Pipe:
    """Where the zip writes: the bytes are collected until the response takes them."""

    def __init__(self):
        self._chunks: list[bytes] = []

    def write(self, data: bytes) -> int:
        self._chunks.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def drain(self) -> bytes:
        data, self._chunks = b"".join(self._chunks), []
        return data


_ROWS_PER_CHUNK = 500
_STYLE = {"text": 0, "head": 1, "date": 2, "int": 3, "dec": 4, "title": 5}
_EXCEL_EPOCH = datetime.date(1899, 12, 30)
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _text_cell(reference: str, text: str, style: int) -> str:
    text = escape(_NOT_IN_XML.sub("", text)[:32767])
    return f'<c r="{reference}" s="{style}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


def _cell(reference: str, value) -> str:
    """A cell written as ExcelBook.write writes it: dates, "Có"/"Không", #,##0 numbers, text as text."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return f'<c r="{reference}" s="{_STYLE["date"]}"><v>{(value - _EXCEL_EPOCH).days}</v></c>'
    if isinstance(value, bool):
        return _text_cell(reference, "Có" if value else "Không", _STYLE["text"])
    if isinstance(value, int):
        return f'<c r="{reference}" s="{_STYLE["int"]}"><v>{value}</v></c>'
    if isinstance(value, Decimal | float):
        return f'<c r="{reference}" s="{_STYLE["dec"]}"><v>{float(value)!r}</v></c>'
    return _text_cell(reference, str(value), _STYLE["text"])


def _sheet_xml(sheet: Sheet) -> Iterator[tuple[str, int]]:
    """The worksheet's XML in chunks, each with the last row written so far."""
    letters = [_column_letter(index) for index in range(len(sheet.columns))]
    header_row = 3 if sheet.title else 1
    widths = "".join(
        f'<col min="{index}" max="{index}" width="{column.width}" customWidth="1"/>'
        for index, column in enumerate(sheet.columns, start=1)
    )
    head = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{_MAIN_NS}">'
        f'<sheetViews><sheetView workbookViewId="0"><pane ySplit="{header_row}" topLeftCell="A{header_row + 1}" '
        f'activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><cols>{widths}</cols><sheetData>'
    )
    if sheet.title:
        head += f'<row r="1">{_text_cell("A1", sheet.title, _STYLE["title"])}</row>'
    headers = "".join(
        _text_cell(f"{letter}{header_row}", str(column.header), _STYLE["head"])
        for letter, column in zip(letters, sheet.columns, strict=True)
    )
    head += f'<row r="{header_row}">{headers}</row>'
    yield head, header_row
    rows = sheet.rows.iterator(chunk_size=_ROWS_PER_CHUNK) if isinstance(sheet.rows, QuerySet) else sheet.rows
    chunk, row = [], header_row
    for row, item in enumerate(rows, start=header_row + 1):
        cells = "".join(
            _cell(f"{letter}{row}", column.value(item)) for letter, column in zip(letters, sheet.columns, strict=True)
        )
        chunk.append(f'<row r="{row}">{cells}</row>')
        if len(chunk) == _ROWS_PER_CHUNK:
            yield "".join(chunk), row
            chunk = []
    filter_range = f"A{header_row}:{letters[-1]}{max(row, header_row)}"
    yield "".join(chunk) + f'</sheetData><autoFilter ref="{filter_range}"/></worksheet>', row


def _workbook_xml(sheet: Sheet, last_row: int) -> str:
    header_row = 3 if sheet.title else 1
    name = escape(sheet.name[:31])
    last = _column_letter(len(sheet.columns) - 1)
    quoted = "'" + name.replace("'", "''") + "'"
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="{_MAIN_NS}" xmlns:r="{_REL_NS}">'
        f'<sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets><definedNames>'
        f'<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'
        f"{quoted}!$A${header_row}:${last}${max(last_row, header_row)}</definedName></definedNames></workbook>"
    )


_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_LIST_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/styles.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>'
    ),
    "_rels/.rels": (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{_PACKAGE_RELS}">'
        f'<Relationship Id="rId1" Type="{_REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/_rels/workbook.xml.rels": (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{_PACKAGE_RELS}">'
        f'<Relationship Id="rId1" Type="{_REL_NS}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{_REL_NS}/styles" Target="styles.xml"/></Relationships>'
    ),
}
# The cell formats of _STYLE, in its order: text, header (bold, shaded, bordered, wrapped), date, whole, decimal, title.
_STYLES = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="{_MAIN_NS}">'
    '<numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/>'
    '<numFmt numFmtId="165" formatCode="#,##0.00"/></numFmts>'
    '<fonts count="3"><font><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="13"/><name val="Calibri"/></font></fonts>'
    '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>'
    f'<fill><patternFill patternType="solid"><fgColor rgb="FF{HEADER_COLOUR[1:]}"/></patternFill></fill></fills>'
    '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>'
    '<border><left style="thin"/><right style="thin"/><top style="thin"/><bottom style="thin"/><diagonal/></border>'
    '</borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="6">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top"/></xf>'
    '<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" '
    'applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1">'
    '<alignment vertical="top"/></xf>'
    '<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1">'
    '<alignment vertical="top"/></xf>'
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1">'
    '<alignment vertical="top"/></xf>'
    '<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1">'
    '<alignment vertical="top"/></xf>'
    '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
)


def xlsx_response(content: bytes | Iterator[bytes], filename: str) -> HttpResponse | StreamingHttpResponse:
    """The workbook as a download; a streamed one (``list_workbook``) leaves as it is written."""
    if isinstance(content, bytes):
        response = HttpResponse(content, content_type=XLSX_MIME)
    else:
        response = StreamingHttpResponse(content, content_type=XLSX_MIME)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
