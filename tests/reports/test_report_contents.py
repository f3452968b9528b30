"""What the implementation report says beyond the targets, on worked examples: evaluation results (new, upgraded,
consolidated, running total), supervision, funding by source, the annex, quota shortfalls per star, the wording of
shares, of the subject and of the directions, and the parts of the document in order."""

import datetime
import io
from decimal import Decimal

import pytest
from docx import Document

from ocop.planning.domain import plans, progress, review
from ocop.planning.domain.figures import plan_figures
from ocop.planning.domain.progress import plan_period
from ocop.planning.domain.snapshot import snapshot
from ocop.reports.domain.plan_reports import create_report, default_subject, report_payload, update_report
from ocop.reports.domain.wording import actual_text, auto_narrative, quota_shortfalls
from ocop.reports.interfaces import files
from tests.factories import NHON_HAI, make_producer, make_product
from tests.planning.helpers import certify, make_plan

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = D(2026, 11, 28)


@pytest.fixture
def year_2024():
    """Four products of xã Nhơn Hải: A kept its 3★ on re-evaluation in 2024 (consolidated), B went from 3★ to 4★
    (upgraded), C was recognised for the first time (new, 4★), D's 2021 certificate ran out in 2024 unrenewed."""
    producer = make_producer(NHON_HAI)
    a, b, c, d = (
        make_product(producer, name=name) for name in ("Sản phẩm A", "Sản phẩm B", "Sản phẩm C", "Sản phẩm D")
    )
    certify(a, D(2021, 3, 1), stars=3)
    certify(a, D(2024, 3, 10), stars=3)
    certify(b, D(2021, 5, 1), stars=3)
    certify(b, D(2024, 6, 1), stars=4)
    certify(c, D(2024, 11, 15), stars=4)
    certify(d, D(2021, 8, 1), stars=3)
    made = make_plan()
    plan = made["plan"]
    return plan, plan_figures(plan, plan_period(plan, "2024"), today=TODAY)


def test_the_evaluation_results_of_the_period_split_new_upgraded_and_consolidated(year_2024):
    _plan, figures = year_2024
    results = review.evaluation(figures)
    assert results["recognised"] == {3: 1, 4: 2}
    assert (results["new"], results["upgraded"], results["consolidated"]) == ({4: 1}, 1, 1)
    # On 31/12/2024, A (3★), B and C (4★) hold a certificate; D's ran out.
    assert (results["holding"], results["holding_total"]) == ({3: 1, 4: 2}, 3)


def test_supervision_counts_the_certificates_that_ran_out_and_those_recognised_again(year_2024):
    _plan, figures = year_2024
    assert review.supervision(figures) == {"expired": 3, "expired_recognised_again": 2, "revoked": 0, "suspended": 0}


def test_the_annex_lists_each_product_recognised_once_with_how(year_2024):
    _plan, figures = year_2024
    rows = {row["product"]: (row["stars"], row["kind"]) for row in review.annex(figures)}
    assert rows == {"Sản phẩm A": (3, "Đánh giá lại"), "Sản phẩm B": (4, "Nâng hạng"), "Sản phẩm C": (4, "Mới")}


def test_the_first_half_counts_only_its_own_days(year_2024):
    plan, _figures = year_2024
    first_half = plan_figures(plan, plan_period(plan, "2024-H1"), today=TODAY)
    results = review.evaluation(first_half)
    assert (results["recognised"], results["new"], results["upgraded"], results["consolidated"]) == (
        {3: 1, 4: 1},
        {},
        1,
        1,
    )
    assert review.supervision(first_half)["expired"] == 2  # A's and B's ran out in the first half, D's in July


def test_funding_is_added_up_by_source_from_the_latest_report_of_each_task():
    made = make_plan()
    plan, task = made["plan"], made["task"]
    plans.update_task(actor=None, task=task, funding_source="Ngân sách tỉnh", budget=Decimal(300_000_000))
    other = plans.create_task(
        actor=None, plan=plan, code="PL2.5", section="Phụ lục II", content="Tập huấn (05 lớp)", budget=Decimal(90_000)
    )
    progress.record_task_update(
        actor=None, task=task, reported_on=D(2024, 6, 30), status="in_progress", spent=Decimal(100_000_000)
    )
    progress.record_task_update(
        actor=None, task=task, reported_on=D(2024, 12, 20), status="done", spent=Decimal(280_000_000)
    )
    progress.record_task_update(actor=None, task=other, reported_on=D(2024, 12, 1), status="done", spent=80_000)
    rows = review.funding(plan_figures(plan, plan_period(plan, "2024"), today=TODAY))
    assert rows == [
        {"source": "Ngân sách tỉnh", "planned": Decimal(300_000_000), "spent": Decimal(280_000_000)},
        {"source": review.NO_SOURCE, "planned": Decimal(90_000), "spent": Decimal(80_000)},
    ]
    half = review.funding(plan_figures(plan, plan_period(plan, "2024-H1"), today=TODAY))
    assert half[0]["spent"] == Decimal(100_000_000) and half[1]["spent"] is None


