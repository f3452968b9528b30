"""The words of a plan's implementation report: the narrative the figures say, section by section, which the office
may rewrite before issuing, and the figures as the report writes them. Every format prints these words."""

from ocop.common.papers.numbers import vi_day, vi_number
from ocop.planning.enums import TaskStatus


def actual_text(row: dict) -> str:
    if row["actual"] is None:
        return "Chưa có số liệu"
    text = vi_number(row["actual"])
    if row.get("numerator") is not None and row.get("denominator"):
        text += f" ({row['numerator']}/{row['denominator']})"
    return text


def percent_text(value) -> str:
    return "" if value is None else vi_number(value, 1)


def next_period_label(figures: dict) -> str:
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
            f"hoạch ({parts}), đạt {percent_text(total['percent']) or '0'}%."
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
            "Các chỉ tiêu đạt hoặc vượt: " + "; ".join(f"{row['text']} ({actual_text(row)})" for row in met) + "."
        )
    if unmet:
        assessment.append(
            "Các chỉ tiêu chưa đạt: "
            + "; ".join(f"{row['text']} (kế hoạch {row['target_text']}, thực hiện {actual_text(row)})" for row in unmet)
            + "."
        )
    if missing:
        assessment.append("Các chỉ tiêu chưa có số liệu: " + "; ".join(row["text"] for row in missing) + ".")
    text["assessment"] = "\n".join(assessment)
    steps = [f"Tiếp tục triển khai Kế hoạch số {plan['reference']} trong {next_period_label(figures)}"]
    if unmet:
        steps.append("tập trung các chỉ tiêu chưa đạt: " + "; ".join(row["text"] for row in unmet))
    if tasks["overdue"] or counts[TaskStatus.NOT_STARTED]:
        steps.append("đôn đốc các đơn vị triển khai các nhiệm vụ chưa hoàn thành")
    text["next_steps"] = ", ".join(steps) + "."
    return text


def effective_narrative(overrides: dict, figures: dict) -> dict[str, str]:
    automatic = auto_narrative(figures)
    return {key: (overrides.get(key) or automatic.get(key, "")) for key in automatic}
