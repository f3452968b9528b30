"""Properties of the scoring rules over every QĐ 26/2026 sheet and any choice of options."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from ocop.evaluation.domain.scoring import score_council, score_sheet
from ocop.evaluation.enums import SHEET_NUMBERS, DisqualificationRule, MinimumRule

TEN = Decimal("10")


def draw_sheet(data, sheets):
    return sheets[data.draw(st.sampled_from(SHEET_NUMBERS), label="sheet")]


def draw_answers(data, sheet):
    return {leaf.code: data.draw(st.integers(1, len(leaf.options)), label=leaf.code) for leaf in sheet.leaves}


def draw_council(data, sheet):
    count = data.draw(st.integers(1, 5), label="members")
    return [(f"member {number}", draw_answers(data, sheet)) for number in range(count)]


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_any_choice_of_options_totals_between_0_and_100_and_equals_its_parts(sheets, data):
    sheet = draw_sheet(data, sheets)
    result = score_sheet(sheet, draw_answers(data, sheet))
    assert 0 <= result.total <= 100
    assert result.total == sum(result.parts.values())
    assert set(result.parts) == {"A", "B", "C"}
    assert result.unanswered == ()


@settings(max_examples=100, deadline=None)
@given(data=st.data(), size=st.integers(1, 6))
def test_a_council_that_answered_identically_has_that_members_total_as_its_mean(sheets, bands, data, size):
    sheet = draw_sheet(data, sheets)
    answers = draw_answers(data, sheet)
    result = score_council(sheet, [(str(n), answers) for n in range(size)], bands=bands, allowed_spread=TEN)
    assert result.mean == score_sheet(sheet, answers).total.quantize(Decimal("0.01"))
    assert result.spread == 0
    assert result.stdev == 0


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_duplicating_the_whole_council_changes_nothing(sheets, bands, data):
    sheet = draw_sheet(data, sheets)
    members = draw_council(data, sheet)
    once = score_council(sheet, members, bands=bands, allowed_spread=TEN)
    twice = score_council(sheet, members + members, bands=bands, allowed_spread=TEN)
    assert twice.mean == once.mean
    assert twice.star == once.star
    assert twice.unmet_minima == once.unmet_minima
    assert twice.spread == once.spread


@settings(max_examples=200, deadline=None)
@given(data=st.data(), findings=st.integers(min_value=0, max_value=3))
def test_the_star_never_exceeds_the_band(sheets, bands, data, findings):
    sheet = draw_sheet(data, sheets)
    result = score_council(
        sheet, draw_council(data, sheet), bands=bands, allowed_spread=TEN, disqualifying_findings=findings
    )
    if findings:
        assert (result.star, result.recognised) == (None, False)
    else:
        assert 1 <= result.star <= result.band
        assert result.recognised is (result.star >= 3)


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_a_minimum_met_by_every_member_is_met_by_majority_and_a_majority_finding_is_a_finding(sheets, bands, data):
    """The stricter rule never gives more stars: every member meeting a minimum is a majority meeting it; more than
    half of the members finding a fault is at least one finding it."""
    sheet = draw_sheet(data, sheets)
    members = draw_council(data, sheet)
    findings = data.draw(st.integers(min_value=0, max_value=len(members)))
    by = {
        (minimum, disqualification): score_council(
            sheet,
            members,
            bands=bands,
            allowed_spread=TEN,
            disqualifying_findings=findings,
            minimum_rule=minimum,
            disqualification_rule=disqualification,
        )
        for minimum in MinimumRule
        for disqualification in DisqualificationRule
    }
    for disqualification in DisqualificationRule:
        strict = by[MinimumRule.EVERY_MEMBER, disqualification].star or 0
        assert strict <= (by[MinimumRule.MAJORITY, disqualification].star or 0)
    for minimum in MinimumRule:
        assert (
            by[minimum, DisqualificationRule.MAJORITY].disqualified
            <= by[minimum, DisqualificationRule.ANY_MEMBER].disqualified
        )