def test_tasks_are_sorted_into_communication_and_promotion_by_their_words():
    class Task:
        def __init__(self, content):
            self.content = content

    assert review.topic_of(Task("Tập huấn, đào tạo cán bộ thực hiện chương trình OCOP")) == "communication"
    assert review.topic_of(Task("Hỗ trợ tổ chức hoạt động quảng bá, xúc tiến thương mại")) == "promotion"
    # "truyền thống" folds to the same letters as "truyền thông": a craft-village task is neither.
    assert review.topic_of(Task("Bảo tồn và phát huy các làng nghề truyền thống")) == ""


def test_a_share_prints_with_its_percent_sign_and_what_it_counts():
    assert actual_text({"actual": 40.1, "unit": "%", "numerator": 41, "denominator": 102}) == "40,1% (41/102)"
    assert actual_text({"actual": 84, "unit": "sản phẩm", "numerator": None, "denominator": None}) == "84"
    assert actual_text({"actual": None, "unit": "%"}) == "Chưa có số liệu"


def test_the_subject_names_the_period_once(plan706):
    assert default_subject(plan706, "năm 2024").endswith("OCOP tỉnh Ninh Thuận năm 2024")
    assert "(năm 2024)" not in default_subject(plan706, "năm 2024")
    assert default_subject(plan706, "6 tháng đầu năm 2024").endswith("năm 2024 (6 tháng đầu năm 2024)")


def test_quota_shortfalls_are_named_per_star_level_and_not_netted_across_units():
    def row(name, three, four):
        return {
            "agency": name,
            "unit": name,
            "expected": {"3": three[1], "4": four[1]},
            "actual": {"3": three[0], "4": four[0]},
        }

    quotas = {
        "stars": [3, 4],
        "rows": [row("Ninh Hải", (15, 6), (3, 6)), row("Thuận Nam", (7, 10), (0, 2))],
        "total": {"expected": {"3": 16, "4": 8}, "actual": {"3": 22, "4": 3}},
    }
    assert quota_shortfalls(quotas) == [
        "sản phẩm 3 sao: 22/16, chưa đạt phân bổ tại 1 địa bàn (Thuận Nam 7/10)",
        "sản phẩm 4 sao: 3/8, chưa đạt phân bổ tại 2 địa bàn (Ninh Hải 3/6; Thuận Nam 0/2)",
    ]


def test_directions_follow_the_plans_own_period(plan706):
    year = auto_narrative(snapshot(plan_figures(plan706, plan_period(plan706, "2024"), today=TODAY)))
    # Plan 706 covers 2024 only: the directions for 2025 are a new plan, not "continue plan 706 in 2025".
    assert "Tiếp tục triển khai Kế hoạch số 706" not in year["next_steps"]
    assert year["next_steps"].startswith(
        "Xây dựng, ban hành và triển khai kế hoạch thực hiện Chương trình OCOP năm 2025"
    )
    half = auto_narrative(snapshot(plan_figures(plan706, plan_period(plan706, "2024-H1"), today=TODAY)))
    assert half["next_steps"].startswith("Tiếp tục triển khai Kế hoạch số 706/KH-UBND trong 6 tháng cuối năm 2024")


