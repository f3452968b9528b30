"""Reading the registry workbook: the columns it has and how each cell is read, with a precise error per cell."""

import datetime
import re
import zipfile
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from ocop.certificates.models import Certificate, RecognitionDecision
from ocop.common.column_limits import capacity_field
from ocop.common.json_shapes import column_value
from ocop.common.text import clean_text, fold
from ocop.producers.models import Producer, Product

PRODUCER_SHEET = "Chủ thể"
PRODUCT_SHEET = "Sản phẩm"
# What one workbook may hold: the province's whole registry fits many times over, a zip bomb does not.
MAX_ROWS = 5_000  # per sheet
MAX_COLUMNS = 60
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_ERRORS = 200  # checking stops there: the rest is usually the same mistake again
_LARGEST_CELL_NUMBER = 10**18


@dataclass(frozen=True)
class ColumnSpec:
    key: str
    header: str
    kind: str = "text"  # text | identifier | int | decimal | date | yes_no
    required: bool = False
    help: str = ""
    max_length: int | None = None  # of the text the database column takes; set from the model below
    column: object = None  # the database field a number fills (its limits), set from the model below


PRODUCER_COLUMNS = (
    ColumnSpec("name", "Tên chủ thể", required=True),
    ColumnSpec(
        "legal_form",
        "Loại hình",
        required=True,
        help="Hợp tác xã, Tổ hợp tác, Doanh nghiệp, Trang trại, Hộ kinh doanh, Hội/hiệp hội, Ban quản lý",
    ),
    ColumnSpec("enterprise_size", "Quy mô doanh nghiệp", help="Siêu nhỏ, Nhỏ, Vừa (chỉ với doanh nghiệp)"),
    ColumnSpec("registration_number", "Số ĐKKD", "identifier"),
    ColumnSpec("registration_date", "Ngày cấp ĐKKD", "date", help="dd/mm/yyyy"),
    ColumnSpec("tax_code", "Mã số thuế", "identifier"),
    ColumnSpec("representative_name", "Người đại diện"),
    ColumnSpec("representative_gender", "Giới tính người đại diện", help="Nam, Nữ"),
    ColumnSpec("representative_ethnicity", "Dân tộc người đại diện", help="Kinh, Chăm, Ra Glai…"),
    ColumnSpec("representative_disabled", "Người đại diện khuyết tật", "yes_no", help="Có/Không"),
    ColumnSpec("address", "Địa chỉ"),
    ColumnSpec("unit_code", "Mã xã", "identifier", required=True, help="Mã đơn vị hành chính (TCTK), 5 chữ số"),
    ColumnSpec("unit_name", "Tên xã", help="Ghi khi mã xã trùng giữa trước và sau 01/7/2025"),
    ColumnSpec("phone", "Điện thoại", "identifier"),
    ColumnSpec("email", "Email"),
    ColumnSpec("members_count", "Số thành viên", "int"),
    ColumnSpec("member_households", "Số hộ thành viên", "int"),
    ColumnSpec("workers_count", "Số lao động", "int"),
    ColumnSpec("circular_economy", "Chuỗi giá trị tuần hoàn (OCOP xanh)", "yes_no", help="Có/Không"),
)

PRODUCT_COLUMNS = (
    ColumnSpec("name", "Tên sản phẩm", required=True),
    ColumnSpec("product_set", "Bộ sản phẩm (1-26)", "int", required=True),
    ColumnSpec(
        "origin",
        "Nguồn gốc",
        help="Chăn nuôi gia súc, gia cầm; Nuôi ong; Thủy sản; Trồng trọt; Khác (để trống: chưa rõ)",
    ),
    ColumnSpec("producer_registration_number", "Số ĐKKD của chủ thể", "identifier"),
    ColumnSpec("producer_name", "Tên chủ thể", help="Khi chủ thể không có số ĐKKD"),
    ColumnSpec("producer_unit_code", "Mã xã của chủ thể", "identifier"),
    ColumnSpec("code", "Mã sản phẩm OCOP", "identifier", help="Nếu đã có, dạng 58-22882-001-2024"),
    ColumnSpec("description", "Mô tả"),
    ColumnSpec("packaging", "Quy cách đóng gói"),
    ColumnSpec("shelf_life", "Hạn sử dụng"),
    ColumnSpec("standard", "Tiêu chuẩn áp dụng"),
    ColumnSpec("gtin", "Mã vạch GTIN", "identifier"),
    ColumnSpec("stars", "Số sao đã công nhận", "int", help="3, 4 hoặc 5; để trống nếu chưa công nhận"),
    ColumnSpec("decision_number", "Số quyết định công nhận", help="ví dụ 1234/QĐ-UBND"),
    ColumnSpec("decision_date", "Ngày quyết định", "date", help="dd/mm/yyyy"),
    ColumnSpec("decision_level", "Cấp công nhận", help="Huyện, Tỉnh, Trung ương"),
    ColumnSpec("score", "Điểm đánh giá", "decimal"),
)


