"""A plan's implementation report as an Excel workbook: one sheet per part (the report's facts, targets, quotas by
unit with a chart, tasks, new products by unit), with formulas officials can check and filters. Written with the
platform's workbook (common.xlsx.ExcelBook) in Times New Roman 12 with borders, as the administrative papers."""

from xlsxwriter.utility import xl_col_to_name as letter

from ocop.common.papers.numbers import vi_day
from ocop.common.xlsx import ExcelBook, Formula

TIMES_NEW_ROMAN = {"font_name": "Times New Roman", "font_size": 12}


def _percent(value):
    return "" if value is None else value


def _count(value):
    """Quantities of outputs are whole in practice: written as counts (#,##0)."""
    return int(value) if value is not None and float(value).is_integer() else value


def _info_sheet(excel: ExcelBook, payload: dict) -> None:
    figures, header = payload["figures"], payload["header"]
    plan, period = figures["plan"], figures["period"]
    sheet = excel.sheet("Thông tin")
    sheet.set_column(0, 0, 28)
    sheet.set_column(1, 1, 90)
    sheet.write(0, 0, "BÁO CÁO " + header["subject"], excel.formats["title"])
    rows = [
        ("Kế hoạch", f"{plan['reference']} ngày {vi_day(plan['issued_on'])} – {plan['title']}"),
        ("Kỳ báo cáo", f"{period['label']} (từ {vi_day(period['start'])} đến {vi_day(period['end'])})"),
        ("Số liệu tính đến", vi_day(figures["as_of"])),
        ("Cơ quan báo cáo", header["issuing_body"]),
        ("Số, ký hiệu", f"{header['number']}/{header['symbol']}" if header["number"] else f"…/{header['symbol']}"),
        ("Ngày báo cáo", vi_day(header["report_date"]) or "(dự thảo)"),
        ("Trạng thái", "Đã ban hành" if payload["status"] == "issued" else "Dự thảo (số liệu trực tiếp)"),
    ]
    for index, (label, value) in enumerate(rows, start=2):
        excel.write(sheet, index, 0, label, bold=True)
        excel.write(sheet, index, 1, value)


TARGET_COLUMNS = [
    ("Mã", 8),
    ("Chỉ tiêu", 60),
    ("Chỉ số", 34),
    ("Nguồn số liệu", 20),
    ("Hướng", 10),
    ("Từ", 8),
    ("Đến", 8),
    ("Đơn vị tính", 12),
    ("Thực hiện", 12),
    ("Tỷ lệ đạt (%)", 13),
    ("Đánh giá", 18),
]


def _target_sheet(excel: ExcelBook, figures: dict) -> None:
    sheet = excel.sheet("Chỉ tiêu", TARGET_COLUMNS)
    for index, row in enumerate(figures["targets"], start=1):
        r = index + 1  # Excel row number
        if row["direction"] == "at_most":
            formula = f'=IF(OR(I{r}="",I{r}=0),"",ROUNDDOWN(IF(G{r}="",F{r},G{r})/I{r}*100,1))'
        else:
            formula = f'=IF(OR(I{r}="",F{r}=0),"",ROUNDDOWN(I{r}/F{r}*100,1))'
        cells = [
            row["code"],
            row["text"],
            row["indicator_name"] or "",
            row["source_label"],
            figures["directions"][row["direction"]],
            float(row["target"]["low"]),
            None if row["target"]["high"] is None else float(row["target"]["high"]),
            row["unit"],
            None if row["actual"] is None else float(row["actual"]),
            Formula(formula, _percent(row["percent"])),
            row["progress_label"],
        ]
        for col, value in enumerate(cells):
            excel.write(sheet, index, col, value, centre=col in (0, 4, 7))
    sheet.freeze_panes(1, 2)


