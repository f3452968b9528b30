"""The Ministry (5★) has its own rounds: received by 30/01 decided by 30/03, by 30/07 decided by 30/09; districts and
provinces keep 30/04 → 30/06 and 30/10 → 30/12."""

import datetime
import json

import pytest
from django.core.exceptions import ValidationError

from ocop.dossiers.domain.routing import round_for
from ocop.dossiers.enums import Level
from ocop.evaluation.definitions import CouncilRound
from ocop.evaluation.domain.rule_sets import BUILTIN_DIR, load_rule_set, rule_set_named
from tests.factories import unit

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.mark.parametrize("identifier", ["QD148-2023", "QD1489-2025", "QD26-2026"])
def test_the_ministry_and_the_province_have_their_own_rounds(identifier):
    rules = rule_set_named(identifier)
    assert rules.rounds(2026, Level.CENTRAL) == (
        CouncilRound(cutoff=D(2026, 1, 30), decision_by=D(2026, 3, 30)),
        CouncilRound(cutoff=D(2026, 7, 30), decision_by=D(2026, 9, 30)),
    )
    assert (
        rules.rounds(2026, Level.PROVINCE)
        == rules.rounds(2026, Level.DISTRICT)
        == (
            CouncilRound(cutoff=D(2026, 4, 30), decision_by=D(2026, 6, 30)),
            CouncilRound(cutoff=D(2026, 10, 30), decision_by=D(2026, 12, 30)),
        )
    )


@pytest.mark.parametrize(
    ("level", "received_on", "cutoff", "decision_due"),
    [
        (Level.CENTRAL, D(2026, 7, 15), D(2026, 7, 30), D(2026, 9, 30)),
        (Level.CENTRAL, D(2026, 8, 10), D(2027, 1, 30), D(2027, 3, 30)),
        (Level.CENTRAL, D(2026, 1, 30), D(2026, 1, 30), D(2026, 3, 30)),
        (Level.PROVINCE, D(2026, 8, 10), D(2026, 10, 30), D(2026, 12, 30)),
        (Level.PROVINCE, D(2026, 11, 2), D(2027, 4, 30), D(2027, 6, 30)),
    ],
)
def test_a_dossier_joins_the_next_round_of_its_level(level, received_on, cutoff, decision_due):
    khanh_hoa = unit("56", "province", "from_2025")
    joined = round_for(level=level, unit=khanh_hoa, received_on=received_on, rule_set=rule_set_named("QD26-2026"))
    assert (joined.level, joined.cutoff, joined.decision_due) == (level, cutoff, decision_due)


def test_a_rule_set_may_give_the_ministrys_rounds_itself(tmp_path):
    document = json.loads((BUILTIN_DIR / "qd1489_2025.json").read_text(encoding="utf-8"))
    document["identifier"] = "QD1489-2025-BO"
    document["procedure"] |= {"central_round_cutoffs": ["08-15"], "central_round_decision_dates": ["10-15"]}
    path = tmp_path / "bo.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    rules = load_rule_set(actor=None, path=path).rule_set
    assert rules.rounds(2025, Level.CENTRAL) == (CouncilRound(cutoff=D(2025, 8, 15), decision_by=D(2025, 10, 15)),)

    document["identifier"] = "QD1489-2025-BO-SAI"
    document["procedure"]["central_round_decision_dates"] = ["10-15", "11-15"]
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ValidationError) as refused:
        load_rule_set(actor=None, path=path)
    assert "một ngày quyết định cho mỗi hạn nhận hồ sơ" in " ".join(refused.value.messages)
