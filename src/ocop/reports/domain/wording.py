"""The words of a plan's implementation report: the narrative the figures say, section by section, which the office
may rewrite before issuing, and the figures as the report writes them. Every format prints these words."""

from ocop.common.papers.numbers import vi_day, vi_number
from ocop.planning.enums import TaskStatus


def actual_text(row: dict) -> str:
    """The actual as the target table prints it: "84", a share with its sign and what it counts: "40,1% (41/102)"."""
    if row["actual"] is None:
        return "Chưa có số liệu"
    text = vi_number(row["actual"])
    if row.get("unit") == "%":
        text += "%"
    if row.get("numerator") is not None and row.get("denominator"):
        text += f" ({row['numerator']}/{row['denominator']})"
    return text


def planned_text(row: dict) -> str:
    """The target as a sentence names it: "≥ 50%" for a share, "20–30" for a count."""
    return row["target_text"] + ("%" if row.get("unit") == "%" else "")


def percent_text(value) -> str:
    return "" if value is None else vi_number(value, 1)


def _plan_ends_after(figures: dict) -> bool:
    ends_on = figures["plan"].get("ends_on")
    return bool(ends_on) and ends_on > figures["period"]["end"]


def next_period_label(figures: dict) -> str:
    """The period after this one, as the directions' heading names it: the second half after the first, else the
    next year."""
    key = figures["period"]["key"]
    year = int(key[:4])
    return f"6 tháng cuối năm {year}" if key.endswith("-H1") else f"năm {year + 1}"


def _lower_first(text: str) -> str:
    """ "Tỉnh Ninh Thuận" → "tỉnh Ninh Thuận", as a unit is named inside a sentence."""
    return text[:1].lower() + text[1:]


def _stars_text(counts: dict, noun: str = "sản phẩm") -> str:
    parts = [f"{count} {noun} {stars} sao" for stars, count in sorted(counts.items()) if count]
    return ", ".join(parts) if parts else f"chưa có {noun} nào"


def _direction(figures: dict) -> str:
    plan, tasks, quotas = figures["plan"], figures["tasks"], figures["quotas"]
    leads = {row["lead"] for row in tasks["rows"] if row["lead"]}
    text = (
        f"Ngày {vi_day(plan['issued_on'])}, {plan['issuing_body']} ban hành Kế hoạch số {plan['reference']} về "
        f"{plan['title'][:1].lower()}{plan['title'][1:]}, giao {tasks['total']} nhiệm vụ cho {len(leads)} cơ quan, "
        "đơn vị chủ trì"
    )
    if quotas["rows"]:
        text += f" và phân bổ chỉ tiêu sản phẩm OCOP cho {len(quotas['rows'])} huyện, thành phố"
    return text + "."


def _evaluation(figures: dict) -> str:
    review = figures.get("review")
    if not review:
        return ""
    evaluation = review["evaluation"]
    recognised = sum(evaluation["recognised"].values())
    new = sum(evaluation["new"].values())
    text = (
        f"Trong {figures['period']['label']} (từ ngày {vi_day(review['start'])} đến ngày {vi_day(review['end'])}), "
        f"có {recognised} sản phẩm được đánh giá, công nhận đạt chuẩn OCOP ({_stars_text(evaluation['recognised'])}), "
        f"trong đó {new} sản phẩm mới, {evaluation['upgraded']} sản phẩm được nâng hạng sao và "
        f"{evaluation['consolidated']} sản phẩm được đánh giá lại, giữ hạng sao (củng cố)."
    )
    text += (
        f"\nLũy kế đến ngày {vi_day(review['end'])}, trên địa bàn {_lower_first(figures['plan']['area'])} có "
        f"{evaluation['holding_total']} sản phẩm OCOP còn hiệu lực ({_stars_text(evaluation['holding'])})."
    )
    return text


def quota_shortfalls(quotas: dict) -> list[str]:
    """For each star level of the quotas, what was recognised against what was allotted, and the units short of
    their allotment named with their figures (a unit ahead at one level does not make up for another)."""
    lines = []
    for stars in quotas["stars"]:
        key = str(stars)
        expected = quotas["total"]["expected"][key]
        actual = quotas["total"]["actual"][key]
        short = [
            f"{row['agency'] or row['unit']} {row['actual'][key]}/{row['expected'][key]}"
            for row in quotas["rows"]
            if row["actual"][key] < row["expected"][key]
        ]
        line = f"sản phẩm {stars} sao: {actual}/{expected}"
        if short:
            line += f", chưa đạt phân bổ tại {len(short)} địa bàn ({'; '.join(short)})"
        else:
            line += ", tất cả các địa bàn đạt phân bổ"
        lines.append(line)
    return lines


