"""Plan 706/KH-UBND of Ninh Thuận, entered completely from the seed, and the plan file format."""

import copy
import datetime
import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from ocop.common.models import ActivityLog
from ocop.geo.models import AdministrativeUnit
from ocop.planning.domain.loader import PLAN_706_FILE, load_plan_data, load_plan_file, read_plan_file
from ocop.planning.models import Plan, Quota, ReportingObligation, Target, Task

pytestmark = pytest.mark.django_db


def test_plan_706_has_every_target_of_section_i2(plan706):
    targets = {t.code: t for t in plan706.targets.all()}
    assert list(targets) == [f"I.2.{n}" for n in range(1, 10)]
    expected = {
        "I.2.1": ("new_products", {}, "20", "30", "sản phẩm"),
        "I.2.2": ("new_products", {"stars": [4]}, "2", "5", "sản phẩm"),
        "I.2.3": ("new_products", {"stars": [3, 4], "product_sets": "livestock"}, "1", "2", "sản phẩm"),
        "I.2.4": ("consolidated_or_upgraded_share", {}, "50", None, "%"),
        "I.2.5": ("cooperative_share", {}, "30", None, "%"),
        "I.2.6": ("sme_share", {}, "40", None, "%"),
        "I.2.7": ("circular_share", {}, "30", None, "%"),
        "I.2.8": ("craft_village_share", {}, "50", None, "%"),
        "I.2.9": ("sales_points_opened", {}, "1", "2", "điểm"),
    }
    for code, (indicator, filters, low, high, unit_label) in expected.items():
        target = targets[code]
        assert (target.indicator, target.filters, target.low, target.unit_label) == (
            indicator,
            filters,
            Decimal(low),
            unit_label,
        ), code
        assert target.high == (None if high is None else Decimal(high)), code
        assert target.direction == "at_least"
    assert targets["I.2.1"].text == "Đến cuối năm 2024, phấn đấu có 20-30 sản phẩm mới đạt chứng nhận OCOP"


def test_plan_706_has_the_six_district_quotas_of_appendix_i_and_none_for_thuan_bac(plan706):
    quotas = Quota.objects.filter(plan=plan706).select_related("unit")
    by_district: dict[str, dict[int, int]] = {}
    for quota in quotas:
        by_district.setdefault(quota.unit.code, {})[quota.stars] = quota.expected
    assert by_district == {
        "584": {3: 6, 4: 1},
        "585": {3: 8, 4: 1},
        "587": {3: 9, 4: 1},
        "586": {3: 6, 4: 6},
        "589": {3: 10, 4: 2},
        "582": {3: 11, 4: 4},
    }
    assert sum(q.expected for q in quotas if q.stars == 3) == 50
    assert sum(q.expected for q in quotas if q.stars == 4) == 15
    assert "588" not in by_district  # huyện Thuận Bắc: no quota, as published
    assert all(q.unit.level == "district" and q.unit.era == "before_2025" for q in quotas)
    assert quotas.get(unit__code="582", stars=3).agency_text == "UBND thành phố Phan Rang - Tháp Chàm"


def test_plan_706_has_the_eight_tasks_of_appendix_ii_with_their_quantities(plan706):
    tasks = list(plan706.tasks.filter(section="Phụ lục II").prefetch_related("outputs", "lead_agencies"))
    assert [t.code for t in tasks] == [f"PL2.{n}" for n in range(1, 9)]
    outputs = {t.code: [(o.unit_label, o.planned) for o in t.outputs.all()] for t in tasks}
    assert outputs["PL2.1"] == [("đợt", Decimal(4))]
    assert outputs["PL2.2"] == [("điểm", Decimal(1))]
    assert outputs["PL2.3"] == [("nhãn hiệu", Decimal(4))]
    assert outputs["PL2.4"] == [("bao bì", Decimal(2000)), ("tem", Decimal(30000))]
    assert outputs["PL2.5"] == [("lớp", Decimal(5))]
    assert outputs["PL2.6"] == outputs["PL2.7"] == outputs["PL2.8"] == []
    assert all(t.period_text == "Cả năm 2024" and t.ends_on == datetime.date(2024, 12, 31) for t in tasks)
    assert [o.name for o in tasks[0].lead_agencies.all()] == ["Sở Nông nghiệp và Phát triển nông thôn tỉnh Ninh Thuận"]
    assert tasks[6].lead_text == "Văn phòng Điều phối Nông thôn mới tỉnh"
    leads_of_8 = sorted(o.unit.code for o in tasks[7].lead_agencies.all())
    assert leads_of_8 == ["582", "584", "585", "586", "587", "589"]  # the six districts named, not Thuận Bắc


