"""A plan's implementation report in the four formats officials use: Word and PDF (the administrative document,
sections following the plan), Excel (one sheet per part, with formulas and a chart) and JSON (every target with its
indicator, target value or range, actual and percent).

Everything here reads one payload (reports.domain.plan_reports.report_payload): the live figures of a draft or the
frozen figures of an issued report, so the four files always agree with each other and with what was issued.
"""

import datetime
import io
import json
from collections import OrderedDict

from ocop.common.papers.numbers import vi_day, vi_number
from ocop.common.papers.official import Column, Figure, Heading, OfficialDocument, Paragraph, Signature, Table
from ocop.planning.domain.snapshot import TASK_STATUS_VI
from ocop.planning.enums import TaskStatus
from ocop.reports import charts

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = {
    "docx": DOCX_MIME,
    "pdf": "application/pdf",
    "xlsx": XLSX_MIME,
    "json": "application/json",
}
DETAIL_LIMIT = 15  # a section of the plan with more tasks is summarised by lead agency
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]
TASK_COLOURS = {
    TaskStatus.DONE: charts.GREEN,
    TaskStatus.IN_PROGRESS: charts.GOLD,
    TaskStatus.NOT_STARTED: charts.GREY,
    TaskStatus.CANCELLED: charts.RED,
}


def _actual_text(row: dict) -> str:
    if row["actual"] is None:
        return "Chưa có số liệu"
    text = vi_number(row["actual"])
    if row.get("numerator") is not None and row.get("denominator"):
        text += f" ({row['numerator']}/{row['denominator']})"
    return text


def _percent_text(value) -> str:
    return "" if value is None else vi_number(value, 1)


# Narrative written from the figures ---------------------------------------------------------------------------------


def _next_period_label(figures: dict) -> str:
    key = figures["period"]["key"]
    year = int(key[:4])
    return f"6 tháng cuối năm {year}" if key.endswith("-H1") else f"năm {year + 1}"


