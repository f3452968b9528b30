import datetime
import io
import json
import os
import subprocess
import sys

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from ocop.common.models import ActivityLog
from ocop.evaluation.domain.rule_sets import BUILTIN_DIR, load_builtin_rule_sets
from ocop.evaluation.models import RuleSet
from tests.evaluation.test_scoring import SHEET1_GRAPES, SHEET1_STRICT

pytestmark = pytest.mark.django_db

# The worked example of docs/scoring.md: sheet 1, totals 74 and 75, mean 74.50, 4-star band, 2.1 misses its 4-star
# minimum in the consensus (lower middle of 3 and 1), so 3 stars.
EXPECTED_SHEET1 = {
    "rule_set": "QD26-2026",
    "sheet": 1,
    "members": [
        {"name": "Ủy viên A", "parts": {"A": "32", "B": "18", "C": "24"}, "total": "74"},
        {"name": "Ủy viên B", "parts": {"A": "30", "B": "21", "C": "24"}, "total": "75"},
    ],
    "mean": "74.50",
    "band": 4,
    "star": 3,
    "recognised": True,
    "unmet_minima": {"3": [], "4": ["2.1"], "5": ["1.3", "1.5", "4.1"]},
    "disqualified": False,
    "spread": "1",
    "allowed_spread": "10",
    "spread_exceeded": False,
    "median": "74.50",
    "stdev": "0.50",
    "quorum": {"scored": 2, "council_size": None, "needed": None, "reached": None},
}


@pytest.fixture(autouse=True)
def _builtin_rule_sets():
    load_builtin_rule_sets(actor=None)


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def refusal(*args) -> str:
    with pytest.raises(CommandError) as error:
        call_command(*args, stdout=io.StringIO())
    assert error.value.returncode == 2
    return str(error.value)


def council_file(tmp_path, **changes):
    data = {
        "rule_set": "QD26-2026",
        "sheet": 1,
        "members": [
            {"name": "Ủy viên A", "answers": SHEET1_GRAPES},
            {"name": "Ủy viên B", "answers": SHEET1_STRICT},
        ],
    } | changes
    path = tmp_path / "hoi-dong.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_load_builtin_rule_sets_command_is_idempotent(english):
    before = ActivityLog.objects.count()
    assert run("load_builtin_rule_sets").splitlines() == [
        "QD1048-2019: already loaded",
        "QD148-2023: already loaded",
        "QD1489-2025: already loaded",
        "QD26-2026: already loaded",
    ]
    assert ActivityLog.objects.count() == before


def test_load_ruleset_with_overrides(english):
    output = run(
        "load_ruleset",
        str(BUILTIN_DIR / "qd26_2026.json"),
        "--identifier",
        "QD26-2026-r2",
        "--valid-from",
        "01/06/2026",
        "--legal-basis",
        "Quyết định 26/2026/QĐ-TTg, bản đã đối chiếu Công báo",
    )
    assert output == "Loaded QD26-2026-r2 (valid from 01/06/2026) with 26 scoring sheets.\n"
    rule_set = RuleSet.objects.get(identifier="QD26-2026-r2")
    assert rule_set.valid_from == datetime.date(2026, 6, 1)
    assert rule_set.legal_basis == "Quyết định 26/2026/QĐ-TTg, bản đã đối chiếu Công báo"
    assert ActivityLog.objects.filter(verb="evaluation.rule_set_loaded", target_id=str(rule_set.pk)).count() == 1
    again = run("load_ruleset", str(BUILTIN_DIR / "qd26_2026.json"))
    assert again == "QD26-2026 is already loaded with the same content; nothing changed.\n"


def test_load_ruleset_refuses_bad_input_with_exit_code_2(tmp_path, english):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"identifier": "X", "title": ""}), encoding="utf-8")
    before = RuleSet.objects.count()
    assert refusal("load_ruleset", str(path)).startswith(
        "The rule set was not loaded:\n- “legal_basis” is missing.\n- “valid_from” is missing."
    )
    assert "- “title” must be a non-empty text." in refusal("load_ruleset", str(path))
    assert RuleSet.objects.count() == before


def test_score_prints_the_council_result_as_json(tmp_path):
    assert json.loads(run("score", str(council_file(tmp_path)))) == EXPECTED_SHEET1


def test_score_says_when_the_members_who_scored_are_below_the_quorum(tmp_path):
    errors = io.StringIO()
    call_command("score", str(council_file(tmp_path, council_size=5)), stdout=io.StringIO(), stderr=errors)
    # QĐ 26/2026: three quarters of the council's members: 2 of 5 is short of 4.
    assert "Chưa đủ điều kiện họp: 2 trong 5 thành viên chấm, cần 4." in errors.getvalue()
    result = json.loads(run("score", str(council_file(tmp_path, council_size=2))))
    assert result["quorum"] == {"scored": 2, "council_size": 2, "needed": 2, "reached": True}


