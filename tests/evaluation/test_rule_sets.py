import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from ocop.common.models import ActivityLog
from ocop.evaluation.definitions import CouncilRound, ReevaluationWindow
from ocop.evaluation.domain.rule_sets import (
    BUILTIN_DIR,
    load_builtin_rule_sets,
    load_rule_set,
    rule_set_in_force,
    score_under,
)
from ocop.evaluation.enums import RecognitionLevel
from ocop.evaluation.models import CriteriaSheet, RuleSet
from tests.evaluation.test_corrections import BUILT_IN_CORRECTIONS
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def builtin():
    return {result.rule_set.identifier: result.rule_set for result in load_builtin_rule_sets(actor=None)}


def counts():
    return (
        RuleSet.objects.count(),
        CriteriaSheet.objects.count(),
        ActivityLog.objects.filter(verb="evaluation.rule_set_loaded").count(),
    )


def test_loading_the_builtin_rule_sets_again_is_a_no_op():
    first = load_builtin_rule_sets(actor=None)  # the test database may hold them already
    before = counts()
    again = load_builtin_rule_sets(actor=None)
    assert [(result.rule_set.identifier, result.created) for result in again] == [
        ("QD1048-2019", False),
        ("QD148-2023", False),
        ("QD1489-2025", False),
        ("QD26-2026", False),
    ]
    assert [result.rule_set.pk for result in again] == [result.rule_set.pk for result in first]
    assert counts() == before
    assert RuleSet.objects.filter(identifier__in=["QD1048-2019", "QD148-2023", "QD1489-2025", "QD26-2026"]).count() == 4


def test_a_load_writes_the_set_its_sheets_and_a_log_entry_once():
    actor = make_user()
    before = counts()
    result = load_rule_set(actor=actor, path=BUILTIN_DIR / "qd26_2026.json", identifier="QD26-2026-r2")
    assert result.created is True
    assert counts() == (before[0] + 1, before[1] + 26, before[2] + 1)
    rule_set = result.rule_set
    assert rule_set.loaded_by == actor
    entry = ActivityLog.objects.get(verb="evaluation.rule_set_loaded", target_id=str(rule_set.pk))
    assert entry.actor == actor
    assert entry.data == {
        "identifier": "QD26-2026-r2",
        "valid_from": "2026-05-22",
        "valid_to": None,
        "sheets": 26,
        "corrections": list(BUILT_IN_CORRECTIONS),
        "content_hash": rule_set.content_hash,
    }
    for code in BUILT_IN_CORRECTIONS:
        assert f"[{code}]" in rule_set.provenance
    again = load_rule_set(actor=actor, path=BUILTIN_DIR / "qd26_2026.json", identifier="QD26-2026-r2")
    assert (again.rule_set, again.created) == (rule_set, False)
    assert counts() == (before[0] + 1, before[1] + 26, before[2] + 1)


@pytest.mark.parametrize(
    ("day", "identifier"),
    [
        (datetime.date(2021, 12, 28), "QD1048-2019"),
        (datetime.date(2023, 2, 23), "QD1048-2019"),
        (datetime.date(2023, 2, 24), "QD148-2023"),
        (datetime.date(2024, 3, 15), "QD148-2023"),
        (datetime.date(2025, 7, 5), "QD148-2023"),
        (datetime.date(2025, 7, 6), "QD1489-2025"),
        (datetime.date(2025, 9, 1), "QD1489-2025"),
        (datetime.date(2026, 5, 21), "QD1489-2025"),
        (datetime.date(2026, 5, 22), "QD26-2026"),
        (datetime.date(2026, 6, 1), "QD26-2026"),  # 1489 has not lapsed yet; the later valid_from wins
        (datetime.date(2026, 11, 28), "QD26-2026"),
    ],
)
def test_rule_set_in_force(builtin, day, identifier):
    assert rule_set_in_force(day).identifier == identifier


def test_no_rule_set_before_qd_1048(builtin, english):
    with pytest.raises(RuleSet.DoesNotExist, match=r"^No rule set is in force on 20/08/2019\.$"):
        rule_set_in_force(datetime.date(2019, 8, 20))


def test_a_corrected_set_loaded_later_with_the_same_start_replaces_the_one_it_corrects(builtin):
    corrected = load_rule_set(actor=None, path=BUILTIN_DIR / "qd26_2026.json", identifier="QD26-2026-r2").rule_set
    assert corrected.valid_from == builtin["QD26-2026"].valid_from
    assert rule_set_in_force(datetime.date(2026, 11, 28)) == corrected