def _database_limits(columns: tuple[ColumnSpec, ...], model, stored_as: dict) -> tuple[ColumnSpec, ...]:
    """The columns with the length limits of the database fields they fill, so that a too-long cell is reported by
    the dry run rather than failing the import (PostgreSQL enforces them, SQLite does not)."""

    def target(key: str):
        owner, name = stored_as.get(key, (model, key))
        try:
            return owner._meta.get_field(name)
        except FieldDoesNotExist:
            return None

    def limited(column: ColumnSpec) -> ColumnSpec:
        field = target(column.key)
        if column.kind in ("text", "identifier"):
            # A choice is written as its label, not its code.
            return replace(column, max_length=None if field is None or field.choices else field.max_length)
        if column.kind in ("int", "decimal"):
            return replace(column, column=field)
        return column

    return tuple(limited(column) for column in columns)


PRODUCER_COLUMNS = _database_limits(PRODUCER_COLUMNS, Producer, {})
PRODUCT_COLUMNS = _database_limits(
    PRODUCT_COLUMNS,
    Product,
    {
        "producer_registration_number": (Producer, "registration_number"),
        "producer_name": (Producer, "name"),
        "decision_number": (RecognitionDecision, "number"),
        "score": (Certificate, "score"),
    },
)


@dataclass
class CellError:
    sheet: str
    row: int
    column: str
    message: str

    def as_dict(self) -> dict:
        return {"sheet": self.sheet, "row": self.row, "column": self.column, "message": self.message}


@dataclass
class ParsedRow:
    sheet: str
    number: int
    values: dict
    errors: list[CellError] = field(default_factory=list)

    def error(self, column_key: str, message: str, columns: tuple[ColumnSpec, ...]) -> None:
        header = next((c.header for c in columns if c.key == column_key), column_key)
        self.errors.append(CellError(self.sheet, self.number, header, message))


class WorkbookError(Exception):
    """The file is not a workbook made from the template."""


_DATE_TEXT = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_YES = {"co", "x", "1", "yes", "true"}
_NO = {"khong", "0", "no", "false", ""}


_THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+$")


def _number_text(text: str) -> str:
    """Vietnamese numbers: "1.234.567,5" and "1.234" are read as such; "12.5" stays twelve and a half."""
    text = "".join(text.split())
    if "," in text:
        return text.replace(".", "").replace(",", ".")
    return text.replace(".", "") if _THOUSANDS.match(text) else text


