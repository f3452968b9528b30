"""Two clicks at once on the council's transitions give one result (PostgreSQL, parallel threads)."""

from decimal import Decimal

import pytest
from django.utils import timezone

from ocop.certificates.models import Certificate, RecognitionDecision
from ocop.common.models import ActivityLog
from ocop.councils.domain import decisions, results
from ocop.councils.domain.sessions import auto_assign
from ocop.councils.models import Result, Session
from tests.councils.test_councils import _score_all
from tests.factories import make_council, make_dossier, make_product, make_session
from tests.races import needs_postgresql, run_together

pytestmark = [needs_postgresql, pytest.mark.usefixtures("reference_data")]


def _scored_session(products: int = 2) -> Session:
    council = make_council(members=3)
    dossiers = [make_dossier(make_product(product_set=7), state="accepted") for _ in range(products)]
    session = make_session(council, dossiers)
    auto_assign(actor=None, session=session)
    _score_all(session, {dossier.pk: [Decimal(62)] * 3 for dossier in dossiers})
    return session


def test_closing_the_session_twice_at_once_freezes_its_results_once():
    session = _scored_session()

    outcomes = run_together(
        lambda: Session.objects.get(pk=session.pk), lambda s, _n: results.close_session(actor=None, session=s)
    )

    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    assert Result.objects.filter(session=session).count() == 2
    assert {frozenset(r.pk for r in outcome) for outcome in outcomes} == {
        frozenset(Result.objects.filter(session=session).values_list("pk", flat=True))
    }
    assert ActivityLog.objects.filter(verb="councils.session_closed").count() == 1
    assert ActivityLog.objects.filter(verb="dossiers.scored").count() == 2


def test_approving_the_decision_twice_at_once_gives_one_decision_and_one_certificate_per_product():
    session = _scored_session()
    results.close_session(actor=None, session=session)

    outcomes = run_together(
        lambda: Session.objects.get(pk=session.pk),
        lambda s, n: decisions.approve_decision(
            actor=None,
            session=s,
            number=f"{100 + n}/QĐ-UBND",  # different numbers: the second is not a duplicate by its content
            decided_on=timezone.localdate(),
            issuing_body="UBND tỉnh Khánh Hòa",
            signer_name="Trần Quốc Nam",
            signer_title="Phó Chủ tịch",
        ),
    )

    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    assert RecognitionDecision.objects.count() == 1
    products = Result.objects.filter(session=session).values_list("dossier__product", flat=True)
    assert sorted(Certificate.objects.values_list("product", flat=True)) == sorted(products)
    assert {tuple(r.pk for r in outcome.recognised) for outcome in outcomes} == {
        tuple(
            Result.objects.filter(session=session)
            .order_by("-mean", "dossier__receipt_number")
            .values_list("pk", flat=True)
        )
    }
    assert ActivityLog.objects.filter(verb="councils.decision_approved").count() == 1
    assert ActivityLog.objects.filter(verb="dossiers.recognised").count() == 2
