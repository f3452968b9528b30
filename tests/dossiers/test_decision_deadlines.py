"""The decision deadlines the law sets, on the provincial office's task list: QĐ 26/2026's transition (dossiers
filed before 22/5/2026 decided within 60 days, re-evaluations within 30) and the 45 days of a re-evaluation."""

import datetime

import pytest
from django.urls import reverse

from ocop.accounts.enums import Role
from ocop.certificates.domain.issuing import register_certificate_from_records
from ocop.common.dates import add_months
from ocop.dossiers.domain.queries import tasks_for
from ocop.dossiers.domain.transition import decision_deadlines
from ocop.dossiers.enums import DossierKind
from tests.clock import today_is
from tests.factories import make_dossier, make_product, make_user

pytestmark = pytest.mark.django_db

D = datetime.date


def _reevaluation(filed_on, expiry, state="accepted"):
    product = make_product()
    register_certificate_from_records(
        actor=None, product=product, stars=3, decision_number="9/QĐ-UBND", decided_on=add_months(expiry, -36)
    )
    with today_is(filed_on):
        return make_dossier(product, kind=DossierKind.REEVALUATION, state=state, on=filed_on)


def _task(user, dossier):
    return next(task for task in tasks_for(user) if task.dossier == dossier)


def test_dossiers_filed_before_22_may_2026_are_due_60_or_30_days_after_it_on_the_office_list(client):
    first = make_dossier(state="accepted", on=D(2026, 5, 10))  # under QĐ 148/1489
    renewal = _reevaluation(D(2026, 5, 11), expiry=D(2026, 8, 31))
    office = make_user(Role.PROVINCE_OFFICE)
    assert decision_deadlines([first, renewal]) == {first.pk: D(2026, 7, 21), renewal.pk: D(2026, 6, 21)}
    assert first.round.decision_due == D(2026, 12, 30)
    assert (_task(office, first).deadline, _task(office, first).decision_due) == (D(2026, 7, 21), D(2026, 7, 21))
    assert _task(office, renewal).deadline == D(2026, 6, 21)
    assert _task(office, renewal).overdue
    client.force_login(office)
    page = client.get(reverse("backoffice:my_tasks")).content.decode()
    assert "hạn quyết định theo quy định: 21/07/2026" in page
    assert "Đưa hồ sơ ra hội đồng chấm điểm và quyết định" in page


def test_a_reevaluation_under_qd26_is_due_45_days_after_filing():
    renewal = _reevaluation(D(2026, 6, 10), expiry=D(2026, 9, 30))
    assert renewal.rule_set.identifier == "QD26-2026"
    assert decision_deadlines([renewal]) == {renewal.pk: D(2026, 7, 25)}  # 10/6/2026 + 45 days
    assert _task(make_user(Role.PROVINCE_OFFICE), renewal).deadline == D(2026, 7, 25)


def test_a_first_evaluation_under_qd26_keeps_its_round_and_stays_off_the_list_once_accepted():
    dossier = make_dossier(state="accepted", on=D(2026, 6, 1))
    assert decision_deadlines([dossier]) == {dossier.pk: None}
    assert dossier not in [task.dossier for task in tasks_for(make_user(Role.PROVINCE_OFFICE))]


def test_the_commune_does_not_get_the_decision_tasks():
    renewal = _reevaluation(D(2026, 6, 10), expiry=D(2026, 9, 30))
    commune_officer = make_user(Role.COMMUNE_OFFICER, ("22870", "commune", "from_2025"))
    assert renewal not in [task.dossier for task in tasks_for(commune_officer)]
