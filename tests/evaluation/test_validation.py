"""A rule set that fails a check is refused with every problem named, and nothing is written."""

import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from ocop.common.models import ActivityLog
from ocop.evaluation.domain.rule_sets import BUILTIN_DIR, load_builtin_rule_sets, load_rule_set
from ocop.evaluation.domain.scoring import score_sheet
from ocop.evaluation.models import CriteriaSheet, RuleSet

pytestmark = pytest.mark.django_db


def read(name):
    return json.loads((BUILTIN_DIR / name).read_text(encoding="utf-8"))


def write_rule_set(folder, descriptor, criteria=None):
    """The rule-set file (and its criteria file) in ``folder``; returns the rule-set file's path."""
    if criteria is not None:
        (folder / "criteria.json").write_text(json.dumps(criteria, ensure_ascii=False), encoding="utf-8")
        descriptor = descriptor | {"criteria": {"file": "criteria.json", "corrections": []}}
    path = folder / "rule_set.json"
    path.write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    return path


def qd26_with(folder, change_criteria=None, **descriptor_changes):
    """QĐ 26/2026 under a test identifier, with its corrections listed and the transcript changed by a function."""
    criteria = read("ocop_criteria_qd26_2026.json")
    if change_criteria:
        change_criteria(criteria)
    (folder / "criteria.json").write_text(json.dumps(criteria, ensure_ascii=False), encoding="utf-8")
    descriptor = read("qd26_2026.json") | {"identifier": "QD26-TEST"} | descriptor_changes
    descriptor["criteria"] = descriptor["criteria"] | {"file": "criteria.json"}
    path = folder / "rule_set.json"
    path.write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    return path


def group(criteria, sheet_no, part, code):
    sheet = criteria["sheets"][sheet_no - 1]
    section = next(section for section in sheet["sections"] if section["code"] == part)
    return section, next(group for group in section["groups"] if group["code"] == code)


def counts():
    return RuleSet.objects.count(), CriteriaSheet.objects.count(), ActivityLog.objects.count()


def refused(path):
    before = counts()
    with pytest.raises(ValidationError) as error:
        load_rule_set(actor=None, path=path)
    assert counts() == before
    return error.value.messages


def test_a_sheet_not_adding_up_to_100(tmp_path, english):
    def raise_c12_to_4_points(criteria):
        section, c12 = group(criteria, 1, "C", "12")
        section["max"], c12["max"] = 36, 4
        c12["options"][2]["points"] = 4

    assert refused(qd26_with(tmp_path, raise_c12_to_4_points)) == [
        "Sheet 1, part C: maximum 36 points; the rule set expects 35.",
        "Sheet 1 adds up to 101 points instead of 100.",
    ]


def test_an_option_above_its_criterion_maximum(tmp_path, english):
    def five_points_for_a_3_point_group(criteria):
        group(criteria, 9, "C", "11")[1]["options"][2]["points"] = 5

    assert refused(qd26_with(tmp_path, five_points_for_a_3_point_group)) == [
        "Sheet 9, C.11, option 3: 5 points is outside 0 to 3."
    ]


def test_parts_not_matching_the_rule_sets_maxima(tmp_path, english):
    messages = refused(qd26_with(tmp_path, part_maxima={"A": "35", "B": "25", "C": "40"}))
    assert len(messages) == 26 * 2
    assert messages[:2] == [
        "Sheet 1, part A: maximum 40 points; the rule set expects 35.",
        "Sheet 1, part C: maximum 35 points; the rule set expects 40.",
    ]


def test_criteria_sums_options_and_markers_are_checked(tmp_path, english):
    def break_sheet_2(criteria):
        _section, c7 = group(criteria, 2, "C", "7")
        c7["options"][3]["points"] = 4  # best option below the maximum of 5
        c7["options"][2]["min_star"] = 5  # two 5-star markers
        group(criteria, 2, "C", "8")[1]["options"][0]["variant"] = "a"
        _section, a1 = group(criteria, 2, "A", "1")
        a1["criteria"][0]["max"] = 4  # group 1 no longer adds up
        a1["criteria"][0]["options"] = []

    assert refused(qd26_with(tmp_path, break_sheet_2)) == [
        "Sheet 2, A.1.1: the criterion has no answer options.",
        "Sheet 2, A.1: the items below add up to 19 points instead of 18.",
        "Sheet 2, C.7: the best option is worth 4 points, not the maximum of 5.",
        "Sheet 2, C.7: more than one option is marked as the 5-star minimum.",
        "Sheet 2, C.8, option 1: the case must be a whole number above zero.",
    ]


def test_a_set_without_corrections_shows_every_fault_of_the_transcript(tmp_path, english):
    messages = refused(qd26_with(tmp_path, criteria={"file": "criteria.json", "corrections": []}))
    assert len(messages) == 30
    assert "Sheet 4, C.7, option 3: 13 points is outside 0 to 3." in messages
    assert "Sheet 11, C.6.1.1, option 2: 11 points is outside 0 to 2." in messages
    assert "Sheet 23, C.9: the maximum is missing or unreadable." in messages
    assert "Sheet 4, A.1.2, option 1: the points are missing." in messages
    assert "Sheet 21, A.2.3: the criterion has no answer options." in messages


def test_star_bands_must_cover_0_to_100_without_gaps(tmp_path, english):
    bands = read("qd26_2026.json")["star_bands"]
    bands[3] = bands[3] | {"min": "71"}
    bands[0] = bands[0] | {"min": "1"}
    bands[4] = {key: value for key, value in bands[4].items() if key != "max"} | {"max_exclusive": "100"}
    assert refused(qd26_with(tmp_path, star_bands=bands)) == [
        "The lowest star band must start at 0.",
        "The star bands leave a gap or an overlap below 71 points.",
        "The highest star band must end at 100 points, included.",
    ]


