"""Excel workbooks as officials expect them: Vietnamese headers, a frozen header row, filters, dd/mm/yyyy dates."""

import datetime
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import xlsxwriter
from django.http import HttpResponse

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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


def workbook_bytes(sheets: list[Sheet]) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "remove_timezone": True})
    header = book.add_format({"bold": True, "bg_color": "#E7F3EE", "border": 1, "text_wrap": True, "valign": "top"})
    title = book.add_format({"bold": True, "font_size": 13})
    date = book.add_format({"num_format": "dd/mm/yyyy"})
    integer = book.add_format({"num_format": "#,##0"})
    decimal = book.add_format({"num_format": "#,##0.00"})
    for sheet in sheets:
        worksheet = book.add_worksheet(sheet.name[:31])
        first_row = 0
        if sheet.title:
            worksheet.write(0, 0, sheet.title, title)
            first_row = 2
        for col, column in enumerate(sheet.columns):
            worksheet.write(first_row, col, str(column.header), header)
            worksheet.set_column(col, col, column.width)
        row_number = first_row
        for row_number, item in enumerate(sheet.rows, start=first_row + 1):
            for col, column in enumerate(sheet.columns):
                value = column.value(item)
                if isinstance(value, datetime.datetime):
                    worksheet.write_datetime(row_number, col, value, date)
                elif isinstance(value, datetime.date):
                    worksheet.write_datetime(row_number, col, datetime.datetime.combine(value, datetime.time()), date)
                elif isinstance(value, bool):
                    worksheet.write_string(row_number, col, "Có" if value else "Không")
                elif isinstance(value, int):
                    worksheet.write_number(row_number, col, value, integer)
                elif isinstance(value, Decimal | float):
                    worksheet.write_number(row_number, col, float(value), decimal)
                elif value is None:
                    worksheet.write_blank(row_number, col, None)
                else:
                    worksheet.write_string(row_number, col, str(value))
        worksheet.freeze_panes(first_row + 1, 0)
        worksheet.autofilter(first_row, 0, max(row_number, first_row), len(sheet.columns) - 1)
    book.close()
    return buffer.getvalue()


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_MIME)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
