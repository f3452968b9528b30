"""The Excel template the import page offers: the sheets and columns the importer reads, with input help."""

import io

from ocop.common.xlsx import new_workbook
from ocop.registry_import.domain.import_parsing import PRODUCER_COLUMNS, PRODUCER_SHEET, PRODUCT_COLUMNS, PRODUCT_SHEET

_LISTS = {
    "legal_form": [
        "Hợp tác xã",
        "Tổ hợp tác",
        "Doanh nghiệp",
        "Trang trại",
        "Hộ kinh doanh",
        "Hội/hiệp hội",
        "Ban quản lý",
    ],
    "enterprise_size": ["Siêu nhỏ", "Nhỏ", "Vừa"],
    "representative_gender": ["Nam", "Nữ"],
    "representative_disabled": ["Có", "Không"],
    "circular_economy": ["Có", "Không"],
    "decision_level": ["Huyện", "Tỉnh", "Trung ương"],
}
_INSTRUCTIONS = [
    "MẪU NHẬP DỮ LIỆU CHỦ THỂ VÀ SẢN PHẨM OCOP",
    "",
    "1. Mỗi dòng của trang “Chủ thể” là một chủ thể; mỗi dòng của trang “Sản phẩm” là một sản phẩm.",
    "2. Cột có dấu * là bắt buộc. Ngày ghi dạng ngày/tháng/năm (25/12/2024). Số dùng dấu phẩy thập phân (12,5).",
    "3. Mã xã là mã đơn vị hành chính của Tổng cục Thống kê (5 chữ số), ví dụ 22882 (xã Phước Thuận, trước "
    "01/7/2025) hoặc 22870 (xã Ninh Phước, từ 01/7/2025). Khi một mã có ở cả hai thời kỳ, ghi thêm Tên xã.",
    "4. Sản phẩm gắn với chủ thể qua Số ĐKKD, hoặc qua Tên chủ thể và Mã xã khi chủ thể không có số ĐKKD.",
    "5. Sản phẩm đã được công nhận trước khi dùng hệ thống: ghi Số sao, Số và Ngày quyết định công nhận.",
    "6. Hệ thống kiểm tra toàn bộ tệp trước; nếu có lỗi, không dòng nào được ghi và danh sách lỗi chỉ rõ "
    "dòng, cột. Nhập lại cùng một tệp không tạo bản ghi trùng.",
    "",
    "Ví dụ chủ thể: HTX DV tổng hợp nông nghiệp Thái An | Hợp tác xã | | 4101234567 | 12/03/2015 | … | Mã xã 22846",
    "Ví dụ sản phẩm: Nho sấy không đường | 7 | 4101234567 | … | Số sao 3 | 2345/QĐ-UBND | 28/12/2021 | Tỉnh",
]


def _write_sheet(book, name, columns, header_format):
    sheet = book.add_worksheet(name)
    for index, spec in enumerate(columns):
        sheet.write(0, index, spec.header + (" *" if spec.required else ""), header_format)
        sheet.set_column(index, index, max(14, min(40, len(spec.header) + 4)))
        if spec.help:
            sheet.write_comment(0, index, spec.help)
        if spec.key in _LISTS:
            sheet.data_validation(1, index, 5000, index, {"validate": "list", "source": _LISTS[spec.key]})
        if spec.key == "product_set":
            sheet.data_validation(
                1, index, 5000, index, {"validate": "integer", "criteria": "between", "minimum": 1, "maximum": 26}
            )
        if spec.kind == "date":
            sheet.set_column(index, index, 14, book.add_format({"num_format": "dd/mm/yyyy"}))
        if spec.kind == "identifier":
            sheet.set_column(index, index, 18, book.add_format({"num_format": "@"}))
    sheet.freeze_panes(1, 0)
    sheet.set_row(0, 36)
    return sheet


def registry_template() -> bytes:
    buffer = io.BytesIO()
    book = new_workbook(buffer)
    header = book.add_format({"bold": True, "bg_color": "#E7F3EE", "border": 1, "text_wrap": True, "valign": "top"})
    guide = book.add_worksheet("Hướng dẫn")
    guide.set_column(0, 0, 120)
    for row, line in enumerate(_INSTRUCTIONS):
        guide.write(row, 0, line, book.add_format({"bold": True}) if row == 0 else None)
    _write_sheet(book, PRODUCER_SHEET, PRODUCER_COLUMNS, header)
    _write_sheet(book, PRODUCT_SHEET, PRODUCT_COLUMNS, header)
    book.close()
    return buffer.getvalue()
