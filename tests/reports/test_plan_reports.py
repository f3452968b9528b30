"""Implementation reports of a plan: drafted, edited, issued and frozen; written as Word, PDF, Excel and JSON."""

import datetime
import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from ocop.accounts.enums import Role
from ocop.planning.models import PeriodLock
from ocop.reports.domain.plan_reports import create_report, issue_report, report_payload, update_report
from ocop.reports.interfaces import files
from ocop.reports.models import ReportStatus
from tests.factories import NHON_HAI, make_producer, make_product, make_user
from tests.planning.helpers import certify, make_plan

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = D(2026, 11, 28)


def _target(payload, code):
    return next(row for row in payload["figures"]["targets"] if row["code"] == code)


def test_a_draft_takes_its_header_from_the_reporting_obligation(plan706):
    obligation = plan706.obligations.get(recipient_text="Ủy ban nhân dân tỉnh", frequency="six_monthly")
    report = create_report(actor=None, plan=plan706, period_key="2024-H1", obligation=obligation)
    # The reporting agency and its superior, as the registry knows them (no history of theirs loaded yet).
    assert (report.superior_body, report.issuing_body, report.symbol, report.place) == (
        "UBND tỉnh Ninh Thuận",
        "Sở Nông nghiệp và Phát triển nông thôn",
        "BC-SNNPTNT",
        "Ninh Thuận",
    )
    assert report.subject.startswith("Kết quả thực hiện Kế hoạch số 706/KH-UBND ngày 21/02/2024")
    assert report.subject.endswith("(6 tháng đầu năm 2024)")
    payload = report_payload(report, today=TODAY)
    assert payload["status"] == "draft" and payload["figures"]["as_of"] == "2024-06-30"


def test_a_2024_report_drafted_today_is_headed_by_the_bodies_in_office_today(plan706):
    from ocop.accounts.domain.bodies import load_bodies

    load_bodies()
    obligation = plan706.obligations.get(recipient_text="Bộ Nông nghiệp và Phát triển nông thôn", frequency="annual")
    report = create_report(actor=None, plan=plan706, period_key="2024", obligation=obligation)
    assert (report.superior_body, report.issuing_body, report.symbol, report.place) == (
        "UBND tỉnh Khánh Hòa",
        "Sở Nông nghiệp và Môi trường",
        "BC-SNNMT",
        "Khánh Hòa",
    )
    assert report.recipients.splitlines()[0] == "Bộ Nông nghiệp và Môi trường"


def test_the_office_rewrites_the_narrative_and_an_empty_section_is_written_from_the_figures_again(plan706):
    report = create_report(actor=None, plan=plan706, period_key="2024")
    update_report(actor=None, report=report, narrative={"assessment": "Năm 2024 hoàn thành vượt chỉ tiêu."})
    payload = report_payload(report, today=TODAY)
    assert payload["narrative"]["assessment"] == "Năm 2024 hoàn thành vượt chỉ tiêu."
    assert payload["narrative"]["intro"].startswith("Thực hiện Kế hoạch số 706/KH-UBND ngày 21/02/2024")
    update_report(actor=None, report=report, narrative={"assessment": ""})
    assert report_payload(report, today=TODAY)["narrative"]["assessment"].startswith("Các chỉ tiêu")


def test_an_issued_report_keeps_its_figures_and_a_new_report_shows_the_new_ones(plan706):
    producer = make_producer(NHON_HAI)
    certify(make_product(producer), D(2024, 11, 15), stars=4)
    report = create_report(actor=None, plan=plan706, period_key="2024")
    update_report(actor=None, report=report, signer_title="Giám đốc", signer_name="Nguyễn Văn Hùng")
    issue_report(actor=None, report=report, number="15", report_date=D(2025, 1, 10), today=TODAY)
    report.refresh_from_db()
    frozen = report_payload(report)
    assert report.status == ReportStatus.ISSUED and len(report.snapshot_sha256) == 64
    assert _target(frozen, "I.2.2")["actual"] == 1
    assert PeriodLock.objects.filter(plan=plan706, period_key="2024").exists()  # issuing closed the year

    certify(make_product(producer), D(2024, 12, 27), stars=4)  # recorded late
    assert report_payload(report) == frozen
    assert files.render(report_payload(report), "json") == files.render(frozen, "json")
    newer = create_report(actor=None, plan=plan706, period_key="2024")
    assert _target(report_payload(newer, today=TODAY), "I.2.2")["actual"] == 2
    assert _target(report_payload(newer, today=TODAY), "I.2.2")["changed_since_closing"] is True

    with pytest.raises(ValidationError):
        update_report(actor=None, report=report, subject="Khác")
    with pytest.raises(ValidationError):
        issue_report(actor=None, report=report, number="16", report_date=D(2025, 1, 11), today=TODAY)
    report.snapshot = {"targets": []}  # not even through the ORM
    with pytest.raises(ValidationError):
        report.save()
    with pytest.raises(ValidationError):
        report.delete()
    report.refresh_from_db()
    assert report_payload(report) == frozen


