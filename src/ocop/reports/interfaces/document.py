"""A plan's implementation report as the administrative document (Word and PDF): the header, then sections
following the plan — targets, quotas by unit with their chart, tasks by section, assessment and next steps."""

import datetime
from collections import OrderedDict

from ocop.common.papers import official
from ocop.common.papers.numbers import vi_day, vi_number
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


def _paragraphs(text: str | None) -> list[Paragraph]:
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


def _evaluation_table(review: dict) -> Table:
    evaluation = review["evaluation"]
    levels = sorted({*evaluation["recognised"], *evaluation["holding"]}, key=int)
    columns = [Column("Nội dung", 70)] + [Column(f"{level} sao", 18, "center") for level in levels]
    columns.append(Column("Tổng", 18, "center"))

    def row(label: str, counts: dict) -> list[str]:
        return [label, *(str(counts.get(level, 0)) for level in levels), str(sum(counts.values()))]

    return Table(
        columns=columns,
        rows=[
            row("Sản phẩm được công nhận trong kỳ", evaluation["recognised"]),
            row("Trong đó: sản phẩm mới", evaluation["new"]),
            row("Sản phẩm OCOP còn hiệu lực (lũy kế)", evaluation["holding"]),
        ],
    )


def _funding_table(review: dict) -> Table | None:
    rows = review["funding"]
    if not rows:
        return None

    def money(value) -> str:
        return "–" if value is None else vi_number(value)

    return Table(
        columns=[
            Column("STT", 13, "center"),
            Column("Nguồn kinh phí", 82),
            Column("Kế hoạch (đồng)", 35, "right"),
            Column("Đã sử dụng (đồng)", 35, "right"),
        ],
        rows=[
            (str(index), row["source"], money(row["planned"]), money(row["spent"]))
            for index, row in enumerate(rows, start=1)
        ],
    )


def _annex_table(review: dict) -> Table:
    return Table(
        columns=[
            Column("STT", 12, "center"),
            Column("Tên sản phẩm", 34),
            Column("Chủ thể", 36),
            Column("Xã, phường", 24),
            Column("Số sao", 12, "center"),
            Column("Điểm", 16, "center"),
            Column("Hình thức", 20, "center"),
            Column("Quyết định công nhận", 30, "center"),
        ],
        rows=[
            (
                str(index),
                row["product"],
                row["producer"],
                row["commune"],
                str(row["stars"]),
                "" if row["score"] is None else vi_number(row["score"], 2),
                row["kind"],
                row["decision"].replace(" ngày ", "\n"),
            )
            for index, row in enumerate(review["annex"], start=1)
        ],
    )


class _Sections:
    """Numbered headings: roman numerals for the parts, arabic numbers within a part."""

    def __init__(self, body: list):
        self.body = body
        self.parts = iter(ROMAN)
        self.number = 0

    def part(self, title: str) -> None:
        self.body.append(Heading(f"{next(self.parts)}. {title}"))
        self.number = 0

    def section(self, title: str) -> None:
        self.number += 1
        self.body.append(Heading(f"{self.number}. {title}", level=2))


