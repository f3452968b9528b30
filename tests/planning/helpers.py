"""Plans built through the domain functions, for the planning and report tests."""

import datetime
from decimal import Decimal

from ocop.geo.enums import UnitLevel
from tests.factories import png_upload, unit

NINH_HAI = ("586", UnitLevel.DISTRICT)
NINH_PHUOC = ("587", UnitLevel.DISTRICT)
VINH_HAI = ("22846", UnitLevel.COMMUNE)  # xã Vĩnh Hải, huyện Ninh Hải (before 1/7/2025)
YEAR_2024 = (datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))


def province():
    return unit("58", UnitLevel.PROVINCE)


def make_plan(*, with_records: bool = False, reference: str = "99/KH-UBND") -> dict:
    """A small 2024 plan: a computed and a reported target, a quota of huyện Ninh Phước, a task with an output and
    a reporting obligation; ``with_records`` adds a progress update and a reported value with evidence, and a
    draft report."""
    from ocop.planning.domain import plans, progress
    from ocop.reports.domain.plan_reports import create_report

    plan = plans.create_plan(
        actor=None,
        reference=reference,
        kind="provincial_annual",
        title="Triển khai thực hiện Chương trình OCOP năm 2024",
        issuing_body="Ủy ban nhân dân tỉnh Ninh Thuận",
        issued_on=datetime.date(2024, 2, 21),
        unit=province(),
        starts_on=YEAR_2024[0],
        ends_on=YEAR_2024[1],
    )
    computed = plans.create_target(
        actor=None, plan=plan, code="1", text="20-30 sản phẩm mới", indicator="new_products", low=20, high=30
    )
    reported = plans.create_target(
        actor=None, plan=plan, code="2", text="04 mô hình du lịch cộng đồng", unit_label="mô hình", low=4
    )  # no indicator: a figure the agency reports (every named indicator of plan 706 is computed today)
    quota = plans.create_quota(actor=None, plan=plan, unit=unit(*NINH_PHUOC), stars=3, expected=9)
    task = plans.create_task(
        actor=None,
        plan=plan,
        code="PL2.4",
        section="Phụ lục II",
        content="Hỗ trợ chi phí bao bì, in tem (30.000 tem)",
        starts_on=YEAR_2024[0],
        ends_on=YEAR_2024[1],
    )
    output = plans.add_task_output(actor=None, task=task, name="Tem", unit_label="tem", planned=Decimal(30000))
    obligation = plans.create_obligation(
        actor=None,
        plan=plan,
        reporter_text="Sở Nông nghiệp và Phát triển nông thôn",
        recipient_text="Ủy ban nhân dân tỉnh",
        frequency="six_monthly",
        header_superior="UBND tỉnh Ninh Thuận",
        header_body="Sở Nông nghiệp và Phát triển nông thôn",
        symbol="BC-SNNPTNT",
        place="Ninh Thuận",
        signer_title="Giám đốc",
        recipients="UBND tỉnh\nLưu: VT",
    )
    made = {
        "plan": plan,
        "computed": computed,
        "reported": reported,
        "quota": quota,
        "task": task,
        "output": output,
        "obligation": obligation,
    }
    if with_records:
        made["update"] = progress.record_task_update(
            actor=None,
            task=task,
            reported_on=datetime.date(2024, 6, 30),
            status="in_progress",
            achieved={output.pk: 12000},
            evidence=png_upload("bien-ban.png"),
        )
        made["value"] = progress.record_value(
            actor=None, target=reported, period_key="2024", value=1, evidence=png_upload("quyet-dinh.png")
        )
        made["report"] = create_report(actor=None, plan=plan, period_key="2024", obligation=obligation)
    return made


def certify(product, day: datetime.date, stars: int = 3):
    """A certificate registered from its decision (as the registry demo records 2020–2024 recognitions)."""
    from tests.certificates.helpers import registered

    return registered(product, day, stars)