def _quota_sheet(excel: ExcelBook, quotas: dict) -> None:
    stars = quotas["stars"]
    n = len(stars)
    columns = [("STT", 11), ("Huyện, thành phố", 30), *[(f"KH {s} sao", 11) for s in stars], ("KH tổng", 11)]
    columns += [*[(f"TH {s} sao", 11) for s in stars], ("TH tổng", 11), ("Tỷ lệ (%)", 11)]
    sheet = excel.sheet("Phân bổ theo địa bàn", columns)
    expected_total, actual_total = 2 + n, 3 + 2 * n
    e, a = letter(expected_total), letter(actual_total)
    rows = quotas["rows"] + quotas["outside"]
    for index, row in enumerate(rows, start=1):
        r = index + 1
        allotted = index <= len(quotas["rows"])
        cells = [
            index if allotted else "",
            row["agency"] or row["unit"] if allotted else f"{row['unit']} (không có trong phân bổ)",
            *[row["expected"][str(level)] for level in stars],
            Formula(f"=SUM({letter(2)}{r}:{letter(1 + n)}{r})", row["expected"]["total"], whole=True),
            *[row["actual"][str(level)] for level in stars],
            Formula(
                f"=SUM({letter(expected_total + 1)}{r}:{letter(expected_total + n)}{r})",
                row["actual"]["total"],
                whole=True,
            ),
            Formula(f'=IF({e}{r}=0,"",ROUNDDOWN({a}{r}/{e}{r}*100,1))', _percent(row["percent"])),
        ]
        for col, value in enumerate(cells):
            excel.write(sheet, index, col, value, centre=col == 0)
    total_row = len(rows) + 1
    excel.write(sheet, total_row, 1, "Tổng cộng", bold=True)
    keys = [("expected", str(s)) for s in stars] + [("expected", "total")]
    keys += [("actual", str(s)) for s in stars] + [("actual", "total")]
    for col, (side, key) in enumerate(keys, start=2):
        total = sum(row[side][key] for row in rows)
        formula = Formula(f"=SUM({letter(col)}2:{letter(col)}{total_row})", total, whole=True)
        excel.write(sheet, total_row, col, formula, bold=True)
    percent = Formula(
        f'=IF({e}{total_row + 1}=0,"",ROUNDDOWN({a}{total_row + 1}/{e}{total_row + 1}*100,1))',
        _percent(quotas["total"]["percent"]),
    )
    excel.write(sheet, total_row, actual_total + 1, percent, bold=True)
    chart = excel.book.add_chart({"type": "bar"})
    for column, name, colour in ((expected_total, "Kế hoạch", "#98A2B3"), (actual_total, "Thực hiện", "#0B6E4F")):
        chart.add_series(
            {
                "name": name,
                "categories": ["Phân bổ theo địa bàn", 1, 1, len(rows), 1],
                "values": ["Phân bổ theo địa bàn", 1, column, len(rows), column],
                "fill": {"color": colour},
            }
        )
    chart.set_title({"name": "Sản phẩm được công nhận so với kế hoạch"})
    chart.set_y_axis({"reverse": True})
    chart.set_size({"width": 720, "height": 360})
    sheet.insert_chart(total_row + 2, 1, chart)


TASK_COLUMNS = [
    ("Mã", 9),
    ("Mục", 12),
    ("Nội dung", 60),
    ("Đơn vị chủ trì", 30),
    ("Đơn vị phối hợp", 30),
    ("Thời gian", 14),
    ("Khối lượng", 26),
    ("Đơn vị tính", 11),
    ("Kế hoạch", 11),
    ("Thực hiện", 11),
    ("Tỷ lệ (%)", 10),
    ("Tình hình", 16),
    ("Quá hạn", 9),
    ("Cập nhật ngày", 13),
    ("Ghi chú", 40),
]


def _output_cells(output: dict | None, r: int) -> list:
    if output is None:
        return [None] * 5
    achieved, planned = output["achieved"], output["planned"]
    cached = "" if achieved is None or not planned else round(achieved * 100 / planned, 1)
    return [
        output["name"],
        output["unit"],
        _count(planned),
        _count(achieved),
        Formula(f'=IF(OR(J{r}="",I{r}=0),"",ROUNDDOWN(J{r}/I{r}*100,1))', cached),
    ]