def auto_narrative(figures: dict) -> dict[str, str]:
    """The text of each section as the figures say it; the office may replace any of it before issuing."""
    plan, period = figures["plan"], figures["period"]
    targets = figures["targets"]
    quotas = figures["quotas"]
    tasks = figures["tasks"]
    met = [row for row in targets if row["met"]]
    unmet = [row for row in targets if row["met"] is False]
    missing = [row for row in targets if row["actual"] is None]
    text = {
        "intro": (
            f"Thực hiện Kế hoạch số {plan['reference']} ngày {vi_day(plan['issued_on'])} của {plan['issuing_body']} "
            f"về {plan['title'][:1].lower()}{plan['title'][1:]}, báo cáo kết quả thực hiện {period['label']} "
            f"(số liệu tính đến ngày {vi_day(figures['as_of'])}) như sau:"
        ),
        "targets": (
            f"Trong {len(targets)} chỉ tiêu của kế hoạch, có {len(met)} chỉ tiêu đạt hoặc vượt, {len(unmet)} chỉ tiêu "
            f"chưa đạt và {len(missing)} chỉ tiêu chưa có số liệu. Số liệu được tính trực tiếp từ cơ sở dữ liệu OCOP "
            "(sản phẩm, chủ thể, giấy chứng nhận); các chỉ tiêu chưa tính được từ dữ liệu do đơn vị phụ trách báo cáo, "
            "kèm minh chứng."
        ),
        "quotas": "",
        "tasks": "",
        "assessment": "",
        "next_steps": "",
        "recommendations": "",
    }
    total = quotas.get("total")
    if total:
        expected, actual = total["expected"], total["actual"]
        parts = ", ".join(f"{actual[str(stars)]} sản phẩm {stars} sao" for stars in quotas["stars"])
        outside = sum(row["actual"]["total"] for row in quotas["outside"])
        text["quotas"] = (
            f"Các đơn vị được phân bổ đã có {actual['total']}/{expected['total']} sản phẩm được công nhận theo kế "
            f"hoạch ({parts}), đạt {_percent_text(total['percent']) or '0'}%."
        )
        if outside:
            names = ", ".join(row["unit"] for row in quotas["outside"])
            text["quotas"] += f" Ngoài phân bổ, {names} có {outside} sản phẩm được công nhận."
    counts = tasks["counts"]
    text["tasks"] = (
        f"Trong tổng số {tasks['total']} nhiệm vụ: hoàn thành {counts[TaskStatus.DONE]}, đang thực hiện "
        f"{counts[TaskStatus.IN_PROGRESS]}, chưa triển khai {counts[TaskStatus.NOT_STARTED]}"
        + (f", dừng thực hiện {counts[TaskStatus.CANCELLED]}" if counts[TaskStatus.CANCELLED] else "")
        + (f"; {tasks['overdue']} nhiệm vụ quá thời hạn." if tasks["overdue"] else ".")
    )
    assessment = []
    if met:
        assessment.append(
            "Các chỉ tiêu đạt hoặc vượt: " + "; ".join(f"{row['text']} ({_actual_text(row)})" for row in met) + "."
        )
    if unmet:
        assessment.append(
            "Các chỉ tiêu chưa đạt: "
            + "; ".join(
                f"{row['text']} (kế hoạch {row['target_text']}, thực hiện {_actual_text(row)})" for row in unmet
            )
            + "."
        )
    if missing:
        assessment.append("Các chỉ tiêu chưa có số liệu: " + "; ".join(row["text"] for row in missing) + ".")
    text["assessment"] = "\n".join(assessment)
    steps = [f"Tiếp tục triển khai Kế hoạch số {plan['reference']} trong {_next_period_label(figures)}"]
    if unmet:
        steps.append("tập trung các chỉ tiêu chưa đạt: " + "; ".join(row["text"] for row in unmet))
    if tasks["overdue"] or counts[TaskStatus.NOT_STARTED]:
        steps.append("đôn đốc các đơn vị triển khai các nhiệm vụ chưa hoàn thành")
    text["next_steps"] = ", ".join(steps) + "."
    return text


def effective_narrative(overrides: dict, figures: dict) -> dict[str, str]:
    automatic = auto_narrative(figures)
    return {key: (overrides.get(key) or automatic.get(key, "")) for key in automatic}


# The administrative document ----------------------------------------------------------------------------------------


def official_document(payload: dict) -> OfficialDocument:
    header = payload["header"]
    date = header["report_date"]
    return OfficialDocument(
        superior_body=header["superior_body"],
        issuing_body=header["issuing_body"],
        number=header["number"],
        symbol=header["symbol"],
        place=header["place"],
        date=datetime.date.fromisoformat(date) if date else None,
        year=int(payload["figures"]["generated_at"][:4]) if not date else None,
        doc_type="Báo cáo",
        subject=header["subject"],
        recipients=[line for line in (header["recipients"] or "").splitlines() if line.strip()],
        signature=Signature(header["signer_authority"], header["signer_title"], header["signer_name"]),
        draft=payload["status"] != "issued",
    )


def _paragraphs(text: str) -> list[Paragraph]:
    return [Paragraph(line) for line in (text or "").splitlines() if line.strip()]


def _target_table(figures: dict) -> Table:
    rows = [
        (
            str(index),
            row["text"] + ("" if row["source"] == "computed" else " (*)"),
            row["unit"],
            row["target_text"],
            _actual_text(row),
            _percent_text(row["percent"]),
            row["progress_label"] + (" – điều chỉnh muộn" if row["reported"] and row["reported"]["late"] else ""),
        )
        for index, row in enumerate(figures["targets"], start=1)
    ]
    return Table(
        columns=[
            Column("STT", 13, "center"),
            Column("Chỉ tiêu", 56),
            Column("Đơn vị tính", 16, "center"),
            Column("Kế hoạch", 16, "center"),
            Column("Thực hiện", 22, "center"),
            Column("Tỷ lệ đạt (%)", 16, "center"),
            Column("Đánh giá", 22, "center"),
        ],
        rows=rows,
    )