def _results(body: list, sections: _Sections, figures: dict, narrative: dict) -> None:
    review = figures.get("review")
    sections.section("Kết quả thực hiện các chỉ tiêu")
    body.append(_target_table(figures))
    if any(row["source"] != "computed" for row in figures["targets"]):
        body.append(Paragraph("(*) Số liệu do đơn vị phụ trách báo cáo, có minh chứng kèm theo.", italic=True))
    body.extend(_paragraphs(narrative["targets"]))
    if review:
        sections.section("Kết quả đánh giá, phân hạng sản phẩm OCOP")
        body.extend(_paragraphs(narrative.get("evaluation")))
        body.append(_evaluation_table(review))
    quota_table = _quota_table(figures)
    if quota_table is not None:
        sections.section("Sản phẩm được công nhận theo địa bàn")
        body.extend(_paragraphs(narrative["quotas"]))
        body.append(quota_table)
        chart = quota_svg(
            figures, font=charts.SERIF, labels={"expected": "Kế hoạch", "actual": "Thực hiện", "star_suffix": " sao"}
        )
        body.append(Figure(chart, "Biểu đồ: sản phẩm được công nhận so với kế hoạch"))
    for key, title in (
        ("communication", "Công tác tuyên truyền, đào tạo, tập huấn"),
        ("promotion", "Xúc tiến thương mại, quảng bá sản phẩm OCOP"),
        ("supervision", "Kiểm tra, giám sát sản phẩm sau chứng nhận"),
    ):
        if narrative.get(key):
            sections.section(title)
            body.extend(_paragraphs(narrative[key]))
    if review:
        sections.section("Kinh phí thực hiện")
        body.extend(_paragraphs(narrative.get("funding")))
        funding_table = _funding_table(review)
        if funding_table is not None:
            body.append(funding_table)
    sections.section("Kết quả thực hiện các nhiệm vụ")
    body.extend(_paragraphs(narrative["tasks"]))
    for number, (section, rows) in enumerate(_task_sections(figures).items(), start=1):
        body.append(Heading(f"{sections.number}.{number}. {section}", level=3))
        if len(rows) <= DETAIL_LIMIT:
            body.append(_task_detail_table(rows))
        else:
            body.append(_task_summary_table(rows))  # the overdue column says which agencies are behind


def document_body(payload: dict) -> list:
    """Parts as a provincial office writes them: direction, results (targets, evaluation, quotas, communication,
    promotion, supervision, funding, tasks), assessment with shortcomings and causes, directions, recommendations,
    and the annex of the products recognised. Reports issued before a part existed print without it."""
    figures = payload["figures"]
    narrative = payload["narrative"]
    body: list = [*_paragraphs(narrative["intro"])]
    sections = _Sections(body)
    if narrative.get("direction"):
        sections.part("Công tác chỉ đạo, điều hành")
        body.extend(_paragraphs(narrative["direction"]))
    sections.part("Kết quả thực hiện")
    _results(body, sections, figures, narrative)
    sections.part("Đánh giá chung")
    if narrative.get("shortcomings") or narrative.get("causes"):
        sections.section("Kết quả đạt được")
        body.extend(_paragraphs(narrative["assessment"]) or [Paragraph("…")])
        sections.section("Tồn tại, hạn chế và nguyên nhân")
        body.extend(_paragraphs(narrative.get("shortcomings")))
        if narrative.get("causes"):
            body.append(Paragraph("Nguyên nhân:", italic=True))
            body.extend(_paragraphs(narrative["causes"]))
    else:
        body.extend(_paragraphs(narrative["assessment"]) or [Paragraph("…")])
    sections.part(f"Phương hướng, nhiệm vụ {next_period_label(figures)}")
    body.extend(_paragraphs(narrative["next_steps"]) or [Paragraph("…")])
    if narrative.get("recommendations"):
        sections.part("Kiến nghị, đề xuất")
        body.extend(_paragraphs(narrative["recommendations"]))
    return body


def document_annex(payload: dict) -> list:
    """Phụ lục: the products recognised in the period, after the signature, referring to the report it goes with."""
    figures = payload["figures"]
    review = figures.get("review")
    if not review or not review["annex"]:
        return []
    header = payload["header"]
    number = f"{header['number'] or '…'}/{header['symbol']}" if header["symbol"] else header["number"] or "…"
    day = f" ngày {vi_day(header['report_date'])}" if header["report_date"] else ""
    return [
        Paragraph("PHỤ LỤC", bold=True, indent=False, align="center"),
        Paragraph(
            f"DANH SÁCH SẢN PHẨM ĐƯỢC CÔNG NHẬN ĐẠT CHUẨN OCOP {figures['period']['label'].upper()}",
            bold=True,
            indent=False,
            align="center",
        ),
        Paragraph(
            f"(Kèm theo Báo cáo số {number}{day} của {header['issuing_body']})",
            italic=True,
            indent=False,
            align="center",
        ),
        _annex_table(review),
    ]


def render_pdf(payload: dict) -> bytes:
    return official.render_pdf(official_document(payload), document_body(payload), annex=document_annex(payload))


def render_docx(payload: dict) -> bytes:
    return official.render_docx(official_document(payload), document_body(payload), annex=document_annex(payload))
