"""A plan's implementation report as an Excel workbook: one sheet per part (the report's facts, targets, quotas by
unit with a chart, tasks, new products by unit), with formulas officials can check and filters."""

import io

import xlsxwriter

from ocop.common.papers.numbers import vi_day


def render_xlsx(payload: dict) -> bytes:
    figures = payload["figures"]
    header = payload["header"]
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    base = {"font_name": "Times New Roman", "font_size": 12, "valign": "top"}
    fmt = {
        "title": book.add_format(base | {"bold": True, "font_size": 14}),
        "head": book.add_format(base | {"bold": True, "bg_color": "#E7F3EE", "border": 1, "text_wrap": True}),
        "text": book.add_format(base | {"border": 1, "text_wrap": True}),
        "center": book.add_format(base | {"border": 1, "align": "center"}),
        "int": book.add_format(base | {"border": 1, "num_format": "#,##0"}),
        "dec": book.add_format(base | {"border": 1, "num_format": "#,##0.0"}),
        "bold_int": book.add_format(base | {"border": 1, "num_format": "#,##0", "bold": True}),
        "bold_dec": book.add_format(base | {"border": 1, "num_format": "#,##0.0", "bold": True}),
        "bold_text": book.add_format(base | {"border": 1, "bold": True}),
        "plain": book.add_format(base | {"text_wrap": True}),
    }
    plan = figures["plan"]
    info = book.add_worksheet("Thông tin")
    info.set_column(0, 0, 28)
    info.set_column(1, 1, 90)
    info.write(0, 0, "BÁO CÁO " + header["subject"], fmt["title"])
    rows = [
        ("Kế hoạch", f"{plan['reference']} ngày {vi_day(plan['issued_on'])} – {plan['title']}"),
        (
            "Kỳ báo cáo",
            f"{figures['period']['label']} (từ {vi_day(figures['period']['start'])} "
            f"đến {vi_day(figures['period']['end'])})",
        ),
        ("Số liệu tính đến", vi_day(figures["as_of"])),
        ("Cơ quan báo cáo", header["issuing_body"]),
        ("Số, ký hiệu", f"{header['number']}/{header['symbol']}" if header["number"] else f"…/{header['symbol']}"),
        ("Ngày báo cáo", vi_day(header["report_date"]) or "(dự thảo)"),
        ("Trạng thái", "Đã ban hành" if payload["status"] == "issued" else "Dự thảo (số liệu trực tiếp)"),
    ]
    for index, (label, value) in enumerate(rows, start=2):
        info.write(index, 0, label, fmt["bold_text"])
        info.write(index, 1, value, fmt["text"])

    sheet = book.add_worksheet("Chỉ tiêu")
    heads = [
        "Mã",
        "Chỉ tiêu",
        "Chỉ số",
        "Nguồn số liệu",
        "Hướng",
        "Từ",
        "Đến",
        "Đơn vị tính",
        "Thực hiện",
        "Tỷ lệ đạt (%)",
        "Đánh giá",
    ]
    widths = [8, 60, 34, 20, 10, 8, 8, 12, 12, 13, 18]
    for col, (head, width) in enumerate(zip(heads, widths, strict=True)):
        sheet.write(0, col, head, fmt["head"])
        sheet.set_column(col, col, width)
    for index, row in enumerate(figures["targets"], start=1):
        r = index + 1  # Excel row number
        low, high, actual = row["target"]["low"], row["target"]["high"], row["actual"]
        sheet.write(index, 0, row["code"], fmt["center"])
        sheet.write(index, 1, row["text"], fmt["text"])
        sheet.write(index, 2, row["indicator_name"] or "", fmt["text"])
        sheet.write(index, 3, row["source_label"], fmt["text"])
        sheet.write(index, 4, figures["directions"][row["direction"]], fmt["center"])
        sheet.write_number(index, 5, low, fmt["dec"])
        if high is None:
            sheet.write_blank(index, 6, None, fmt["dec"])
        else:
            sheet.write_number(index, 6, high, fmt["dec"])
        sheet.write(index, 7, row["unit"], fmt["center"])
        if actual is None:
            sheet.write_blank(index, 8, None, fmt["dec"])
        else:
            sheet.write_number(index, 8, actual, fmt["dec"])
        if row["direction"] == "at_most":
            formula = f'=IF(OR(I{r}="",I{r}=0),"",ROUNDDOWN(IF(G{r}="",F{r},G{r})/I{r}*100,1))'
        else:
            formula = f'=IF(OR(I{r}="",F{r}=0),"",ROUNDDOWN(I{r}/F{r}*100,1))'
        sheet.write_formula(index, 9, formula, fmt["dec"], "" if row["percent"] is None else row["percent"])
        sheet.write(index, 10, row["progress_label"], fmt["text"])
    sheet.freeze_panes(1, 2)

    quotas = figures["quotas"]
    if quotas["rows"]:
        stars = quotas["stars"]
        sheet = book.add_worksheet("Phân bổ theo địa bàn")
        heads = ["STT", "Huyện, thành phố"] + [f"KH {s} sao" for s in stars] + ["KH tổng"]
        heads += [f"TH {s} sao" for s in stars] + ["TH tổng", "Tỷ lệ (%)"]
        for col, head in enumerate(heads):
            sheet.write(0, col, head, fmt["head"])
            sheet.set_column(col, col, 30 if col == 1 else 11)
        n = len(stars)
        col_expected_total, col_actual_total = 2 + n, 3 + 2 * n
        letter = xlsxwriter.utility.xl_col_to_name
        rows = quotas["rows"] + quotas["outside"]
        for index, row in enumerate(rows, start=1):
            r = index + 1
            label = row["agency"] or row["unit"]
            if index > len(quotas["rows"]):
                label = f"{row['unit']} (không có trong phân bổ)"
            sheet.write(index, 0, index if index <= len(quotas["rows"]) else "", fmt["center"])
            sheet.write(index, 1, label, fmt["text"])
            for offset, level in enumerate(stars):
                sheet.write_number(index, 2 + offset, row["expected"][str(level)], fmt["int"])
                sheet.write_number(index, col_expected_total + 1 + offset, row["actual"][str(level)], fmt["int"])
            first, last = letter(2), letter(1 + n)
            sheet.write_formula(
                index, col_expected_total, f"=SUM({first}{r}:{last}{r})", fmt["int"], row["expected"]["total"]
            )
            first, last = letter(col_expected_total + 1), letter(col_expected_total + n)
            sheet.write_formula(
                index, col_actual_total, f"=SUM({first}{r}:{last}{r})", fmt["int"], row["actual"]["total"]
            )
            e, a = letter(col_expected_total), letter(col_actual_total)
            sheet.write_formula(
                index,
                col_actual_total + 1,
                f'=IF({e}{r}=0,"",ROUNDDOWN({a}{r}/{e}{r}*100,1))',
                fmt["dec"],
                "" if row["percent"] is None else row["percent"],
            )
        total_row = len(rows) + 1
        sheet.write(total_row, 1, "Tổng cộng", fmt["bold_text"])
        keys = [("expected", str(s)) for s in stars] + [("expected", "total")]
        keys += [("actual", str(s)) for s in stars] + [("actual", "total")]
        for col, (side, key) in enumerate(keys, start=2):
            name = letter(col)
            total = sum(r[side][key] for r in rows)
            sheet.write_formula(total_row, col, f"=SUM({name}2:{name}{total_row})", fmt["bold_int"], total)
        e, a = letter(col_expected_total), letter(col_actual_total)
        sheet.write_formula(
            total_row,
            col_actual_total + 1,
            f'=IF({e}{total_row + 1}=0,"",ROUNDDOWN({a}{total_row + 1}/{e}{total_row + 1}*100,1))',
            fmt["bold_dec"],
            "" if quotas["total"]["percent"] is None else quotas["total"]["percent"],
        )
        chart = book.add_chart({"type": "bar"})
        for column, name, colour in (
            (col_expected_total, "Kế hoạch", "#98A2B3"),
            (col_actual_total, "Thực hiện", "#0B6E4F"),
        ):
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

    sheet = book.add_worksheet("Nhiệm vụ")
    heads = [
        "Mã",
        "Mục",
        "Nội dung",
        "Đơn vị chủ trì",
        "Đơn vị phối hợp",
        "Thời gian",
        "Khối lượng",
        "Đơn vị tính",
        "Kế hoạch",
        "Thực hiện",
        "Tỷ lệ (%)",
        "Tình hình",
        "Quá hạn",
        "Cập nhật ngày",
        "Ghi chú",
    ]
    widths = [9, 12, 60, 30, 30, 14, 26, 11, 11, 11, 10, 16, 9, 13, 40]
    for col, (head, width) in enumerate(zip(heads, widths, strict=True)):
        sheet.write(0, col, head, fmt["head"])
        sheet.set_column(col, col, width)
    line = 1
    for row in figures["tasks"]["rows"]:
        outputs = row["outputs"] or [None]
        for output in outputs:
            r = line + 1
            sheet.write(line, 0, row["code"], fmt["center"])
            sheet.write(line, 1, row["section"], fmt["text"])
            sheet.write(line, 2, row["content"], fmt["text"])
            sheet.write(line, 3, row["lead"], fmt["text"])
            sheet.write(line, 4, row["partners"], fmt["text"])
            sheet.write(line, 5, row["period"] or f"{vi_day(row['starts_on'])}–{vi_day(row['ends_on'])}", fmt["text"])
            if output:
                sheet.write(line, 6, output["name"], fmt["text"])
                sheet.write(line, 7, output["unit"], fmt["center"])
                sheet.write_number(line, 8, output["planned"], fmt["int"])
                if output["achieved"] is None:
                    sheet.write_blank(line, 9, None, fmt["int"])
                else:
                    sheet.write_number(line, 9, output["achieved"], fmt["int"])
                cached = (
                    ""
                    if output["achieved"] is None or not output["planned"]
                    else round(output["achieved"] * 100 / output["planned"], 1)
                )
                sheet.write_formula(
                    line, 10, f'=IF(OR(J{r}="",I{r}=0),"",ROUNDDOWN(J{r}/I{r}*100,1))', fmt["dec"], cached
                )
            else:
                for col in range(6, 11):
                    sheet.write_blank(line, col, None, fmt["text"])
            sheet.write(line, 11, row["status_label"], fmt["text"])
            sheet.write(line, 12, "Có" if row["overdue"] else "", fmt["center"])
            sheet.write(line, 13, vi_day(row["reported_on"]), fmt["center"])
            sheet.write(line, 14, row["progress_note"] or row["source_note"], fmt["text"])
            line += 1
    sheet.autofilter(0, 0, max(line - 1, 1), len(heads) - 1)
    sheet.freeze_panes(1, 3)

    by_unit = figures["new_products"]["by_unit"]
    sheet = book.add_worksheet("SP mới theo đơn vị")
    for col, (head, width) in enumerate((("Mã ĐVHC", 10), ("Đơn vị hành chính hiện nay", 34), ("Sản phẩm mới", 14))):
        sheet.write(0, col, head, fmt["head"])
        sheet.set_column(col, col, width)
    for index, row in enumerate(by_unit, start=1):
        sheet.write(index, 0, row["unit_code"], fmt["center"])
        sheet.write(index, 1, row["unit"], fmt["text"])
        sheet.write_number(index, 2, row["count"], fmt["int"])
    sheet.write(len(by_unit) + 1, 1, "Tổng cộng", fmt["bold_text"])
    sheet.write_formula(
        len(by_unit) + 1, 2, f"=SUM(C2:C{len(by_unit) + 1})", fmt["bold_int"], sum(r["count"] for r in by_unit)
    )
    book.close()
    return buffer.getvalue()