def _parse_cell(spec: ColumnSpec, raw):
    """Returns (value, error message or None)."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return (None if spec.kind in ("int", "decimal", "date") else False if spec.kind == "yes_no" else ""), None
    if spec.kind == "date":
        if isinstance(raw, datetime.datetime):
            return raw.date(), None
        if isinstance(raw, datetime.date):
            return raw, None
        match = _DATE_TEXT.match(str(raw).strip())
        if match:
            day, month, year = (int(part) for part in match.groups())
            try:
                return datetime.date(year, month, day), None
            except ValueError:
                pass
        return None, _("“%(value)s” is not a date written dd/mm/yyyy.") % {"value": raw}
    if spec.kind in ("int", "decimal"):
        try:
            number = Decimal(str(raw) if isinstance(raw, int | float) else _number_text(str(raw)))
        except InvalidOperation:
            return None, _("“%(value)s” is not a number.") % {"value": raw}
        if not number.is_finite():
            return None, _("“%(value)s” is not a number.") % {"value": raw}
        if abs(number) >= _LARGEST_CELL_NUMBER:
            return None, _("“%(value)s” is too large a number.") % {"value": raw}
        if spec.kind == "int":
            if number != number.to_integral_value():
                return None, _("“%(value)s” is not a whole number.") % {"value": raw}
            number = int(number)
        if spec.column is not None:
            try:
                number = column_value(spec.column, number, make_field=capacity_field)
            except ValidationError as error:
                return None, " ".join(error.messages)
        return number, None
    if spec.kind == "yes_no":
        folded = fold(str(raw))
        if folded in _YES:
            return True, None
        if folded in _NO:
            return False, None
        return False, _("Write “Có” or “Không”.")
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = clean_text(str(raw))
    text = "".join(text.split()) if spec.kind == "identifier" else text
    if spec.max_length is not None and len(text) > spec.max_length:
        return "", _("At most %(limit)s characters (this has %(length)s).") % {
            "limit": spec.max_length,
            "length": len(text),
        }
    return text, None


def _header_map(header_row, columns: tuple[ColumnSpec, ...], sheet: str) -> dict[str, int]:
    by_header = {fold(str(cell)).rstrip(" *"): index for index, cell in enumerate(header_row) if cell is not None}
    mapping = {}
    for spec in columns:
        index = by_header.get(fold(spec.header))
        if index is None:
            raise WorkbookError(
                _("Sheet “%(sheet)s” has no column “%(column)s”: use the template.")
                % {"sheet": sheet, "column": spec.header}
            )
        mapping[spec.key] = index
    return mapping


def _read_sheet(book, sheet: str, columns: tuple[ColumnSpec, ...], errors_before: int = 0) -> list[ParsedRow]:
    """The sheet's rows, up to MAX_ROWS; reading stops once MAX_ERRORS problems (with ``errors_before``) are found."""
    if sheet not in book.sheetnames:
        return []
    rows = book[sheet].iter_rows(values_only=True, max_col=MAX_COLUMNS)
    header = next(rows, None)
    if header is None:
        return []
    mapping = _header_map(header, columns, sheet)
    parsed = []
    errors = errors_before
    for number, cells in enumerate(rows, start=2):
        if number > MAX_ROWS + 1:
            raise WorkbookError(
                _("Sheet “%(sheet)s” has more than %(limit)s rows: split it into several workbooks.")
                % {"sheet": sheet, "limit": f"{MAX_ROWS:,}".replace(",", ".")}
            )
        if errors >= MAX_ERRORS:
            break
        if all(cell is None or str(cell).strip() == "" for cell in cells):
            continue
        row = ParsedRow(sheet, number, {})
        for spec in columns:
            index = mapping[spec.key]
            value, problem = _parse_cell(spec, cells[index] if index < len(cells) else None)
            row.values[spec.key] = value
            if problem:
                row.error(spec.key, problem, columns)
            elif spec.required and value in ("", None):
                row.error(spec.key, _("This cell is required."), columns)
        parsed.append(row)
        errors += len(row.errors)
    return parsed


def _check_unpacked_size(file) -> None:
    """An .xlsx is a zip: refuse one that would unpack to more than MAX_UNPACKED_BYTES before openpyxl reads it."""
    try:
        with zipfile.ZipFile(file) as archive:
            unpacked = sum(entry.file_size for entry in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise WorkbookError(_("The file could not be read as an Excel workbook (.xlsx).")) from error
    finally:
        file.seek(0)
    if unpacked > MAX_UNPACKED_BYTES:
        raise WorkbookError(
            _("The workbook unpacks to %(size)s; at most %(limit)s is accepted: split it into several workbooks.")
            % {"size": filesizeformat(unpacked), "limit": filesizeformat(MAX_UNPACKED_BYTES)}
        )


def read_registry_workbook(file) -> tuple[list[ParsedRow], list[ParsedRow]]:
    """Producer rows and product rows, each with its cell errors; raises WorkbookError for a wrong or too big file."""
    _check_unpacked_size(file)
    try:
        book = load_workbook(file, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
        raise WorkbookError(_("The file could not be read as an Excel workbook (.xlsx).")) from error
    try:
        if PRODUCER_SHEET not in book.sheetnames and PRODUCT_SHEET not in book.sheetnames:
            raise WorkbookError(
                _("The workbook has neither a “%(producers)s” nor a “%(products)s” sheet: use the template.")
                % {"producers": PRODUCER_SHEET, "products": PRODUCT_SHEET}
            )
        producers = _read_sheet(book, PRODUCER_SHEET, PRODUCER_COLUMNS)
        errors = sum(len(row.errors) for row in producers)
        return producers, _read_sheet(book, PRODUCT_SHEET, PRODUCT_COLUMNS, errors)
    finally:
        book.close()