def test_issuing_needs_a_number_a_date_not_in_the_future_and_the_signer(plan706):
    report = create_report(actor=None, plan=plan706, period_key="2024")
    with pytest.raises(ValidationError) as raised:
        issue_report(actor=None, report=report, number="", report_date=D(2030, 1, 1), today=TODAY)
    assert set(raised.value.message_dict) == {"number", "report_date", "signer_name", "signer_title"}
    assert raised.value.message_dict["signer_name"] == ["Báo cáo ban hành phải có họ tên người ký."]
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT


def test_the_json_lists_every_target_with_its_indicator_target_actual_and_percent(plan706):
    certify(make_product(make_producer(NHON_HAI)), D(2024, 11, 15), stars=4)
    payload = report_payload(create_report(actor=None, plan=plan706, period_key="2024"), today=TODAY)
    data = json.loads(files.render(payload, "json"))
    targets = data["figures"]["targets"]
    assert [row["code"] for row in targets] == [f"I.2.{n}" for n in range(1, 10)]
    first = targets[0]
    assert (first["indicator"], first["target"], first["actual"], first["percent"], first["met"]) == (
        "new_products",
        {"low": 20, "high": 30},
        1,
        5.0,
        False,
    )
    # I.2.9 (new sales points) is computed from the promotion module's records: none in this test.
    assert (targets[8]["source"], targets[8]["actual"]) == ("computed", 0)
    assert {"quotas", "tasks", "new_products", "obligations"} <= set(data["figures"])


def test_the_four_formats_of_the_2024_report_of_plan_706(plan706):
    from docx import Document
    from openpyxl import load_workbook

    certify(make_product(make_producer(NHON_HAI)), D(2024, 11, 15), stars=4)
    payload = report_payload(create_report(actor=None, plan=plan706, period_key="2024"), today=TODAY)
    pdf = files.render(payload, "pdf")
    assert pdf.startswith(b"%PDF")
    document = Document(io.BytesIO(files.render(payload, "docx")))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "BÁO CÁO" in text and "1. Kết quả thực hiện các chỉ tiêu" in text
    assert "Thực hiện Kế hoạch số 706/KH-UBND ngày 21/02/2024" in text
    targets_table = document.tables[1]
    assert targets_table.rows[0].cells[1].text == "Chỉ tiêu" and len(targets_table.rows) == 10
    book = load_workbook(io.BytesIO(files.render(payload, "xlsx")))
    assert book.sheetnames == [
        "Thông tin",
        "Chỉ tiêu",
        "Phân bổ theo địa bàn",
        "Nhiệm vụ",
        "SP mới theo đơn vị",
        "Kinh phí",
        "Phụ lục SP công nhận",
    ]
    assert book["Phụ lục SP công nhận"]["F2"].value == 4
    sheet = book["Chỉ tiêu"]
    assert sheet["A2"].value == "I.2.1" and sheet["J2"].value.startswith("=IF(")
    quotas = book["Phân bổ theo địa bàn"]
    assert quotas["B2"].value == "UBND huyện Bác Ái" and quotas["E2"].value == "=SUM(C2:D2)"
    assert quotas._charts  # the chart officials expect beside the table


def test_the_report_command_writes_each_format(plan706, tmp_path, capsys):
    for fmt in ("json", "xlsx", "docx", "pdf"):
        output = tmp_path / f"bao-cao.{fmt}"
        call_command("report", "--plan", "706/KH-UBND", "--period", "2024-H1", "--format", fmt, "--output", str(output))
        assert output.stat().st_size > 1000
    data = json.loads((tmp_path / "bao-cao.json").read_text(encoding="utf-8"))
    assert data["figures"]["period"]["key"] == "2024-H1" and len(data["figures"]["targets"]) == 9
    capsys.readouterr()
    call_command("report", "--plan", "706/KH-UBND", "--period", "2024", "--format", "json")
    assert json.loads(capsys.readouterr().out)["figures"]["period"]["label"] == "năm 2024"


