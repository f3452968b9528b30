"""Excel workbooks as officials expect them: Vietnamese headers, a frozen header row, filters, dd/mm/yyyy dates.

``ExcelBook`` is the workbook: its formats and one typed cell writer (dates, yes/no, whole and decimal numbers,
formulas, text). ``workbook_bytes`` writes lists with it, one sheet of records per ``Sheet``; the plan report's
workbook (reports/interfaces/workbook.py) writes its own sheets with it.
"""

import datetime
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import xlsxwriter
from django.http import HttpResponse
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


def workbook_bytes(sheets: list[Sheet]) -> bytes:
    excel = ExcelBook()
    for sheet in sheets:
        first_row = 2 if sheet.title else 0
        worksheet = excel.sheet(sheet.name, [(column.header, column.width) for column in sheet.columns], row=first_row)
        if sheet.title:
            worksheet.write(0, 0, sheet.title, excel.formats["title"])
        row_number = first_row
        for row_number, item in enumerate(sheet.rows, start=first_row + 1):
            for col, column in enumerate(sheet.columns):
                excel.write(worksheet, row_number, col, column.value(item))
        worksheet.freeze_panes(first_row + 1, 0)
        worksheet.autofilter(first_row, 0, max(row_number, first_row), len(sheet.columns) - 1)
    return excel.close()


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_MIME)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