def test_the_report_has_every_part_in_order_and_the_annex_after_the_signature(plan706):
    certify(make_product(make_producer(NHON_HAI), name="Mật ong rừng"), D(2024, 11, 15), stars=4)
    report = create_report(actor=None, plan=plan706, period_key="2024")
    update_report(actor=None, report=report, narrative={"causes": "Nguồn lực hỗ trợ còn hạn chế."})
    payload = report_payload(report, today=TODAY)
    document = Document(io.BytesIO(files.render(payload, "docx")))
    texts = [paragraph.text for paragraph in document.paragraphs]
    parts = [
        "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH",
        "II. KẾT QUẢ THỰC HIỆN",
        "1. Kết quả thực hiện các chỉ tiêu",
        "2. Kết quả đánh giá, phân hạng sản phẩm OCOP",
        "3. Sản phẩm được công nhận theo địa bàn",
        "4. Công tác tuyên truyền, đào tạo, tập huấn",
        "5. Xúc tiến thương mại, quảng bá sản phẩm OCOP",
        "6. Kiểm tra, giám sát sản phẩm sau chứng nhận",
        "7. Kinh phí thực hiện",
        "8. Kết quả thực hiện các nhiệm vụ",
        "III. ĐÁNH GIÁ CHUNG",
        "2. Tồn tại, hạn chế và nguyên nhân",
        "Nguyên nhân:",
        "Nguồn lực hỗ trợ còn hạn chế.",
        "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2025",
        "PHỤ LỤC",
    ]
    positions = [texts.index(part) for part in parts]
    assert positions == sorted(positions)
    # The foot (recipients and signature) is a table between the body and the annex.
    body = document.element.body
    foot = next(table for table in document.tables if "Nơi nhận:" in table.rows[0].cells[0].text)
    annex_title = next(paragraph for paragraph in document.paragraphs if paragraph.text == "PHỤ LỤC")
    assert list(body).index(foot._tbl) < list(body).index(annex_title._p)
    annex = document.tables[-1]
    assert annex.rows[0].cells[1].text == "Tên sản phẩm"
    assert any(row.cells[1].text == "Mật ong rừng" for row in annex.rows)


def test_the_decree_09_cut_off_moves_the_days_of_each_period():
    from ocop.planning.domain.periods import parse_period

    half = parse_period("2024-H1", "december_15")
    year = parse_period("2024", "december_15")
    assert (half.start, half.end, year.start, year.end) == (
        D(2023, 12, 15),
        D(2024, 6, 14),
        D(2023, 12, 15),
        D(2024, 12, 14),
    )
    assert (half.key, half.label_vi, year.label_vi) == ("2024-H1", "6 tháng đầu năm 2024", "năm 2024")
    assert parse_period("2024-H1").end == D(2024, 6, 30)  # the calendar stays the default


def test_a_report_answering_an_obligation_cut_off_on_15_12_counts_those_days():
    made = make_plan()
    plan, obligation = made["plan"], made["obligation"]
    plans.update_obligation(actor=None, obligation=obligation, cutoff="december_15")
    producer = make_producer(NHON_HAI)
    certify(make_product(producer, name="Tháng 12 năm trước"), D(2023, 12, 20), stars=3)
    certify(make_product(producer, name="Cuối tháng 12"), D(2024, 12, 20), stars=3)
    by_obligation = report_payload(
        create_report(actor=None, plan=plan, period_key="2024", obligation=obligation), today=TODAY
    )
    calendar = report_payload(create_report(actor=None, plan=plan, period_key="2024"), today=TODAY)

    def new_products(payload):
        return next(row for row in payload["figures"]["targets"] if row["code"] == "1")["actual"]

    assert (by_obligation["figures"]["period"]["start"], by_obligation["figures"]["as_of"]) == (
        "2023-12-15",
        "2024-12-14",
    )
    assert [row["product"] for row in by_obligation["figures"]["review"]["annex"]] == ["Tháng 12 năm trước"]
    assert new_products(by_obligation) == 1 and new_products(calendar) == 1
    assert [row["product"] for row in calendar["figures"]["review"]["annex"]] == ["Cuối tháng 12"]


def test_an_unknown_cut_off_is_refused():
    from django.core.exceptions import ValidationError

    obligation = make_plan()["obligation"]
    with pytest.raises(ValidationError) as refused:
        plans.update_obligation(actor=None, obligation=obligation, cutoff="lunar")
    assert "cutoff" in refused.value.message_dict


def test_the_report_page_titles_each_part_and_asks_for_the_causes(client, plan706):
    from django.urls import reverse

    from ocop.accounts.enums import Role
    from tests.factories import make_user

    report = create_report(actor=None, plan=plan706, period_key="2024")
    client.force_login(make_user(Role.PROVINCE_OFFICE))
    page = client.get(reverse("backoffice:report_detail", args=[report.pk])).content.decode()
    for title in ("Công tác chỉ đạo, điều hành", "Kết quả đánh giá, phân hạng sản phẩm", "Tồn tại, hạn chế"):
        assert f"<h3>{title}</h3>" in page
    assert "Chưa viết nguyên nhân của các tồn tại, hạn chế" in page
    update_report(actor=None, report=report, narrative={"causes": "Nguồn lực còn hạn chế."})
    page = client.get(reverse("backoffice:report_detail", args=[report.pk])).content.decode()
    assert "Chưa viết nguyên nhân" not in page and "<h3>Nguyên nhân (cơ quan báo cáo viết)</h3>" in page