def _quotas(figures: dict) -> str:
    quotas = figures["quotas"]
    total = quotas.get("total")
    if not total:
        return ""
    expected, actual = total["expected"], total["actual"]
    text = (
        f"Các địa bàn được phân bổ đã có {actual['total']}/{expected['total']} sản phẩm được công nhận theo kế hoạch "
        f"({percent_text(total['percent']) or '0'}%). Theo hạng sao: " + "; ".join(quota_shortfalls(quotas)) + "."
    )
    outside = sum(row["actual"]["total"] for row in quotas["outside"])
    if outside:
        names = ", ".join(row["unit"] for row in quotas["outside"])
        text += f" Ngoài phân bổ, {names} có {outside} sản phẩm được công nhận."
    return text


def _task_lines(figures: dict, topic: str) -> str:
    """The plan's tasks on a topic with where each stands: what the sections on communication and training and on
    trade promotion are written from."""
    lines = []
    for row in figures["tasks"]["rows"]:
        if row.get("topic") != topic:
            continue
        line = f"- {row['content'].rstrip('. ')}: {row['status_label'].lower()}."
        if row["progress_note"]:
            line += f" {row['progress_note'].rstrip('. ')}."
        lines.append(line)
    return "\n".join(lines)


def _supervision(figures: dict) -> str:
    review = figures.get("review")
    if not review:
        return ""
    facts = review["supervision"]
    text = (
        f"Trong kỳ, {facts['expired']} sản phẩm hết thời hạn giấy chứng nhận (36 tháng), trong đó "
        f"{facts['expired_recognised_again']} sản phẩm đã được đánh giá lại"
    )
    left = facts["expired"] - facts["expired_recognised_again"]
    if left:
        text += f", {left} sản phẩm chưa được đánh giá lại"
    return (
        text + f"; {facts['revoked']} giấy chứng nhận bị thu hồi, {facts['suspended']} giấy chứng nhận bị tạm đình chỉ."
    )


def _funding(figures: dict) -> str:
    review = figures.get("review")
    if not review:
        return ""
    rows = review["funding"]
    spent = [row for row in rows if row["spent"] is not None]
    if not spent:
        return "Các đơn vị chưa báo cáo kinh phí đã sử dụng."
    total = sum(row["spent"] for row in spent)
    return (
        f"Kinh phí đã sử dụng đến cuối kỳ theo báo cáo của các đơn vị: {vi_number(total)} đồng ("
        + "; ".join(f"{row['source']}: {vi_number(row['spent'])} đồng" for row in spent)
        + ")."
    )


def _tasks(figures: dict) -> str:
    tasks = figures["tasks"]
    counts = tasks["counts"]
    return (
        f"Trong tổng số {tasks['total']} nhiệm vụ: hoàn thành {counts[TaskStatus.DONE]}, đang thực hiện "
        f"{counts[TaskStatus.IN_PROGRESS]}, chưa triển khai {counts[TaskStatus.NOT_STARTED]}"
        + (f", dừng thực hiện {counts[TaskStatus.CANCELLED]}" if counts[TaskStatus.CANCELLED] else "")
        + (f"; {tasks['overdue']} nhiệm vụ quá thời hạn." if tasks["overdue"] else ".")
    )


def _assessment(met: list, unmet: list, missing: list) -> str:
    lines = []
    if met:
        lines.append(
            "Các chỉ tiêu đạt hoặc vượt: " + "; ".join(f"{row['text']} ({actual_text(row)})" for row in met) + "."
        )
    if unmet:
        lines.append(
            "Các chỉ tiêu chưa đạt: "
            + "; ".join(f"{row['text']} (kế hoạch {planned_text(row)}, thực hiện {actual_text(row)})" for row in unmet)
            + "."
        )
    if missing:
        lines.append("Các chỉ tiêu chưa có số liệu: " + "; ".join(row["text"] for row in missing) + ".")
    return "\n".join(lines)


