"""The national export holds the results of the Ministry's own council, whose council and round have no area."""

import pytest
from django.utils import timezone

from ocop.accounts.enums import Role
from ocop.councils.domain import decisions, membership, results, sessions
from ocop.dossiers.domain.workflow import accept_dossier
from ocop.national.domain.export import build_export, validate_export
from tests.councils.test_central_council import _score
from tests.councils.test_ministry_council import KHANH_HOA, _sent_up
from tests.factories import make_session, make_user

pytestmark = pytest.mark.django_db


def test_a_result_of_the_ministrys_council_is_exported_without_an_area():
    ministry = make_user(Role.MINISTRY_OFFICE)
    dossier = _sent_up(KHANH_HOA, name="Nước mắm Cà Ná")
    council = membership.create_council(actor=ministry, name="Hội đồng cấp Trung ương", level="central", unit=None)
    for role in ("chair", "secretary", "member"):
        membership.add_member(actor=ministry, council=council, user=make_user(Role.COUNCIL_MEMBER), role=role)
    accept_dossier(actor=ministry, dossier=dossier)
    session = make_session(council, [dossier])
    sessions.auto_assign(actor=ministry, session=session)
    _score(session, {dossier.pk: None})
    results.close_session(actor=ministry, session=session)
    decisions.approve_decision(
        actor=ministry,
        session=session,
        number="12/QĐ-BNNMT",
        decided_on=timezone.localdate(),
        issuing_body="Bộ Nông nghiệp và Môi trường",
        signer_name="Nguyễn Văn Hòa",
        signer_title="Thứ trưởng",
    )

    document = build_export(actor=None)

    assert validate_export(document) == []
    central = [e for e in document["evaluations"] if e["council"]["level"] == "central"]
    assert [(e["council"]["area"], e["round"]["area"], e["stars"]) for e in central] == [(None, None, 5)]