def _task_sheet(excel: ExcelBook, tasks: dict) -> None:
    sheet = excel.sheet("Nhiệm vụ", TASK_COLUMNS)
    line = 1
    for row in tasks["rows"]:
        for output in row["outputs"] or [None]:
            cells = [
                row["code"],
                row["section"],
                row["content"],
                row["lead"],
                row["partners"],
                row["period"] or f"{vi_day(row['starts_on'])}–{vi_day(row['ends_on'])}",
                *_output_cells(output, line + 1),
                row["status_label"],
                "Có" if row["overdue"] else "",
                vi_day(row["reported_on"]),
                row["progress_note"] or row["source_note"],
            ]
            for col, value in enumerate(cells):
                excel.write(sheet, line, col, value, centre=col in (0, 7, 12, 13))
            line += 1
    sheet.autofilter(0, 0, max(line - 1, 1), len(TASK_COLUMNS) - 1)
    sheet.freeze_panes(1, 3)


def _new_products_sheet(excel: ExcelBook, by_unit: list[dict]) -> None:
    sheet = excel.sheet(
        "SP mới theo đơn vị", [("Mã ĐVHC", 10), ("Đơn vị hành chính hiện nay", 34), ("Sản phẩm mới", 14)]
    )
    for index, row in enumerate(by_unit, start=1):
        excel.write(sheet, index, 0, row["unit_code"], centre=True)
        excel.write(sheet, index, 1, row["unit"])
        excel.write(sheet, index, 2, row["count"])
    total_row = len(by_unit) + 1
    excel.write(sheet, total_row, 1, "Tổng cộng", bold=True)
    total = Formula(f"=SUM(C2:C{total_row})", sum(row["count"] for row in by_unit), whole=True)
    excel.write(sheet, total_row, 2, total, bold=True)


def _funding_sheet(excel: ExcelBook, funding: list[dict]) -> None:
    sheet = excel.sheet("Kinh phí", [("Nguồn kinh phí", 70), ("Kế hoạch (đồng)", 20), ("Đã sử dụng (đồng)", 20)])
    for index, row in enumerate(funding, start=1):
        excel.write(sheet, index, 0, row["source"])
        excel.write(sheet, index, 1, "" if row["planned"] is None else row["planned"])
        excel.write(sheet, index, 2, "" if row["spent"] is None else row["spent"])


ANNEX_COLUMNS = [
    ("STT", 6),
    ("Tên sản phẩm", 34),
    ("Chủ thể", 36),
    ("Xã, phường", 20),
    ("Bộ sản phẩm", 30),
    ("Hạng sao", 10),
    ("Điểm", 9),
    ("Hình thức", 14),
    ("Quyết định công nhận", 30),
]


def _annex_sheet(excel: ExcelBook, annex: list[dict]) -> None:
    sheet = excel.sheet("Phụ lục SP công nhận", ANNEX_COLUMNS)
    for index, row in enumerate(annex, start=1):
        values = [
            index,
            row["product"],
            row["producer"],
            row["commune"],
            row["product_set"],
            row["stars"],
            "" if row["score"] is None else row["score"],
            row["kind"],
            row["decision"],
        ]
        for column, value in enumerate(values):
            excel.write(sheet, index, column, value, centre=column in (0, 5, 7))
    sheet.autofilter(0, 0, len(annex), len(ANNEX_COLUMNS) - 1)
    sheet.freeze_panes(1, 2)


def render_xlsx(payload: dict) -> bytes:
    figures = payload["figures"]
    excel = ExcelBook(font=TIMES_NEW_ROMAN, bordered=True, decimals=1, title_size=14)
    _info_sheet(excel, payload)
    _target_sheet(excel, figures)
    if figures["quotas"]["rows"]:
        _quota_sheet(excel, figures["quotas"])
    _task_sheet(excel, figures["tasks"])
    _new_products_sheet(excel, figures["new_products"]["by_unit"])
    if review := figures.get("review"):
        _funding_sheet(excel, review["funding"])
        _annex_sheet(excel, review["annex"])
    return excel.close()