def _quota_table(figures: dict) -> Table | None:
    quotas = figures["quotas"]
    if not quotas["rows"]:
        return None
    stars = quotas["stars"]
    columns = [Column("STT", 13, "center"), Column("Huyện, thành phố", 44)]
    columns += [Column(f"KH {level} sao", 14, "center") for level in stars] + [Column("KH tổng", 14, "center")]
    columns += [Column(f"TH {level} sao", 14, "center") for level in stars] + [Column("TH tổng", 14, "center")]
    columns.append(Column("Tỷ lệ (%)", 15, "center"))

    def cells(row: dict) -> list[str]:
        return (
            [str(row["expected"][str(level)]) for level in stars]
            + [str(row["expected"]["total"])]
            + [str(row["actual"][str(level)]) for level in stars]
            + [str(row["actual"]["total"]), _percent_text(row["percent"])]
        )

    rows = [[str(index), row["agency"] or row["unit"], *cells(row)] for index, row in enumerate(quotas["rows"], 1)]
    rows.append(["", "Tổng cộng", *cells(quotas["total"])])
    for row in quotas["outside"]:
        rows.append(["", f"Ngoài phân bổ: {row['unit']}", *cells(row)])
    return Table(columns=columns, rows=rows, bold_row=len(quotas["rows"]))


def quota_svg(figures: dict, *, font: str = charts.SANS, labels: dict | None = None) -> str:
    quotas = figures["quotas"]
    bars = [
        charts.QuotaBar(
            row["agency"] or row["unit"],
            row["expected"]["total"],
            {level: row["actual"][str(level)] for level in quotas["stars"]},
        )
        for row in quotas["rows"] + quotas["outside"]
    ]
    return charts.quota_chart(
        bars,
        quotas["stars"],
        title="Sản phẩm được công nhận so với phân bổ theo địa bàn",
        labels=labels or {"expected": "Kế hoạch", "actual": "Thực hiện"},
        font=font,
    )


def _task_sections(figures: dict) -> "OrderedDict[str, list[dict]]":
    sections: OrderedDict[str, list[dict]] = OrderedDict()
    for row in figures["tasks"]["rows"]:
        sections.setdefault(row["section"] or "Nhiệm vụ", []).append(row)
    return sections


def _volume(row: dict) -> str:
    lines = []
    for output in row["outputs"]:
        achieved = "–" if output["achieved"] is None else vi_number(output["achieved"])
        lines.append(f"{achieved}/{vi_number(output['planned'])} {output['unit']}")
    return "\n".join(lines)


def _task_detail_table(rows: list[dict]) -> Table:
    return Table(
        columns=[
            Column("STT", 13, "center"),
            Column("Nội dung", 53),
            Column("Đơn vị chủ trì", 28),
            Column("Khối lượng (thực hiện/kế hoạch)", 26, "center"),
            Column("Tình hình thực hiện", 50),
        ],
        rows=[
            (
                row["code"].split(".")[-1],
                row["content"],
                row["lead"],
                _volume(row),
                row["status_label"]
                + (" (quá hạn)" if row["overdue"] else "")
                + (f"\n{row['progress_note']}" if row["progress_note"] else ""),
            )
            for row in rows
        ],
    )


