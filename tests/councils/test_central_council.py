"""The Ministry's (central) council, recorded by the province that sends it products: it recognises 5★."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from ocop.accounts.enums import Role
from ocop.certificates.models import Certificate
from ocop.common.models import ActivityLog
from ocop.councils.domain import decisions, membership, results, sessions, sheets
from ocop.councils.models import Council
from ocop.dossiers.enums import DossierState, Level
from tests.councils.test_councils import _answers_worth
from tests.factories import make_council, make_dossier, make_product, make_session, make_user, unit

pytestmark = pytest.mark.django_db

KHANH_HOA = ("56", "province", "from_2025")


def _score(session, totals: dict):
    """Every member scores each dossier: the best option everywhere (None) or answers worth about the total."""
    for sheet in session.assignments.select_related("dossier"):
        criteria = sheets.sheet_of(sheet)
        target = totals[sheet.dossier_id]
        answers = (
            {leaf.code: max(leaf.options, key=lambda o: o.points).order for leaf in criteria.leaves}
            if target is None
            else _answers_worth(criteria, target)
        )
        sheets.save_answers(actor=None, assignment=sheet, answers=answers)
        sheets.submit_sheet(actor=None, assignment=sheet)


def _sent_to_the_ministry():
    """Two products the provincial council scored 100: they wait at the central level, in their province."""
    council = make_council(members=3)
    dossiers = [make_dossier(make_product(product_set=9), state="accepted") for _ in range(2)]
    session = make_session(council, dossiers)
    sessions.auto_assign(actor=None, session=session)
    _score(session, {d.pk: None for d in dossiers})
    results.close_session(actor=None, session=session)
    draft = decisions.approve_decision(
        actor=None,
        session=session,
        number="5/QĐ-UBND",
        decided_on=timezone.localdate(),
        issuing_body="UBND tỉnh",
        signer_name="Trần Quốc Nam",
        signer_title="Phó Chủ tịch",
    )
    assert len(draft.sent_up) == 2
    for dossier in dossiers:
        dossier.refresh_from_db()
        assert (dossier.state, dossier.evaluation_level, dossier.evaluation_unit) == (
            DossierState.FORWARDED,
            Level.CENTRAL,
            council.unit,
        )
    return dossiers


def test_the_province_records_the_ministrys_council_which_recognises_5_stars(client):
    five, four = _sent_to_the_ministry()
    office = make_user(Role.PROVINCE_OFFICE)
    client.force_login(office)

    # The provincial office creates the central council on the Ministry's behalf; its area is the province.
    response = client.post(
        reverse("backoffice:council_create"),
        {"name": "Hội đồng cấp Trung ương", "level": "central", "unit": unit(*KHANH_HOA).pk, "established_by": ""},
    )
    assert response.status_code == 302
    council = Council.objects.get(level="central")
    assert council.unit == unit(*KHANH_HOA)
    for role in ("chair", "secretary", "member"):
        membership.add_member(actor=office, council=council, user=make_user(Role.COUNCIL_MEMBER), role=role)

    # It takes the products sent to the Ministry into the central round (its own checklist marks stand).
    for dossier in (five, four):
        assert client.post(reverse("backoffice:dossier_accept", args=[dossier.pk])).status_code == 302
        dossier.refresh_from_db()
        assert (dossier.state, dossier.round.level, dossier.round.unit) == (
            DossierState.ACCEPTED,
            Level.CENTRAL,
            council.unit,
        )
        # The Ministry's own round, decided by 30/03 or 30/09, never the province's 30/06 or 30/12.
        assert (dossier.round.decision_due.day, dossier.round.decision_due.month) in {(30, 3), (30, 9)}
        assert dossier.deadline == dossier.round.decision_due

    session = make_session(council, [five, four])
    sessions.auto_assign(actor=office, session=session)
    _score(session, {five.pk: None, four.pk: Decimal(80)})
    closed = {r.dossier_id: r for r in results.close_session(actor=office, session=session)}
    assert (closed[five.pk].star, closed[five.pk].recognised_by) == (5, "central")
    assert (closed[four.pk].star, closed[four.pk].recognised_by) == (4, "province")

    page = client.get(reverse("backoffice:session_detail", args=[session.pk]))
    assert page.status_code == 200
    assert page.context["decision_form"].initial["issuing_body"] == "Bộ Nông nghiệp và Môi trường"
    draft = page.context["draft"]
    assert ([r.dossier for r in draft.recognised], [r.dossier for r in draft.sent_back]) == ([five], [four])
    assert draft.sent_up == [] and draft.not_recognised == []

    response = client.post(
        reverse("backoffice:session_decide", args=[session.pk]),
        {
            "number": "99/QĐ-BNNMT",
            "decided_on": timezone.localdate().strftime("%d/%m/%Y"),
            "issuing_body": "Bộ Nông nghiệp và Môi trường",
            "signer_name": "Nguyễn Văn Hòa",
            "signer_title": "Thứ trưởng",
            "confirm": "on",
        },
    )
    assert response.status_code == 302
    certificate = Certificate.objects.get(product=five.product)
    assert (certificate.stars, certificate.decision.level, certificate.decision.number) == (5, "central", "99/QĐ-BNNMT")
    five.refresh_from_db()
    assert five.state == DossierState.RECOGNISED
    # Below 5★ the Ministry does not recognise it: it goes back to the province, which recognises 4★.
    four.refresh_from_db()
    assert (four.state, four.evaluation_level, four.evaluation_unit) == (
        DossierState.FORWARDED,
        Level.PROVINCE,
        council.unit,
    )
    assert not Certificate.objects.filter(product=four.product).exists()
    assert ActivityLog.objects.filter(verb="dossiers.sent_back", target_id=str(four.pk)).exists()


def test_a_central_councils_area_is_a_province():
    with pytest.raises(ValidationError) as refused:
        membership.create_council(
            actor=None, name="Hội đồng Trung ương", level="central", unit=unit("587", "district", "before_2025")
        )
    assert "unit" in refused.value.message_dict
    council = membership.create_council(actor=None, name="Hội đồng Trung ương", level="central", unit=unit(*KHANH_HOA))
    assert council.get_level_display() == "Bộ"


def test_a_district_officer_does_not_run_the_central_council(client):
    council = make_council(level="central", members=3)
    client.force_login(make_user(Role.DISTRICT_OFFICER))
    assert client.get(reverse("backoffice:council_detail", args=[council.pk])).status_code == 404
    client.force_login(make_user(Role.PROVINCE_OFFICE))
    assert client.get(reverse("backoffice:council_detail", args=[council.pk])).status_code == 200