def test_score_without_the_council_size_says_the_quorum_was_not_checked(tmp_path):
    errors = io.StringIO()
    call_command("score", str(council_file(tmp_path)), stdout=io.StringIO(), stderr=errors)
    assert "Chưa kiểm tra điều kiện họp" in errors.getvalue()
    assert "council_size" in refusal("score", str(council_file(tmp_path, council_size=1)))


def test_score_uses_the_rule_set_in_force_today_when_none_is_named(tmp_path):
    path = council_file(tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    del data["rule_set"]
    path.write_text(json.dumps(data), encoding="utf-8")
    result = json.loads(run("score", str(path)))
    assert result["rule_set"] == "QD26-2026"  # in force since 22/05/2026


def test_score_takes_the_allowed_spread_and_disqualification_from_the_file(tmp_path):
    result = json.loads(run("score", str(council_file(tmp_path, allowed_spread=0.5, disqualified=True))))
    assert (result["allowed_spread"], result["spread_exceeded"]) == ("0.5", True)
    assert (result["star"], result["recognised"], result["disqualified"]) == (None, False, True)


def test_score_reads_an_excel_workbook(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["rule_set", "QD26-2026"])
    sheet.append(["sheet", 1])
    sheet.append([])
    sheet.append(["leaf", "Ủy viên A", "Ủy viên B"])
    for code in SHEET1_GRAPES:
        sheet.append([code, SHEET1_GRAPES[code], SHEET1_STRICT[code]])
    path = tmp_path / "hoi-dong.xlsx"
    book.save(path)
    assert json.loads(run("score", str(path))) == EXPECTED_SHEET1


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"sheet": 27}, "The rule set QD26-2026 has no scoring sheet 27."),
        ({"sheet": "một"}, "“sheet” must be a sheet number from 1 to 26."),
        ({"rule_set": "QD99"}, "There is no rule set QD99."),
        ({"rule_set": "QD148-2023"}, "The rule set QD148-2023 holds the procedure only, no scoring sheets."),
        ({"members": []}, "“members” must be a list of members, each with a name and answers."),
        ({"members": [{"name": "An", "answers": SHEET1_GRAPES | {"9.9": 1}}]}, "An: Sheet 1 has no criterion 9.9."),
        (
            {"members": [{"name": "An", "answers": SHEET1_GRAPES | {"1.5": 5}}]},
            "An: Criterion 1.5 has no option 5; choose 1 to 4.",
        ),
        (
            {
                "members": [
                    {"name": "An", "answers": {k: v for k, v in SHEET1_GRAPES.items() if k not in ("1.1", "12")}}
                ]
            },
            "An has not answered 1.1, 12.",
        ),
        ({"allowed_spread": "mười"}, "“allowed_spread” must be a number of points."),
    ],
)
def test_score_refuses_bad_input_with_exit_code_2(tmp_path, english, changes, problem):
    assert refusal("score", str(council_file(tmp_path, **changes))) == f"The answers were not scored:\n- {problem}"


def test_score_refuses_other_file_types(tmp_path, english):
    path = tmp_path / "answers.csv"
    path.write_text("leaf,An\n", encoding="utf-8")
    assert refusal("score", str(path)) == "The answers were not scored:\n- Use a .json or .xlsx file, not “.csv”."


def test_bad_input_ends_the_real_command_with_exit_code_2_and_no_traceback(tmp_path):
    environment = os.environ | {"OCOP_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "ocop.settings"}
    completed = subprocess.run(
        [sys.executable, "-m", "ocop.cli", "score", str(tmp_path / "missing.json")],
        capture_output=True,
        text=True,
        env=environment,
        check=False,
    )
    assert completed.returncode == 2
    assert "Traceback" not in completed.stderr
    assert str(tmp_path / "missing.json") in completed.stderr


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("[" * 100_000, "The file is nested too deeply to be read."),
        ('{"sheet": ' + "9" * 5000 + "}", "The file holds a number with too many digits."),
    ],
)
def test_score_refuses_a_deeply_nested_or_5000_digit_file_with_a_message(tmp_path, english, content, problem):
    path = tmp_path / "answers.json"
    path.write_text(content, encoding="utf-8")
    assert refusal("score", str(path)) == f"The answers were not scored:\n- The file {path} cannot be read: {problem}"
