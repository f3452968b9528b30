import datetime
from decimal import Decimal

import pytest
from django.db import transaction

from ocop.common.domain.activity import history_of, log_action
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_log_action_records_actor_verb_target_and_json_safe_data():
    actor = make_user()
    target = make_user()
    with transaction.atomic():
        entry = log_action(
            actor=actor,
            verb="test.done",
            target=target,
            data={"day": datetime.date(2024, 12, 25), "amount": Decimal("1.5")},
        )
    assert entry.actor == actor
    assert entry.actor_name == actor.username
    assert entry.target_repr == str(target)
    assert entry.data == {"day": "2024-12-25", "amount": "1.5"}
    assert list(history_of(target)).count(entry) == 1


def test_system_actions_are_attributed_to_the_system():
    with transaction.atomic():
        entry = log_action(actor=None, verb="test.system")
    assert entry.actor is None
    assert entry.actor_name == "hệ thống"