def test_procedure_under_qd_148(builtin):
    rule_set = builtin["QD148-2023"]
    assert rule_set.evaluation_level == "district"
    assert [rule_set.recognition_level_for(stars) for stars in (2, 3, 4, 5)] == [
        None,
        RecognitionLevel.DISTRICT,
        RecognitionLevel.PROVINCE,
        RecognitionLevel.CENTRAL,
    ]
    assert rule_set.reevaluation_window() is None
    assert rule_set.expiry_notice_days == 30


def test_procedure_under_qd_1489(builtin):
    rule_set = builtin["QD1489-2025"]
    assert rule_set.evaluation_level == "province"
    assert [rule_set.recognition_level_for(stars) for stars in (3, 4, 5)] == ["province", "province", "central"]
    assert rule_set.valid_to == datetime.date(2026, 7, 21)


def test_procedure_under_qd_26(builtin):
    rule_set = builtin["QD26-2026"]
    assert rule_set.evaluation_level == "province"
    assert rule_set.recognition_level_for(3) == "province"
    assert rule_set.forward_to_central_min_score == Decimal("90")
    assert rule_set.certificate_validity_months == 36
    window = rule_set.reevaluation_window()
    assert window == ReevaluationWindow(earliest_days=180, latest_days=120)
    # 30/06/2029 − 180 days = 01/01/2029; − 120 days = 02/03/2029 (February 2029 has 28 days).
    assert window.dates_for(datetime.date(2029, 6, 30)) == (datetime.date(2029, 1, 1), datetime.date(2029, 3, 2))
    assert rule_set.expiry_notice_days == 180
    assert rule_set.commune_review_working_days == 15
    assert rule_set.revocation_decision_days == 15
    assert rule_set.reevaluation_decision_days == 45
    assert rule_set.rounds(2026) == (
        CouncilRound(cutoff=datetime.date(2026, 4, 30), decision_by=datetime.date(2026, 6, 30)),
        CouncilRound(cutoff=datetime.date(2026, 10, 30), decision_by=datetime.date(2026, 12, 30)),
    )
    assert rule_set.max_member_spread == Decimal("10")
    assert rule_set.quorum_fraction == Decimal("0.75")
    assert rule_set.bands.stars == (1, 2, 3, 4, 5)
    assert rule_set.part_maxima == {"A": "40", "B": "25", "C": "35"}


def test_a_sheet_is_read_in_one_query(builtin, django_assert_num_queries):
    rule_set = builtin["QD26-2026"]
    with django_assert_num_queries(1):
        sheet = rule_set.sheet(9)
    assert (sheet.no, sheet.title, sheet.parts, len(sheet.leaves)) == (
        9,
        "Tương, nước mắm, gia vị dạng lỏng khác",
        ("A", "B", "C"),
        31,
    )


def test_unknown_sheets(builtin, english):
    with pytest.raises(ValidationError) as error:
        builtin["QD26-2026"].sheet(27)
    assert error.value.messages == ["The rule set QD26-2026 has no scoring sheet 27."]
    with pytest.raises(ValidationError) as error:
        builtin["QD148-2023"].sheet(9)
    assert error.value.messages == ["The rule set QD148-2023 holds the procedure only, no scoring sheets."]


def test_a_loaded_rule_set_is_never_changed(builtin, english):
    rule_set = builtin["QD26-2026"]
    rule_set.title = "Sửa tay"
    with pytest.raises(ValidationError, match="never changed"):
        rule_set.save()
    sheet = rule_set.sheets.get(no=1)
    sheet.title = "Sửa tay"
    with pytest.raises(ValidationError, match="never changed"):
        sheet.save()
    assert RuleSet.objects.get(pk=rule_set.pk).title.startswith("Bộ tiêu chí")


def test_score_under_uses_the_rule_sets_bands_and_spread(builtin):
    rule_set = builtin["QD26-2026"]
    best = {leaf.code: len(leaf.options) for leaf in rule_set.sheet(26).leaves}
    worst = dict.fromkeys(best, 1)
    result = score_under(rule_set, sheet_no=26, members=[("1", best), ("2", worst)])
    # Option 1 is worth 1 point on each of the 32 leaves of sheet 26 except 3.2 (0): 31. Mean (100 + 31) / 2 = 65.50,
    # 3 stars: the only 3-star minimum, 3.5 option 1, is met by both.
    assert [member.total for member in result.members] == [Decimal(100), Decimal(31)]
    assert (result.mean, result.band, result.star) == (Decimal("65.50"), 3, 3)
    assert (result.allowed_spread, result.spread_exceeded) == (Decimal("10"), True)
    assert score_under(rule_set, sheet_no=26, members=[("1", best)], allowed_spread=Decimal(0)).spread_exceeded is False