def test_the_report_command_exports_an_issued_report_with_its_frozen_figures(plan706, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("report", "--plan", "706/KH-UBND", "--period", "2024", "--issued")
    report = create_report(actor=None, plan=plan706, period_key="2024")
    update_report(actor=None, report=report, signer_title="Giám đốc", signer_name="Nguyễn Văn Hùng")
    issue_report(actor=None, report=report, number="15", report_date=D(2025, 1, 10), today=TODAY)
    certify(make_product(make_producer(NHON_HAI)), D(2024, 11, 15), stars=4)
    output = tmp_path / "issued.json"
    call_command("report", "--plan", "706/KH-UBND", "--period", "2024", "--issued", "--output", str(output))
    issued = json.loads(output.read_text(encoding="utf-8"))
    assert issued["header"]["number"] == "15" and _target(issued, "I.2.1")["actual"] == 0
    with pytest.raises(CommandError):
        call_command("report", "--plan", "706/KH-UBND", "--period", "2023")


def test_the_office_drafts_edits_issues_and_downloads_a_report_on_the_screens(client):
    made = make_plan()
    client.force_login(make_user(Role.PROVINCE_OFFICE))
    response = client.post(
        reverse("backoffice:report_create", args=[made["plan"].pk]),
        {"period_key": "2024", "obligation": made["obligation"].pk},
    )
    report = made["plan"].reports.get()
    assert response["Location"] == reverse("backoffice:report_detail", args=[report.pk])
    edit = client.get(reverse("backoffice:report_edit", args=[report.pk]))
    form = edit.context["form"]
    data = {name: (form[name].value() or "") for name in form.fields}
    data["narrative_recommendations"] = "Đề nghị bổ sung kinh phí in tem."
    data["signer_name"] = "Nguyễn Văn Hùng"
    assert client.post(reverse("backoffice:report_edit", args=[report.pk]), data).status_code == 302
    report.refresh_from_db()
    assert report.narrative == {"recommendations": "Đề nghị bổ sung kinh phí in tem."}  # the rest stays automatic
    for fmt, kind in (("docx", "wordprocessingml"), ("pdf", "pdf"), ("xlsx", "spreadsheetml"), ("json", "json")):
        download = client.get(reverse("backoffice:report_download", args=[report.pk, fmt]))
        assert download.status_code == 200 and kind in download["Content-Type"]
        assert "du-thao" in download["Content-Disposition"]
    client.post(reverse("backoffice:report_issue", args=[report.pk]), {"number": "15", "report_date": "10/01/2025"})
    report.refresh_from_db()
    assert report.status == ReportStatus.ISSUED and report.report_date == D(2025, 1, 10)
    page = client.get(reverse("backoffice:report_detail", args=[report.pk])).content.decode()
    assert "15/BC-SNNPTNT" in page
    assert client.get(reverse("backoffice:report_edit", args=[report.pk])).status_code == 302
    assert client.get(reverse("backoffice:report_download", args=[report.pk, "exe"])).status_code == 404


def test_text_that_looks_like_a_formula_is_written_as_text_in_the_excel_report():
    from openpyxl import load_workbook

    from ocop.planning.domain import plans

    made = make_plan()
    plans.create_target(
        actor=None,
        plan=made["plan"],
        code="-3",
        text='=HYPERLINK("http://x.example","Bấm")',
        unit_label="@SUM(1)",
        low=1,
    )
    payload = report_payload(create_report(actor=None, plan=made["plan"], period_key="2024"), today=TODAY)
    sheet = load_workbook(io.BytesIO(files.render(payload, "xlsx")))["Chỉ tiêu"]
    row = next(row for row in sheet.iter_rows(min_row=2) if row[0].value == "-3")
    assert [(cell.value, cell.data_type) for cell in (row[0], row[1], row[7])] == [
        ("-3", "s"),
        ('=HYPERLINK("http://x.example","Bấm")', "s"),
        ("@SUM(1)", "s"),
    ]
    assert sheet["J2"].data_type == "f"  # the report's own formulas stay formulas


@pytest.mark.parametrize(
    ("reference", "header"),
    [
        # Quotes in a typed reference are escaped, so no second file name can be smuggled into the header.
        ('12/KH"; filename="x.exe', 'attachment; filename="bao-cao-12-KH\\"; filename=\\"x.exe-2024-du-thao.json"'),
        # Vietnamese letters travel percent-encoded in filename*, as RFC 6266 asks.
        ("12/KH-Sở", "attachment; filename*=utf-8''bao-cao-12-KH-S%E1%BB%9F-2024-du-thao.json"),
    ],
)
def test_the_download_name_made_from_the_plans_reference_is_quoted_safely(client, reference, header):
    made = make_plan(with_records=True, reference=reference)
    report = made["plan"].reports.get()
    client.force_login(make_user(Role.PROVINCE_OFFICE))
    response = client.get(reverse("backoffice:report_download", args=[report.pk, "json"]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == header
