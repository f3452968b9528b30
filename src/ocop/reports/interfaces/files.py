"""A plan's implementation report in the four formats officials use: Word and PDF (the administrative document,
sections following the plan), Excel (one sheet per part, with formulas and a chart) and JSON (every target with its
indicator, target value or range, actual and percent).

Every format reads one payload (reports.domain.plan_reports.report_payload): the live figures of a draft or the
frozen figures of an issued report, so the four files always agree with each other and with what was issued.
"""

import json

from ocop.common.xlsx import XLSX_MIME
from ocop.reports.interfaces.document import render_docx, render_pdf
from ocop.reports.interfaces.workbook import render_xlsx

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FORMATS = {
    "docx": DOCX_MIME,
    "pdf": "application/pdf",
    "xlsx": XLSX_MIME,
    "json": "application/json",
}


def render_json(payload: dict) -> bytes:
    return (json.dumps(payload, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def render(payload: dict, fmt: str) -> bytes:
    return {"pdf": render_pdf, "docx": render_docx, "xlsx": render_xlsx, "json": render_json}[fmt](payload)


def filename(payload: dict, fmt: str) -> str:
    reference = payload["figures"]["plan"]["reference"].replace("/", "-")
    state = "" if payload["status"] == "issued" else "-du-thao"
    return f"bao-cao-{reference}-{payload['figures']['period']['key']}{state}.{fmt}"