def test_section_v_responsibilities_are_tasks_owned_by_their_agencies(plan706):
    tasks = plan706.tasks.filter(section="Mục V").prefetch_related("lead_agencies")
    by_code = {t.code: t for t in tasks}
    assert len(by_code) == 41
    assert {o.name for o in by_code["V.8.1"].lead_agencies.all()} == {"Sở Văn hóa, Thể thao và Du lịch tỉnh Ninh Thuận"}
    assert by_code["V.16.1"].lead_agencies.count() == 7  # every district committee, Thuận Bắc included
    communes = AdministrativeUnit.objects.filter(level="commune", parent__parent__code="58", era="before_2025")
    # Every commune committee of 2024: the 62 of the end of the year and the three wards of Phan Rang-Tháp Chàm
    # merged on 1/11/2024 (Tấn Tài, Mỹ Hương, Thanh Sơn), which held the duty until then.
    assert by_code["V.17.1"].lead_agencies.count() == communes.count() == 65
    assert by_code["V.5.1"].source_note.startswith("Bản văn bản nguồn mất tiêu đề mục 5")
    assert not by_code["V.18.1"].lead_agencies.exists()


def test_plan_706_records_who_reports_to_whom(plan706):
    obligations = ReportingObligation.objects.filter(plan=plan706)
    routes = {(o.reporter_text, o.recipient_text, o.frequency) for o in obligations}
    assert ("Sở Nông nghiệp và Phát triển nông thôn", "Bộ Nông nghiệp và Phát triển nông thôn", "six_monthly") in routes
    assert ("Sở Nông nghiệp và Phát triển nông thôn", "Ủy ban nhân dân tỉnh", "annual") in routes
    assert ("Ủy ban nhân dân các huyện, thành phố", "Sở Nông nghiệp và Phát triển nông thôn", "periodic") in routes
    assert all(o.due_days is None for o in obligations)  # the plan sets no dates


def test_plan_706_belongs_to_programme_4056_whose_targets_the_seed_does_not_give(plan706):
    parent = plan706.parent
    assert (parent.reference, parent.kind, parent.issued_on) == (
        "4056/KH-UBND",
        "programme",
        datetime.date(2022, 9, 17),
    )
    assert (parent.starts_on, parent.ends_on) == (datetime.date(2021, 1, 1), datetime.date(2025, 12, 31))
    assert not parent.targets.exists()
    assert plan706.signer_name == "Trịnh Minh Hoàng" and plan706.issued_on == datetime.date(2024, 2, 21)
    assert plan706.office.name == "Sở Nông nghiệp và Phát triển nông thôn tỉnh Ninh Thuận"


def test_loading_again_changes_nothing(plan706):
    before = ActivityLog.objects.count()
    counts = (Plan.objects.count(), Target.objects.count(), Quota.objects.count(), Task.objects.count())
    result = load_plan_file(PLAN_706_FILE)
    assert not result.changed
    assert result.unchanged["tasks"] == 49
    assert ActivityLog.objects.count() == before
    assert (Plan.objects.count(), Target.objects.count(), Quota.objects.count(), Task.objects.count()) == counts


def test_a_corrected_file_updates_what_it_names_and_keeps_what_the_screens_added(plan706):
    from ocop.planning.domain.plans import create_target

    extra = create_target(actor=None, plan=plan706, code="X.1", text="Chỉ tiêu thêm", low=1, unit_label="lớp")
    data = read_plan_file(PLAN_706_FILE)
    data["plans"][1]["targets"][0]["low"] = 25
    result = load_plan_data(data)
    assert result.updated["targets"] == 1
    assert plan706.targets.get(code="I.2.1").low == Decimal(25)
    assert Target.objects.filter(pk=extra.pk).exists()