def test_the_procedure_is_checked_key_by_key(tmp_path, english):
    procedure = read("qd26_2026.json")["procedure"]
    del procedure["quorum_fraction"]
    procedure |= {"evaluation_level": "commune", "certificate_validity_months": "36", "colour": "green"}
    procedure["reevaluation_window_days"] = {"earliest": 120, "latest": 180}
    assert refused(qd26_with(tmp_path, procedure=procedure)) == [
        "The procedure is missing “quorum_fraction”.",
        "“colour” is not a known key of the procedure.",
        'The procedure\'s “evaluation_level” is "commune"; expected “district” or “province”.',
        'The procedure\'s “certificate_validity_months” is "36"; expected a whole number above zero.',
        'The procedure\'s “reevaluation_window_days” is {"earliest": 120, "latest": 180}; expected null or '
        '{"earliest": days, "latest": days} with earliest above latest.',
    ]


def test_the_same_identifier_with_different_content_is_refused(tmp_path, english):
    load_builtin_rule_sets(actor=None)
    descriptor = read("qd148_2023.json") | {"title": "Một tiêu đề khác"}
    assert refused(write_rule_set(tmp_path, descriptor)) == [
        "The rule set QD148-2023 is already loaded with different content. A loaded rule set is never changed: "
        "load the corrected set under a new identifier."
    ]


def test_unreadable_and_malformed_files(tmp_path, english):
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    assert refused(broken)[0].startswith(f"The file {broken} cannot be read:")
    assert refused(write_rule_set(tmp_path, read("qd26_2026.json"), criteria=[])) == ["criteria: must be an object"]
    assert refused(write_rule_set(tmp_path, {"identifier": "X"})) == [
        "“title” is missing.",
        "“legal_basis” is missing.",
        "“valid_from” is missing.",
        "“procedure” is missing.",
        "“star_bands” is missing.",
    ]


def test_a_2019_style_set_with_parts_a35_b25_c40_loads_when_its_sheets_match(tmp_path):
    """The part maxima belong to the rule set, not to the code."""

    def part(code, group_code, points):
        options = [{"label": "Không đạt", "points": 0, "min_star": None}, {"label": "Đạt", "points": points}]
        group = {"code": group_code, "title": f"Nhóm {group_code}", "max": points, "options": options}
        return {"code": code, "title": f"Phần {code}", "max": points, "groups": [group]}

    parts = [part("A", "1", 35), part("B", "2", 25), part("C", "3", 40)]
    criteria = {"sheets": [{"no": 1, "title": "Rau, củ, quả", "sections": parts}]}
    descriptor = read("qd148_2023.json") | {
        "identifier": "QD1048-2019-test",
        "valid_from": "2019-01-01",
        "valid_to": "2023-02-23",
        "part_maxima": {"A": "35", "B": "25", "C": "40"},
    }
    rule_set = load_rule_set(actor=None, path=write_rule_set(tmp_path, descriptor, criteria)).rule_set
    result = score_sheet(rule_set.sheet(1), {"1": 2, "2": 2, "3": 1})
    assert (result.parts, result.total) == ({"A": Decimal(35), "B": Decimal(25), "C": Decimal(0)}, Decimal(60))


def test_wrong_types_in_the_criteria_file_are_named_where_they_are(tmp_path, english):
    def spoil(criteria):
        sheet = criteria["sheets"][0]
        sheet["no"] = "1"
        sheet["sections"][0]["title"] = ["A"]
        sheet["sections"][1]["groups"][0]["criteria"] = {"code": "1"}
        sheet["sections"][2]["groups"][0]["criteria"][0]["options"][0]["points"] = [1]
        criteria["sheets"][1]["sections"] = None

    messages = refused(qd26_with(tmp_path, spoil))
    first = "criteria.sheets[1]"
    assert messages == [
        f"{first}.no: must be a whole number from 0 to 1000",
        f"{first}.sections[1].title: must be a text",
        f"{first}.sections[2].groups[1].criteria: must be a list",
        f"{first}.sections[3].groups[1].criteria[1].options[1].points: must be a number",
        "criteria.sheets[2].sections: must be a list",
    ]


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"star_bands": [{"stars": 3, "min": "9e999999", "max": "1e-999999", "recognised": True}]}, "star band"),
        ({"procedure": {"recognition_level": {"²": "province"}}}, "recognition_level"),
        ({"part_maxima": {"A": "1" * 5000, "B": "25", "C": "35"}}, "maximum points of each part"),
    ],
)
def test_numbers_and_keys_no_rule_set_uses_are_refused_with_a_message(tmp_path, english, changes, problem):
    descriptor = read("qd26_2026.json") | {"identifier": "QD26-TEST"}
    if "procedure" in changes:
        changes = {"procedure": descriptor["procedure"] | changes["procedure"]}
    path = qd26_with(tmp_path, **changes)
    messages = refused(path)
    assert any(problem in message for message in messages), messages


def test_a_file_nested_too_deeply_or_with_a_5000_digit_number_is_refused_with_a_message(tmp_path, english):
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000, encoding="utf-8")
    assert refused(path) == [f"The file {path} cannot be read: The file is nested too deeply to be read."]
    path.write_text('{"identifier": ' + "9" * 5000 + "}", encoding="utf-8")
    assert refused(path) == [f"The file {path} cannot be read: The file holds a number with too many digits."]
