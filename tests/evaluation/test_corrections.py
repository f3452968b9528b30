"""Each known fault of the QĐ 26/2026 transcript, and how the load corrects it. No database needed."""

import copy
import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from ocop.evaluation.domain.corrections import CORRECTIONS, apply_corrections
from ocop.evaluation.domain.rule_sets import BUILTIN_DIR

TRANSCRIPT = json.loads((BUILTIN_DIR / "ocop_criteria_qd26_2026.json").read_text(encoding="utf-8"))


def transcript_group(sheet_no, part, code):
    sheet = TRANSCRIPT["sheets"][sheet_no - 1]
    section = next(section for section in sheet["sections"] if section["code"] == part)
    return next(group for group in section["groups"] if group["code"] == code)


def points(leaf):
    return [option.points for option in leaf.options]


def test_the_copied_transcript_still_prints_the_faults():
    """Corrections happen on load; the file inside the project is the source as obtained."""
    assert [option["points"] for option in transcript_group(4, "C", "7")["options"]] == [0, 1, 13]
    assert transcript_group(23, "C", "9")["max"] is None


def test_sheet_4_c7_top_option_is_3_points(sheets):
    leaf = sheets[4].leaves_by_code["7"]
    assert (leaf.part, leaf.max_points, points(leaf)) == ("C", Decimal(3), [0, 1, 3])


def test_sheet_11_c611_middle_option_is_1_point(sheets):
    leaf = sheets[11].leaves_by_code["6.1.1"]
    assert (leaf.max_points, points(leaf)) == (Decimal(2), [0, 1, 2])


def test_sheet_23_c9_maximum_is_4_and_part_c_adds_up_to_35(sheets):
    leaf = sheets[23].leaves_by_code["9"]
    assert (leaf.max_points, points(leaf)) == (Decimal(4), [2, 4])
    assert sum(leaf.max_points for leaf in sheets[23].leaves if leaf.part == "C") == 35


@pytest.mark.parametrize("sheet_no", [4, 7, 10, 11])
def test_criterion_1_2_first_option_is_worth_0(sheets, sheet_no):
    leaf = sheets[sheet_no].leaves_by_code["1.2"]
    assert leaf.options[0].label == "Không được cấp giấy chứng nhận chất lượng"
    assert leaf.options[0].points == 0


@pytest.mark.parametrize(("sheet_no", "code"), [*((no, "2.4") for no in range(1, 21)), (21, "2.3"), (22, "2.3")])
def test_bilingual_labelling_is_no_then_yes(sheets, sheet_no, code):
    leaf = sheets[sheet_no].leaves_by_code[code]
    assert leaf.title.startswith("Ghi nhãn hàng hóa có sử dụng song ngữ")
    assert [(option.order, option.label, option.points) for option in leaf.options] == [
        (1, "Không", Decimal(0)),
        (2, "Có", Decimal(1)),
    ]


def test_sheet_26_keeps_both_printed_cases_marked_by_variant(sheets):
    sheet = sheets[26]
    for code in ("8", "9", "15"):
        leaf = sheet.leaves_by_code[code]
        assert [option.variant for option in leaf.options] == [1, 1, 2, 2]
        assert points(leaf)[:2] == points(leaf)[2:]  # the two cases carry the same points
    others = [leaf for leaf in sheet.leaves if leaf.code not in ("8", "9", "15")]
    assert {option.variant for leaf in others for option in leaf.options} == {None}
    assert sheet.leaves_by_code["8"].options[3].label.startswith("Đáp ứng đủ điều kiện về đăng ký kinh doanh")


def test_every_sheet_sums_to_100_as_a_40_b_25_c_35(sheets):
    for sheet in sheets.values():
        maxima = {part: sum(leaf.max_points for leaf in sheet.leaves if leaf.part == part) for part in sheet.parts}
        assert maxima == {"A": 40, "B": 25, "C": 35}, sheet.no
    assert sum(len(sheet.leaves) for sheet in sheets.values()) == 787


# Every known fault but the suspected misprint, which only the corrected set the office may load corrects.
BUILT_IN_CORRECTIONS = tuple(code for code in CORRECTIONS if code != "sheet7-A3.1-equal-options")


def test_the_rule_set_records_every_correction_in_its_provenance(qd26):
    assert qd26.corrections == BUILT_IN_CORRECTIONS
    for code in BUILT_IN_CORRECTIONS:
        assert f"[{code}]" in qd26.provenance
    assert "hakienpdu95/minhan" in qd26.provenance


def test_a_correction_that_no_longer_fits_the_source_stops_the_load(english):
    source = copy.deepcopy(TRANSCRIPT)
    sheet_4 = source["sheets"][3]
    sheet_4["sections"][2]["groups"][1]["options"][2]["points"] = 3  # C.7 in a transcript already corrected
    with pytest.raises(ValidationError) as error:
        apply_corrections(source, ["sheet4-C7-typo"])
    assert error.value.messages == [
        "The correction “sheet4-C7-typo” does not fit the source: sheet 4, C.7 does not read as that correction "
        "expects."
    ]


def test_an_unknown_correction_is_refused(english):
    with pytest.raises(ValidationError) as error:
        apply_corrections(copy.deepcopy(TRANSCRIPT), ["sheet99-typo"])
    assert error.value.messages == ["Unknown correction “sheet99-typo”."]
