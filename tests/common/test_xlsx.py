"""Workbooks we write carry people's text as text: a cell that starts with = + - @ is never a live formula."""

import io

from openpyxl import load_workbook

from ocop.common.xlsx import Column, Sheet, workbook_bytes


def test_every_exported_text_cell_is_a_string_whatever_it_starts_with():
    texts = ["=1+2", '=HYPERLINK("http://x.example")', "+84 912 345 678", "-2+3", "@SUM(A1)", "http://x.example"]
    content = workbook_bytes(
        [Sheet(name="Danh sách", title="=TITLE()", columns=[Column("=Tên", lambda text: text)], rows=texts)]
    )
    sheet = load_workbook(io.BytesIO(content))["Danh sách"]
    cells = [sheet["A1"], sheet["A3"], *(row[0] for row in sheet.iter_rows(min_row=4))]
    assert [(cell.value, cell.data_type) for cell in cells] == [(text, "s") for text in ["=TITLE()", "=Tên", *texts]]
    assert not sheet._hyperlinks
