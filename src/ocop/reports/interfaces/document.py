"""A plan's implementation report as the administrative document (Word and PDF): the header, then sections
following the plan — targets, quotas by unit with their chart, tasks by section, assessment and next steps."""

import datetime
from collections import OrderedDict

from ocop.common.papers import official
from ocop.common.papers.numbers import vi_number
from ocop.common.papers.official import Column, Figure, Heading, OfficialDocument, Paragraph, Signature, Table
from ocop.planning.enums import TaskStatus
from ocop.reports.domain.wording import actual_text, next_period_label, percent_text
from ocop.reports.interfaces import charts

DETAIL_LIMIT = 15  # a section of the plan with more tasks is summarised by lead agency
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]


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
            actual_text(row),
            percent_text(row["percent"]),
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
            + [str(row["actual"]["total"]), percent_text(row["percent"])]
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
    body.append(Heading(f"{next(numbering)}. Phương hướng, nhiệm vụ {next_period_label(figures)}"))
    body += _paragraphs(narrative["next_steps"]) or [Paragraph("…")]
    if narrative.get("recommendations"):
        body.append(Heading(f"{next(numbering)}. Kiến nghị, đề xuất"))
        body += _paragraphs(narrative["recommendations"])
    return body


def render_pdf(payload: dict) -> bytes:
    return official.render_pdf(official_document(payload), document_body(payload))


def render_docx(payload: dict) -> bytes:
    return official.render_docx(official_document(payload), document_body(payload))
