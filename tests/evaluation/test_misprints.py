"""Suspected misprints: found in the sheets, shown to the office and the calculator, corrected only by a rule set
the office chooses to load (sheet 7, A.3.1: printed 1 / 1 / 3 where 18 other sheets print 1 / 2 / 3)."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from ocop.accounts.enums import Role
from ocop.evaluation.definitions import sheet_from_document
from ocop.evaluation.domain.misprints import suspected_misprints
from ocop.evaluation.domain.rule_set_files import prepare_rule_set
from ocop.evaluation.domain.rule_sets import BUILTIN_DIR, load_builtin_rule_sets, rule_set_in_force
from ocop.evaluation.domain.scoring import score_council
from tests.factories import make_user

CORRECTED = BUILTIN_DIR / "qd26_2026_sheet7_corrected.json"
TEN = Decimal(10)


@pytest.fixture(scope="module")
def corrected_sheets():
    return {document["no"]: sheet_from_document(document) for document in prepare_rule_set(CORRECTED).sheets}


def test_the_built_in_sheets_have_two_suspects_and_sheet_7_is_compared_with_the_other_sheets(sheets):
    suspects = {(s.sheet, s.part, s.code): s for s in suspected_misprints(sheets.values())}
    assert sorted(suspects) == [(7, "A", "3.1"), (23, "C", "6.2")]
    sheet7 = suspects[7, "A", "3.1"]
    assert (sheet7.printed_text, sheet7.elsewhere_text, sheet7.elsewhere_sheets) == ("1 / 1 / 3", "1 / 2 / 3", 18)
    colour = suspects[23, "C", "6.2"]  # no other sheet prints these words: shown without a comparison
    assert (colour.printed_text, colour.elsewhere, colour.elsewhere_sheets) == ("1 / 1 / 3 / 5", None, 0)


def test_the_corrected_set_reads_option_2_as_2_points_and_leaves_the_rest_as_printed(sheets, corrected_sheets):
    assert [s.code for s in suspected_misprints(corrected_sheets.values())] == ["6.2"]
    points = [option.points for option in corrected_sheets[7].leaves_by_code["3.1"].options]
    assert points == [Decimal(1), Decimal(2), Decimal(3)]
    for no, sheet in sheets.items():
        if no != 7:
            assert corrected_sheets[no] == sheet


def _answers_totalling(sheet, total: int, fixed: dict[str, int]) -> dict[str, int]:
    """Best options everywhere, ``fixed`` kept, then criteria lowered one option at a time to ``total``, never
    below a 3- or 4-star minimum."""
    answers = {leaf.code: len(leaf.options) for leaf in sheet.leaves} | fixed
    current = sum(sheet.leaves_by_code[code].option(order).points for code, order in answers.items())
    for leaf in sheet.leaves:
        if leaf.code in fixed:
            continue
        floor = max(leaf.minimum_for(3) or 0, leaf.minimum_for(4) or 0)
        while answers[leaf.code] > 1 and current > total:
            drop = leaf.option(answers[leaf.code]).points - leaf.option(answers[leaf.code] - 1).points
            if current - drop < total or leaf.option(answers[leaf.code] - 1).points < floor:
                break
            answers[leaf.code] -= 1
            current -= drop
    assert current == total
    return answers


def test_a_dried_fruit_company_scores_69_as_printed_and_70_on_the_corrected_sheet(sheets, bands, corrected_sheets):
    answers = _answers_totalling(sheets[7], 69, {"3.1": 2})
    printed = score_council(sheets[7], [("Ủy viên", answers)], bands=bands, allowed_spread=TEN)
    corrected = score_council(corrected_sheets[7], [("Ủy viên", answers)], bands=bands, allowed_spread=TEN)
    assert (printed.mean, printed.star) == (Decimal("69.00"), 3)
    assert (corrected.mean, corrected.star) == (Decimal("70.00"), 4)


@pytest.mark.django_db
def test_the_office_sees_the_suspects_and_the_council_rules_and_chooses_the_corrected_set_by_loading_it(client):
    load_builtin_rule_sets()
    day = datetime.date(2026, 12, 1)
    built_in = rule_set_in_force(day)
    client.force_login(make_user(Role.PROVINCE_OFFICE))
    page = client.get(reverse("backoffice:rule_set_detail", args=[built_in.pk])).content.decode()
    assert "Phiếu 7, A.3.1</strong> – Loại hình tổ chức sản xuất - kinh doanh" in page
    assert "in 1 / 1 / 3 điểm;\n      18 phiếu khác in 1 / 2 / 3 cho cùng nội dung." in page
    assert "đạt khi quá nửa số phiếu của thành viên đạt" in page
    assert "chỉ cần một thành viên phát hiện lỗi loại trừ là sản phẩm bị loại" in page
    assert "75 % số thành viên chấm điểm" in page

    call_command("load_ruleset", str(CORRECTED), stdout=io.StringIO())
    chosen = rule_set_in_force(day)
    assert chosen.identifier == "QD26-2026-P7" and "sheet7-A3.1-equal-options" in chosen.provenance
    page = client.get(reverse("backoffice:rule_set_detail", args=[chosen.pk])).content.decode()
    assert "Phiếu 7, A.3.1</strong>" not in page and "Phiếu 23, C.6.2</strong>" in page


@pytest.mark.django_db
def test_the_calculator_marks_the_suspect_on_sheet_7_and_scores_it_as_printed(client):
    load_builtin_rule_sets()
    page = client.get(reverse("public:calculator_sheet", args=[7])).content.decode()
    assert page.count("nghi in sai") == 1
    assert "in 1 / 1 / 3 điểm; 18 phiếu khác in 1 / 2 / 3 cho cùng nội dung. Vẫn tính điểm theo bản in." in page
    assert "nghi in sai" not in client.get(reverse("public:calculator_sheet", args=[1])).content.decode()
