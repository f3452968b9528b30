"""Three "submit" clicks at once file the dossier once and burn no receipt number (PostgreSQL, parallel threads)."""

import pytest
from django.core.exceptions import ValidationError

from ocop.common.models import ActivityLog
from ocop.dossiers.domain import workflow
from ocop.dossiers.models import Dossier, ReceiptSequence
from tests.factories import make_dossier, make_product
from tests.races import needs_postgresql, run_together

pytestmark = [needs_postgresql, pytest.mark.usefixtures("reference_data")]


def test_submitting_three_times_at_once_files_once_and_the_next_dossier_gets_the_next_number():
    dossier = make_dossier(state="ready")

    outcomes = run_together(
        lambda: Dossier.objects.get(pk=dossier.pk), lambda d, _n: workflow.submit_dossier(actor=None, dossier=d)
    )

    filed = [o for o in outcomes if isinstance(o, Dossier)]
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert (len(filed), len(refused)) == (1, 2), outcomes
    assert {error.code for error in refused} == {"invalid_transition"}
    dossier.refresh_from_db()
    assert dossier.receipt_number.startswith("01/PĐK-")
    assert ReceiptSequence.objects.get().last == 1
    assert ActivityLog.objects.filter(verb="dossiers.submitted").count() == 1

    neighbour = make_dossier(make_product(dossier.producer), state="submitted")
    assert neighbour.receipt_number.startswith("02/PĐK-")
