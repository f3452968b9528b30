"""Plan 706/KH-UBND for the demo: the plan as published, plus progress the agencies might have reported in 2024.

The progress is made up (marked "dữ liệu demo" in every note) so that the plan page and its six-monthly and annual
reports have something to show; the plan itself is the published one. Call ``load_demo_plan()`` from the demo loader
after the demo's organisations exist, so that they are reused. Running it again adds nothing.
"""

import datetime
from decimal import Decimal

from django.db import transaction

from ocop.planning.domain.loader import PLAN_706_FILE, load_plan_file
from ocop.planning.domain.progress import record_task_update
from ocop.planning.models import Plan, TaskUpdate

DEMO_NOTE = "dữ liệu demo"
MID_YEAR, YEAR_END = datetime.date(2024, 6, 30), datetime.date(2024, 12, 31)

# task code → [(situation on, status, what was done, quantities done so far by output name)]
PROGRESS = {
    "PL2.1": [
        (MID_YEAR, "in_progress", "Tham gia hội chợ OCOP tại Hà Nội và Cần Thơ", {"Đợt": 2}),
        (YEAR_END, "done", "Tham gia đủ 04 đợt: Hà Nội, Cần Thơ, Đà Nẵng, TP. Hồ Chí Minh", {"Đợt": 4}),
    ],
    "PL2.2": [
        (YEAR_END, "done", "Hỗ trợ 01 điểm giới thiệu và bán sản phẩm OCOP tại Phan Rang - Tháp Chàm", {"Điểm": 1}),
    ],
    "PL2.3": [
        (MID_YEAR, "in_progress", "Đã được cấp văn bằng 02 nhãn hiệu", {"Nhãn hiệu": 2}),
        (
            YEAR_END,
            "done",
            "Đã được cấp văn bằng đủ 04 nhãn hiệu; 01 đơn nộp thêm chuyển sang năm 2025",
            {"Nhãn hiệu": 4},
        ),
    ],
    "PL2.4": [
        (MID_YEAR, "in_progress", "In và cấp tem đợt 1", {"Bao bì": 800, "Tem": 12000}),
        (YEAR_END, "done", "Hoàn thành hỗ trợ bao bì và tem", {"Bao bì": 2000, "Tem": 30000}),
    ],
    "PL2.5": [
        (MID_YEAR, "in_progress", "Tổ chức 02 lớp tại Ninh Phước và Ninh Hải", {"Lớp": 2}),
        (YEAR_END, "done", "Tổ chức đủ 05 lớp tập huấn", {"Lớp": 5}),
    ],
    "PL2.6": [(YEAR_END, "done", "Hội đồng cấp tỉnh đánh giá, phân hạng sản phẩm năm 2024", {})],
    "PL2.7": [(YEAR_END, "in_progress", "Đang triển khai mô hình du lịch cộng đồng tại thôn Cầu Gẫy", {})],
    "PL2.8": [(YEAR_END, "in_progress", "Các huyện, thành phố triển khai theo kế hoạch", {})],
}


# Money spent so far (VND) by the lead agency's reports (dữ liệu demo).
SPENT = {
    ("PL2.1", MID_YEAR): 180_000_000,
    ("PL2.1", YEAR_END): 420_000_000,
    ("PL2.2", YEAR_END): 150_000_000,
    ("PL2.3", YEAR_END): 96_000_000,
    ("PL2.4", MID_YEAR): 60_000_000,
    ("PL2.4", YEAR_END): 165_000_000,
    ("PL2.5", MID_YEAR): 48_000_000,
    ("PL2.5", YEAR_END): 125_000_000,
    ("PL2.6", YEAR_END): 210_000_000,
}


def _output_by_prefix(task, prefix: str):
    return next(output for output in task.outputs.all() if output.name.lower().startswith(prefix.lower()))


@transaction.atomic
def load_demo_progress(plan: Plan) -> None:
    if TaskUpdate.objects.filter(task__plan=plan, note__contains=DEMO_NOTE).exists():
        return
    tasks = {task.code: task for task in plan.tasks.prefetch_related("outputs")}
    for code, updates in PROGRESS.items():
        task = tasks[code]
        for day, status, note, done in updates:
            record_task_update(
                actor=None,
                task=task,
                reported_on=day,
                status=status,
                note=f"{note} ({DEMO_NOTE})",
                spent=SPENT.get((code, day)),
                achieved={_output_by_prefix(task, name).pk: Decimal(value) for name, value in done.items()},
            )
    # Target I.2.9 (new sales points) is computed from the sales points of the promotion demo (demo/promotion.py).


def load_demo_plan() -> Plan:
    """Plan 706/KH-UBND as published, with the demo's 2024 progress."""
    load_plan_file(PLAN_706_FILE)
    plan = Plan.objects.get(reference="706/KH-UBND")
    load_demo_progress(plan)
    return plan
