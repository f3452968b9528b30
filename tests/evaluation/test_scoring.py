"""Worked examples computed by hand on the QĐ 26/2026 sheets. Option numbers are 1-based in the printed order;
"opt3=2" in a comment means "option 3, worth 2 points". No database needed."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from ocop.evaluation.domain.scoring import final_star, score_council, score_sheet

TEN = Decimal("10")
NO_UNMET = {3: (), 4: (), 5: ()}

# Sheet 1 (fresh vegetables and fruit), a 4-star grape grower.
# A: 1.1 opt3=3, 1.2 opt2=1, 1.3 opt2=2, 1.4 opt2=2, 1.5 opt3=2, 1.6 opt2=2, 1.7 opt2=1 → 13
#    2.1 opt3=3, 2.2 opt3=2, 2.3 opt3=3, 2.4 opt2=1 (yes) → 9
#    3.1 opt3=3, 3.2 opt1=0, 3.3 opt3=3, 3.4 opt2=2, 3.5 opt2=2 → 10            A = 32
# B: 4.1 opt3=3, 4.2 opt3=2, 4.3 opt4=3 → 8; 5.1 opt5=5, 5.2 opt3=2, 5.3 opt3=3 → 10   B = 18
# C: 6.1 opt3=2, 6.2 opt4=3, 6.3 opt3=2, 6.4 opt4=3 → 10; 7 opt2=1, 8 opt3=3, 9 opt2=4, 10 opt2=3, 11 opt2=2,
#    12 opt1=1 → 14                                                                  C = 24
# Total 74. Every 3- and 4-star minimum is met (1.5 ≥ 2, 1.6 ≥ 1, 2.1 ≥ 3, 2.2 ≥ 2, 2.3 ≥ 3, 3.4 ≥ 2, 3.5 ≥ 2,
# 4.1 ≥ 3, 5.1 ≥ 5, 5.3 ≥ 1, 6.1 ≥ 2, 6.2 ≥ 3, 8 ≥ 3, 9 ≥ 2, 10 ≥ 3); the 5-star minima of 1.3 (3), 1.5 (3) and
# 4.1 (5) are not.
SHEET1_GRAPES = {
    "1.1": 3, "1.2": 2, "1.3": 2, "1.4": 2, "1.5": 3, "1.6": 2, "1.7": 2,
    "2.1": 3, "2.2": 3, "2.3": 3, "2.4": 2,
    "3.1": 3, "3.2": 1, "3.3": 3, "3.4": 2, "3.5": 2,
    "4.1": 3, "4.2": 3, "4.3": 4,
    "5.1": 5, "5.2": 3, "5.3": 3,
    "6.1": 3, "6.2": 4, "6.3": 3, "6.4": 4,
    "7": 2, "8": 3, "9": 2, "10": 2, "11": 2, "12": 1,
}  # fmt: skip
# The same but 2.1 opt2=1 (−2, below its 4-star minimum of 3), 4.2 opt4=3 (+1), 4.3 opt5=5 (+2): A 30, B 21, C 24 = 75.
SHEET1_STRICT = SHEET1_GRAPES | {"2.1": 2, "4.2": 4, "4.3": 5}


def test_sheet_1_one_assessor(sheets):
    result = score_sheet(sheets[1], SHEET1_GRAPES)
    assert result.parts == {"A": Decimal(32), "B": Decimal(18), "C": Decimal(24)}
    assert result.total == Decimal(74)
    assert result.unanswered == ()
    assert result.unmet_minima == {3: (), 4: (), 5: ("1.3", "1.5", "4.1")}
    assert result.disqualified is False


def test_sheet_1_mean_74_50_missing_a_4_star_minimum_is_3_stars(sheets, bands):
    # Mean (74 + 75) / 2 = 74.50, in the 4-star band. Consensus on 2.1: the lower middle of (3, 1) = 1 < 3, so the
    # 4-star minimum of 2.1 is missed and the product gets 3 stars (every 3-star minimum is met).
    result = score_council(
        sheets[1], [("Ủy viên A", SHEET1_GRAPES), ("Ủy viên B", SHEET1_STRICT)], bands=bands, allowed_spread=TEN
    )
    assert [(member.name, member.total) for member in result.members] == [
        ("Ủy viên A", Decimal(74)),
        ("Ủy viên B", Decimal(75)),
    ]
    assert result.members[1].parts == {"A": Decimal(30), "B": Decimal(21), "C": Decimal(24)}
    assert result.mean == Decimal("74.50")
    assert result.band == 4
    assert result.unmet_minima == {3: (), 4: ("2.1",), 5: ("1.3", "1.5", "4.1")}
    assert result.star == 3
    assert result.recognised is True
    assert result.spread == Decimal(1)
    assert result.spread_exceeded is False
    assert result.median == Decimal("74.50")
    assert result.stdev == Decimal("0.50")  # population: |74 − 74.5| = |75 − 74.5| = 0.5


def test_a_minimum_is_met_when_more_than_half_the_members_meet_it(sheets, bands):
    # Three members: 2.1 points (3, 1, 3), lower median 3 ≥ 3, met. Mean (74 + 75 + 74) / 3 = 74.333… → 74.33, 4 stars.
    result = score_council(
        sheets[1],
        [("A", SHEET1_GRAPES), ("B", SHEET1_STRICT), ("C", SHEET1_GRAPES)],
        bands=bands,
        allowed_spread=TEN,
    )
    assert result.mean == Decimal("74.33")
    assert result.unmet_minima[4] == ()
    assert result.star == 4
    assert result.median == Decimal("74.00")


# Sheet 9 (fish sauce), every 4-star minimum met at its lowest.
# A: 1.1 opt2=3, 1.2 opt2=2, 1.3 opt2=2, 1.4 opt3=2, 1.5 opt1=1, 1.6 opt2=1 → 11
#    2.1 opt4=3, 2.2 opt3=2, 2.3 opt3=3, 2.4 opt1=0 (no) → 8
#    3.1 opt3=3, 3.2 opt1=0, 3.3 opt3=3, 3.4 opt2=2, 3.5 opt2=2 → 10                   A = 29
# B: 4.1 opt3=3, 4.2 opt3=2, 4.3 opt4=3 → 8; 5.1 opt5=5, 5.2 opt2=1, 5.3 opt3=3 → 9      B = 17
# C: 6.1–6.5 opt3=2 each → 10; 7 opt3=3, 8 opt2=4, 9 opt2=3, 10 opt2=2, 11 opt2=2 → 14    C = 24
# Total 70. Missed 5-star minima: 1.4 (3), 4.1 (5), 6.3 (3), 6.4 (3), 6.5 (4), 7 (5).
SHEET9_FISH_SAUCE = {
    "1.1": 2, "1.2": 2, "1.3": 2, "1.4": 3, "1.5": 1, "1.6": 2,
    "2.1": 4, "2.2": 3, "2.3": 3, "2.4": 1,
    "3.1": 3, "3.2": 1, "3.3": 3, "3.4": 2, "3.5": 2,
    "4.1": 3, "4.2": 3, "4.3": 4,
    "5.1": 5, "5.2": 2, "5.3": 3,
    "6.1": 3, "6.2": 3, "6.3": 3, "6.4": 3, "6.5": 3,
    "7": 3, "8": 2, "9": 2, "10": 2, "11": 2,
}  # fmt: skip


def test_sheet_9_mean_of_exactly_70_with_minima_met_is_4_stars(sheets, bands):
    # Totals 70, 71 (2.4 yes: +1) and 69 (5.2 opt1=0: −1): mean 210 / 3 = 70.00.
    members = [
        ("Chủ tịch", SHEET9_FISH_SAUCE),
        ("Ủy viên 1", SHEET9_FISH_SAUCE | {"2.4": 2}),
        ("Ủy viên 2", SHEET9_FISH_SAUCE | {"5.2": 1}),
    ]
    result = score_council(sheets[9], members, bands=bands, allowed_spread=TEN)
    assert [member.total for member in result.members] == [Decimal(70), Decimal(71), Decimal(69)]
    assert result.members[0].parts == {"A": Decimal(29), "B": Decimal(17), "C": Decimal(24)}
    assert result.mean == Decimal("70.00")
    assert result.band == 4
    assert result.star == 4
    assert result.recognised is True
    assert result.unmet_minima == {3: (), 4: (), 5: ("1.4", "4.1", "6.3", "6.4", "6.5", "7")}
    assert result.spread == Decimal(2)
    assert result.median == Decimal("70.00")
    assert result.stdev == Decimal("0.82")  # population: √((1 + 0 + 1) / 3) = 0.8165


# Sheet 15 (wine): the best option everywhere is 40 + 25 + 35 = 100.
# Member 2: 1.2 opt2=2 (−1), 4.3 opt4=3 (−2), 6.3 opt4=3 (−2), 10 opt2=3 (−2): A 39, B 23, C 31 = 93.
# Member 3: member 2 with 1.3 opt2=2 (−1), 4.3 opt1=0 (−3), 5.3 opt2=1 (−4), 6.4 opt3=2 (−3), 10 opt1=1 (−2):
#           A 38, B 16, C 26 = 80.
def _best(sheet):
    return {leaf.code: len(leaf.options) for leaf in sheet.leaves}


def test_sheet_15_five_stars_with_a_spread_above_the_allowed_10_points(sheets, bands):
    best = _best(sheets[15])
    second = best | {"1.2": 2, "4.3": 4, "6.3": 4, "10": 2}
    third = second | {"1.3": 2, "4.3": 1, "5.3": 2, "6.4": 3, "10": 1}
    result = score_council(sheets[15], [("1", best), ("2", second), ("3", third)], bands=bands, allowed_spread=TEN)
    assert [member.total for member in result.members] == [Decimal(100), Decimal(93), Decimal(80)]
    assert result.members[2].parts == {"A": Decimal(38), "B": Decimal(16), "C": Decimal(26)}
    # Mean 273 / 3 = 91.00. 6.4 points (5, 5, 2): lower median 5 meets the 4-star minimum 3; the 5-star minima
    # (1.4: 3, 4.1: 5, 7: 5) are chosen by everyone.
    assert result.mean == Decimal("91.00")
    assert result.band == 5
    assert result.star == 5
    assert result.unmet_minima == NO_UNMET
    assert result.spread == Decimal(20)
    assert result.spread_exceeded is True  # advice for the council to discuss and re-score; the result stands
    assert result.median == Decimal("93.00")
    assert result.stdev == Decimal("8.29")  # √((9² + 2² + 11²) / 3) = √68.67 = 8.287


def test_a_disqualified_product_is_not_ranked_whatever_the_score(sheets, bands):
    best = _best(sheets[15])
    result = score_council(sheets[15], [("1", best)], bands=bands, allowed_spread=TEN, disqualifying_findings=1)
    assert result.mean == Decimal("100.00")
    assert result.band == 5
    assert result.star is None
    assert result.recognised is False
    assert result.disqualified is True


# Sheet 21 (Bàu Trúc pottery).
# A: 1.1 opt3=4, 1.2 opt2=2, 1.3 opt2=2, 1.4 opt3=2, 1.5 opt2=2, 1.6 opt2=1 → 13
#    2.1 opt4=4, 2.2 opt3=4, 2.3 opt2=1 (bilingual: yes) → 9
#    3.1 opt3=3, 3.2 opt2=1, 3.3 opt3=3, 3.4 opt2=2, 3.5 opt2=2 → 11                   A = 33
# B: 4.1 opt3=3, 4.2 opt3=2, 4.3 opt3=2 → 7; 5.1 opt5=5, 5.2 opt3=2, 5.3 opt3=3 → 10      B = 17
# C: 6.1 opt3=3, 6.2 opt2=3, 6.3 opt3=2, 6.4 opt3=2, 6.5 opt2=3 → 13; 7 opt2=2, 8 opt2=3, 9 opt2=3 → 8   C = 21
# Total 71: 4 stars; 5-star minima missed: 1.4 (4), 4.1 (5), 6.1 (5), 6.2 (5).
SHEET21_POTTERY = {
    "1.1": 3, "1.2": 2, "1.3": 2, "1.4": 3, "1.5": 2, "1.6": 2,
    "2.1": 4, "2.2": 3, "2.3": 2,
    "3.1": 3, "3.2": 2, "3.3": 3, "3.4": 2, "3.5": 2,
    "4.1": 3, "4.2": 3, "4.3": 3,
    "5.1": 5, "5.2": 3, "5.3": 3,
    "6.1": 3, "6.2": 2, "6.3": 3, "6.4": 3, "6.5": 2,
    "7": 2, "8": 2, "9": 2,
}  # fmt: skip


@pytest.mark.parametrize(("disqualified", "star", "recognised"), [(False, 4, True), (True, None, False)])
def test_sheet_21_pottery(sheets, bands, disqualified, star, recognised):
    result = score_council(
        sheets[21],
        [("Ủy viên", SHEET21_POTTERY)],
        bands=bands,
        allowed_spread=TEN,
        disqualifying_findings=int(disqualified),
    )
    assert result.members[0].parts == {"A": Decimal(33), "B": Decimal(17), "C": Decimal(21)}
    assert result.mean == Decimal("71.00")
    assert result.band == 4
    assert result.unmet_minima == {3: (), 4: (), 5: ("1.4", "4.1", "6.1", "6.2")}
    assert (result.star, result.recognised, result.disqualified) == (star, recognised, disqualified)
    assert result.spread == Decimal(0)
    assert result.stdev == Decimal("0.00")


# Sheet 26 (community tourism). Member 1 answers C.8, C.9 and C.15 from case 1 (options 1–2), member 2 from case 2
# (options 3–4), which carry the same points.
# A: 1.1 opt2=3, 1.2 opt2=3, 1.3 opt3=3, 1.4 opt1=1 → 10; 2.1 opt2=3, 2.2 opt2=2, 2.3 opt2=3 → 8;
#    3.1 opt3=3, 3.2 opt2=1, 3.3 opt3=4, 3.4 opt1=1, 3.5 opt2=2 → 11                    A = 29
# B: 4.1 opt2=3, 4.2 opt2=2, 4.3 opt2=2, 4.4 opt3=3, 4.5 opt2=2 → 12; 5.1 opt2=2, 5.2 opt2=2, 5.3 opt1=1 → 5   B = 17
# C: 6 opt3=3, 7 opt2=2, 8 opt2=3, 9 opt1=1, 10 opt2=2, 11 opt2=2, 12 opt2=2, 13 opt3=3, 14 opt2=2, 15 opt1=1,
#    16 opt2=2, 17 opt1=1 → 24                                                        C = 24; total 70
# Member 2: 8 opt4=3 (same), 9 opt4=2 (+1), 15 opt3=1 (same): C = 25, total 71.
SHEET26_CASE_1 = {
    "1.1": 2, "1.2": 2, "1.3": 3, "1.4": 1,
    "2.1": 2, "2.2": 2, "2.3": 2,
    "3.1": 3, "3.2": 2, "3.3": 3, "3.4": 1, "3.5": 2,
    "4.1": 2, "4.2": 2, "4.3": 2, "4.4": 3, "4.5": 2,
    "5.1": 2, "5.2": 2, "5.3": 1,
    "6": 3, "7": 2, "8": 2, "9": 1, "10": 2, "11": 2, "12": 2, "13": 3, "14": 2, "15": 1, "16": 2, "17": 1,
}  # fmt: skip
SHEET26_CASE_2 = SHEET26_CASE_1 | {"8": 4, "9": 4, "15": 3}


def test_sheet_26_either_printed_case_scores_and_a_missed_4_star_minimum_gives_3_stars(sheets, bands):
    result = score_council(sheets[26], [("1", SHEET26_CASE_1), ("2", SHEET26_CASE_2)], bands=bands, allowed_spread=TEN)
    assert [member.parts for member in result.members] == [
        {"A": Decimal(29), "B": Decimal(17), "C": Decimal(24)},
        {"A": Decimal(29), "B": Decimal(17), "C": Decimal(25)},
    ]
    # Mean 70.50 is in the 4-star band, but both chose 3.4 opt1=1 below its 4-star minimum of 3.
    assert result.mean == Decimal("70.50")
    assert result.band == 4
    assert result.unmet_minima == {3: (), 4: ("3.4",), 5: ()}
    assert result.star == 3
    assert result.recognised is True


@pytest.mark.parametrize(
    ("score", "star", "recognised"),
    [
        (Decimal("0.00"), 1, False),
        (Decimal("29.99"), 1, False),
        (Decimal("30.00"), 2, False),
        (Decimal("49.99"), 2, False),
        (Decimal("50.00"), 3, True),
        (Decimal("69.99"), 3, True),
        (Decimal("70.00"), 4, True),
        (Decimal("89.99"), 4, True),
        (Decimal("90.00"), 5, True),
        (Decimal("100.00"), 5, True),
    ],
)
def test_band_edges(bands, score, star, recognised):
    assert final_star(score=score, unmet_minima=NO_UNMET, bands=bands, disqualified=False) == star
    assert bands.is_recognised(star) is recognised


@pytest.mark.parametrize(
    ("unmet", "star"),
    [
        ({3: (), 4: (), 5: ("1.3",)}, 4),
        ({3: (), 4: ("2.1",), 5: ()}, 3),
        ({3: ("2.2",), 4: (), 5: ()}, 2),  # a missed 3-star minimum drops a 5-star score to 2 stars
    ],
)
def test_minima_are_cumulative(bands, unmet, star):
    assert final_star(score=Decimal("95.00"), unmet_minima=unmet, bands=bands, disqualified=False) == star


def test_the_bilingual_label_criterion_is_option_1_no_option_2_yes(sheets):
    without = score_sheet(sheets[1], SHEET1_GRAPES | {"2.4": 1})
    assert without.parts["A"] == Decimal(31)
    assert score_sheet(sheets[1], SHEET1_GRAPES | {"2.4": 2}).parts["A"] == Decimal(32)


def test_unanswered_leaves_are_listed_and_count_as_missing_their_minima(sheets):
    answers = {code: option for code, option in SHEET1_GRAPES.items() if code not in ("2.2", "12")}
    result = score_sheet(sheets[1], answers)
    assert result.unanswered == ("2.2", "12")
    assert result.total == Decimal(71)  # 74 − 2 (2.2) − 1 (12)
    assert result.unmet_minima[3] == ("2.2",)


def test_unknown_leaves_and_options_are_refused(sheets, english):
    with pytest.raises(ValidationError) as error:
        score_sheet(sheets[1], SHEET1_GRAPES | {"9.9": 1, "1.1": 4, "1.2": 0, "1.3": True})
    assert error.value.messages == [
        "Criterion 1.1 has no option 4; choose 1 to 3.",
        "Criterion 1.2 has no option 0; choose 1 to 3.",
        "Criterion 1.3 has no option True; choose 1 to 3.",
        "Sheet 1 has no criterion 9.9.",
    ]


def test_a_council_needs_every_member_to_answer_every_leaf(sheets, bands, english):
    incomplete = {code: option for code, option in SHEET1_GRAPES.items() if code != "7"}
    with pytest.raises(ValidationError) as error:
        score_council(
            sheets[1],
            [("An", SHEET1_GRAPES), ("Bình", incomplete), ("Chi", SHEET1_GRAPES | {"7": 9})],
            bands=bands,
            allowed_spread=TEN,
        )
    assert error.value.messages == ["Bình has not answered 7.", "Chi: Criterion 7 has no option 9; choose 1 to 3."]
    with pytest.raises(ValidationError) as error:
        score_council(sheets[1], [], bands=bands, allowed_spread=TEN)
    assert error.value.messages == ["A council result needs at least one member's answers."]
