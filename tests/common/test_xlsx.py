"""Workbooks we write carry people's text as text: a cell that starts with = + - @ is never a live formula. A list's
workbook is streamed: valid for Excel's readers, typed cells, and its first bytes out before the rows are read."""

import datetime
import io
import zipfile
from decimal import Decimal

from openpyxl import load_workbook

from ocop.common.xlsx import Column, Sheet, list_workbook


def _book(sheet: Sheet):
    return load_workbook(io.BytesIO(b"".join(list_workbook(sheet))))


def test_every_exported_text_cell_is_a_string_whatever_it_starts_with():
    texts = ["=1+2", '=HYPERLINK("http://x.example")', "+84 912 345 678", "-2+3", "@SUM(A1)", "http://x.example"]
    sheet = _book(Sheet(name="Danh sách", title="=TITLE()", columns=[Column("=Tên", lambda text: text)], rows=texts))[
        "Danh sách"
    ]
    cells = [sheet["A1"], sheet["A3"], *(row[0] for row in sheet.iter_rows(min_row=4))]
    assert [(cell.value, cell.data_type) for cell in cells] == [(text, "s") for text in ["=TITLE()", "=Tên", *texts]]
    assert not sheet._hyperlinks


def test_cells_are_typed_and_formatted_as_officials_read_them():
    rows = [("Nước mắm <Cà Ná> & “Ninh Thuận”\x07", datetime.date(2024, 12, 27), 4, Decimal("1234.5"), True, None)]
    columns = [Column(header, lambda row, index=index: row[index]) for index, header in enumerate("ABCDEF")]
    sheet = _book(Sheet("Sản phẩm", columns, rows)).active
    text, day, stars, money, flag, empty = next(sheet.iter_rows(min_row=2, values_only=True))
    assert text == "Nước mắm <Cà Ná> & “Ninh Thuận”"  # a control character cannot be in XML: it is dropped
    assert day == datetime.datetime(2024, 12, 27) and sheet["B2"].number_format == "dd/mm/yyyy"
    assert stars == 4 and sheet["C2"].number_format == "#,##0"
    assert money == 1234.5 and sheet["D2"].number_format == "#,##0.00"
    assert flag == "Có" and empty is None
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:F2"
    assert sheet["A1"].font.b and sheet.column_dimensions["A"].width == 18


def test_the_first_bytes_leave_before_the_rows_are_read():
    read = []

    def rows():
        for number in range(2000):
            read.append(number)
            yield (number,)

    stream = list_workbook(Sheet("Số", [Column("Số", lambda row: row[0])], rows()))
    first = next(stream)
    assert first.startswith(b"PK") and read == []
    rest = b"".join(stream)
    assert len(read) == 2000
    package = zipfile.ZipFile(io.BytesIO(first + rest))
    assert package.testzip() is None
    assert load_workbook(io.BytesIO(first + rest)).active.max_row == 2001


def test_an_empty_list_is_a_workbook_with_its_header():
    sheet = _book(Sheet("Trống", [Column("Tên", str), Column("Xã", str)], [])).active
    assert [row for row in sheet.iter_rows(values_only=True)] == [("Tên", "Xã")]