def _shortcomings(figures: dict, unmet: list) -> str:
    """The shortcomings the figures show; the causes are the office's to write (the form asks for them)."""
    lines = [
        f"- Chỉ tiêu chưa đạt: {row['text']} (thực hiện {actual_text(row)}, kế hoạch {planned_text(row)})."
        for row in unmet
    ]
    quotas = figures["quotas"]
    if quotas.get("total"):
        lines += [f"- Phân bổ {line}." for line in quota_shortfalls(quotas) if "chưa đạt phân bổ" in line]
    if figures["tasks"]["overdue"]:
        lines.append(f"- {figures['tasks']['overdue']} nhiệm vụ quá thời hạn chưa hoàn thành.")
    review = figures.get("review")
    if review:
        facts = review["supervision"]
        left = facts["expired"] - facts["expired_recognised_again"]
        if left:
            lines.append(f"- {left} sản phẩm hết thời hạn giấy chứng nhận chưa được đánh giá lại.")
    return "\n".join(lines)


def _next_steps(figures: dict, unmet: list) -> str:
    plan = figures["plan"]
    label = next_period_label(figures)
    if _plan_ends_after(figures):
        steps = [f"Tiếp tục triển khai Kế hoạch số {plan['reference']} trong {label}"]
    else:
        steps = [
            f"Xây dựng, ban hành và triển khai kế hoạch thực hiện Chương trình OCOP {label}, kế thừa kết quả "
            f"thực hiện Kế hoạch số {plan['reference']}"
        ]
    if unmet:
        steps.append("tập trung khắc phục các chỉ tiêu chưa đạt: " + "; ".join(row["text"] for row in unmet))
    counts = figures["tasks"]["counts"]
    if figures["tasks"]["overdue"] or counts[TaskStatus.NOT_STARTED] or counts[TaskStatus.IN_PROGRESS]:
        steps.append("đôn đốc các đơn vị hoàn thành các nhiệm vụ còn dở dang")
    review = figures.get("review")
    if review and review["supervision"]["expired"] > review["supervision"]["expired_recognised_again"]:
        steps.append("hướng dẫn các chủ thể có sản phẩm hết hạn giấy chứng nhận đăng ký đánh giá lại")
    return ", ".join(steps) + "."


def auto_narrative(figures: dict) -> dict[str, str]:
    """The text of each section as the figures say it; the office may replace any of it before issuing."""
    plan, period = figures["plan"], figures["period"]
    targets = figures["targets"]
    met = [row for row in targets if row["met"]]
    unmet = [row for row in targets if row["met"] is False]
    missing = [row for row in targets if row["actual"] is None]
    return {
        "intro": (
            f"Thực hiện Kế hoạch số {plan['reference']} ngày {vi_day(plan['issued_on'])} của {plan['issuing_body']} "
            f"về {plan['title'][:1].lower()}{plan['title'][1:]}, báo cáo kết quả thực hiện {period['label']} "
            f"(số liệu tính đến ngày {vi_day(figures['as_of'])}) như sau:"
        ),
        "direction": _direction(figures),
        "targets": (
            f"Trong {len(targets)} chỉ tiêu của kế hoạch, có {len(met)} chỉ tiêu đạt hoặc vượt, {len(unmet)} chỉ tiêu "
            f"chưa đạt và {len(missing)} chỉ tiêu chưa có số liệu. Số liệu được tính trực tiếp từ cơ sở dữ liệu OCOP "
            "(sản phẩm, chủ thể, giấy chứng nhận); các chỉ tiêu chưa tính được từ dữ liệu do đơn vị phụ trách báo cáo, "
            "kèm minh chứng."
        ),
        "evaluation": _evaluation(figures),
        "quotas": _quotas(figures),
        "communication": _task_lines(figures, "communication"),
        "promotion": _task_lines(figures, "promotion"),
        "supervision": _supervision(figures),
        "funding": _funding(figures),
        "tasks": _tasks(figures),
        "assessment": _assessment(met, unmet, missing),
        "shortcomings": _shortcomings(figures, unmet),
        "causes": "",
        "next_steps": _next_steps(figures, unmet),
        "recommendations": "",
    }


def effective_narrative(overrides: dict, figures: dict) -> dict[str, str]:
    automatic = auto_narrative(figures)
    return {key: (overrides.get(key) or automatic.get(key, "")) for key in automatic}
