"""The national export holds the results of the Ministry's own council, whose council and round have no area."""

import pytest

from ocop.accounts.enums import Role
from ocop.national.domain.export import build_export, validate_export
from tests.councils.test_ministry_council import recognised_by_the_ministry
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_a_result_of_the_ministrys_council_is_exported_without_an_area():
    recognised_by_the_ministry(make_user(Role.MINISTRY_OFFICE))

    document = build_export(actor=None)

    assert validate_export(document) == []
    central = [e for e in document["evaluations"] if e["council"]["level"] == "central"]
    assert [(e["council"]["area"], e["round"]["area"], e["stars"]) for e in central] == [(None, None, 5)]