def _task_summary_table(rows: list[dict]) -> Table:
    by_lead: OrderedDict[str, list[dict]] = OrderedDict()
    for row in rows:
        by_lead.setdefault(row["lead"] or "—", []).append(row)
    table_rows = []
    for index, (lead, items) in enumerate(by_lead.items(), start=1):
        done = sum(1 for item in items if item["status"] == TaskStatus.DONE)
        running = sum(1 for item in items if item["status"] == TaskStatus.IN_PROGRESS)
        waiting = sum(1 for item in items if item["status"] == TaskStatus.NOT_STARTED)
        overdue = sum(1 for item in items if item["overdue"])
        table_rows.append((str(index), lead, str(len(items)), str(done), str(running), str(waiting), str(overdue)))
    return Table(
        columns=[
            Column("STT", 13, "center"),
            Column("Đơn vị", 66),
            Column("Số nhiệm vụ", 17, "center"),
            Column("Hoàn thành", 17, "center"),
            Column("Đang thực hiện", 17, "center"),
            Column("Chưa triển khai", 17, "center"),
            Column("Quá hạn", 15, "center"),
        ],
        rows=table_rows,
    )


def document_body(payload: dict) -> list:
    figures = payload["figures"]
    narrative = payload["narrative"]
    body: list = [*_paragraphs(narrative["intro"])]
    numbering = iter(ROMAN)
    body.append(Heading(f"{next(numbering)}. Kết quả thực hiện các chỉ tiêu"))
    body.append(_target_table(figures))
    if any(row["source"] != "computed" for row in figures["targets"]):
        body.append(Paragraph("(*) Số liệu do đơn vị phụ trách báo cáo, có minh chứng kèm theo.", italic=True))
    body += _paragraphs(narrative["targets"])
    quota_table = _quota_table(figures)
    if quota_table is not None:
        body.append(Heading(f"{next(numbering)}. Sản phẩm được công nhận theo địa bàn"))
        body += _paragraphs(narrative["quotas"])
        body.append(quota_table)
        chart = quota_svg(
            figures, font=charts.SERIF, labels={"expected": "Kế hoạch", "actual": "Thực hiện", "star_suffix": " sao"}
        )
        body.append(Figure(chart, "Biểu đồ: sản phẩm được công nhận so với kế hoạch"))
    body.append(Heading(f"{next(numbering)}. Kết quả thực hiện các nhiệm vụ"))
    body += _paragraphs(narrative["tasks"])
    for number, (section, rows) in enumerate(_task_sections(figures).items(), start=1):
        body.append(Heading(f"{number}. {section}", level=2))
        if len(rows) <= DETAIL_LIMIT:
            body.append(_task_detail_table(rows))
        else:
            body.append(_task_summary_table(rows))  # the overdue column says which agencies are behind
    body.append(Heading(f"{next(numbering)}. Đánh giá chung"))
    body += _paragraphs(narrative["assessment"]) or [Paragraph("…")]
    body.append(Heading(f"{next(numbering)}. Phương hướng, nhiệm vụ {_next_period_label(figures)}"))
    body += _paragraphs(narrative["next_steps"]) or [Paragraph("…")]
    if narrative.get("recommendations"):
        body.append(Heading(f"{next(numbering)}. Kiến nghị, đề xuất"))
        body += _paragraphs(narrative["recommendations"])
    return body


def render_pdf(payload: dict) -> bytes:
    from ocop.common.papers.official import render_pdf as render

    return render(official_document(payload), document_body(payload))


def render_docx(payload: dict) -> bytes:
    from ocop.common.papers.official import render_docx as render

    return render(official_document(payload), document_body(payload))


def render_json(payload: dict) -> bytes:
    return (json.dumps(payload, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


# Excel --------------------------------------------------------------------------------------------------------------


def render_xlsx(payload: dict) -> bytes:
    import xlsxwriter

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


def render(payload: dict, fmt: str) -> bytes:
    return {"pdf": render_pdf, "docx": render_docx, "xlsx": render_xlsx, "json": render_json}[fmt](payload)


def filename(payload: dict, fmt: str) -> str:
    reference = payload["figures"]["plan"]["reference"].replace("/", "-")
    state = "" if payload["status"] == "issued" else "-du-thao"
    return f"bao-cao-{reference}-{payload['figures']['period']['key']}{state}.{fmt}"


def task_status_label(status: str) -> str:
    return TASK_STATUS_VI[TaskStatus(status)]