def test_the_loader_reuses_the_organisations_already_there():
    from ocop.accounts.domain.users import create_organisation
    from ocop.accounts.models import Organisation
    from tests.planning.helpers import province

    office = create_organisation(
        actor=None, name="Sở Nông nghiệp và Phát triển nông thôn tỉnh Ninh Thuận", kind="department", unit=province()
    )
    load_plan_file(PLAN_706_FILE)
    assert Plan.objects.get(reference="706/KH-UBND").office == office
    assert Organisation.objects.filter(name=office.name).count() == 1


def test_a_wrong_file_is_refused_whole_with_every_problem_listed():
    data = copy.deepcopy(read_plan_file(PLAN_706_FILE))
    plan = data["plans"][1]
    plan["targets"][0]["indicator"] = "no_such_indicator"
    plan["targets"][1]["high"] = 1  # below its low of 2
    plan["quotas"][0]["unit"] = "999"
    plan["tasks"][0]["lead"] = ["nobody"]
    with pytest.raises(ValidationError) as raised:
        load_plan_data(data)
    messages = "\n".join(raised.value.messages)
    for expected in ("no_such_indicator", "I.2.2", "999", "nobody"):
        assert expected in messages
    assert not Plan.objects.exists()


def test_a_wrong_type_at_any_key_is_named_where_it_is_and_nothing_is_written():
    data = copy.deepcopy(read_plan_file(PLAN_706_FILE))
    data["agencies"]["sct"] = ["Sở Công Thương"]
    plan = data["plans"][1]
    plan["title"] = 706
    plan["targets"][0]["low"] = "1e400"
    plan["targets"][1]["baseline"] = "1" * 23
    plan["targets"][2]["high"] = True
    plan["targets"][3]["filters"] = ["stars"]
    plan["quotas"][0]["expected"] = {"3": "sáu"}
    plan["tasks"][0]["outputs"] = {"name": "Tem"}
    plan["tasks"][1]["lead"] = "sct"
    plan["obligations"][0]["due_days"] = 10**20
    with pytest.raises(ValidationError) as raised:
        load_plan_data(data)
    where = "plans[2]"
    assert raised.value.messages == [
        "agencies.sct: phải là một đối tượng JSON",
        f"{where}.title: phải là chuỗi văn bản",
        f"{where}.targets[1].low: Nhập một số có tối đa 14 chữ số.",
        f"{where}.targets[2].baseline: Nhập một số có tối đa 14 chữ số.",
        f"{where}.targets[3].high: phải là một số",
        f"{where}.targets[4].filters: phải là một đối tượng JSON",
        f"{where}.quotas[1].expected.3: phải là số nguyên từ 0 đến 2147483647",
        f"{where}.tasks[1].outputs: phải là một danh sách",
        f"{where}.tasks[2].lead: phải là một danh sách",
        f"{where}.obligations[1].due_days: phải là số nguyên từ 0 đến 32767",
    ]
    assert not Plan.objects.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"format": "ocop-plan/1", "plans": [' + b"9" * 5000 + b"]}", "Tệp có một số có quá nhiều chữ số."),
        (b"[" * 100_000, "Tệp lồng nhau quá nhiều cấp nên không đọc được."),
        (b"\xff\xfe{}", "Tệp không phải văn bản UTF-8 nên không phải tệp JSON."),
        (b"[1, 2]", "Không phải tệp kế hoạch: “format” phải là “ocop-plan/1”."),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_with_a_message(tmp_path, content, message):
    path = tmp_path / "x.json"
    path.write_bytes(content)
    with pytest.raises(ValidationError) as raised:
        load_plan_file(path)
    assert raised.value.messages == [message]


def test_a_file_of_another_format_is_refused(tmp_path):
    path = tmp_path / "x.json"
    path.write_text(json.dumps({"plans": []}), encoding="utf-8")
    with pytest.raises(ValidationError, match="ocop-plan/1"):
        load_plan_file(path)
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(ValidationError, match="JSON"):
        load_plan_file(path)


def test_the_command_loads_plan_706_and_reports_what_it_did(capsys):
    from django.core.management import call_command

    call_command("load_plan")
    first = json.loads(capsys.readouterr().out)
    assert first["created"]["targets"] == 9 and first["created"]["quotas"] == 12
    call_command("load_plan", str(PLAN_706_FILE))
    assert json.loads(capsys.readouterr().out)["created"] == {}
