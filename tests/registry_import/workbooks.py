"""Build registry workbooks for tests from the template the system offers."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from ocop.registry_import.domain.import_parsing import PRODUCER_COLUMNS, PRODUCER_SHEET, PRODUCT_COLUMNS, PRODUCT_SHEET
from ocop.registry_import.interfaces.import_template import registry_template


def workbook(producers: list[dict] = (), products: list[dict] = ()) -> SimpleUploadedFile:
    """Rows are dicts keyed by column key (see import_parsing); missing keys stay empty."""
    book = load_workbook(io.BytesIO(registry_template()))
    for sheet_name, columns, rows in (
        (PRODUCER_SHEET, PRODUCER_COLUMNS, producers),
        (PRODUCT_SHEET, PRODUCT_COLUMNS, products),
    ):
        sheet = book[sheet_name]
        for row_index, row in enumerate(rows, start=2):
            for col_index, spec in enumerate(columns, start=1):
                if spec.key in row:
                    sheet.cell(row=row_index, column=col_index, value=row[spec.key])
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(
        "chu-the.xlsx",
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def producer_row(number: int, **values) -> dict:
    return {
        "name": f"HTX Nông nghiệp số {number}",
        "legal_form": "Hợp tác xã",
        "registration_number": f"41{number:08d}",
        "registration_date": "15/03/2019",
        "unit_code": "22882",
        "representative_name": "Nguyễn Thị Lan",
        "representative_gender": "Nữ",
        "representative_ethnicity": "Chăm",
        "members_count": 25,
        "circular_economy": "Có",
    } | values


def product_row(number: int, producer_number: int, **values) -> dict:
    return {
        "name": f"Nho sấy loại {number}",
        "product_set": 7,
        "producer_registration_number": f"41{producer_number:08d}",
        "packaging": "Hộp 250 g",
    } | values
