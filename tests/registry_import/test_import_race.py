"""Three "apply" clicks at once apply a checked workbook once and log it once (PostgreSQL, parallel threads)."""

import pytest
from django.core.exceptions import ValidationError

from ocop.accounts.enums import Role
from ocop.common.models import ActivityLog
from ocop.producers.models import ImportBatch, Producer
from ocop.registry_import.domain.importing import apply_import, check_import
from tests.factories import make_user
from tests.races import needs_postgresql, run_together
from tests.registry_import.workbooks import producer_row, product_row, workbook

pytestmark = [needs_postgresql, pytest.mark.usefixtures("reference_data")]


def test_applying_an_import_three_times_at_once_applies_and_logs_it_once(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    office = make_user(Role.PROVINCE_OFFICE)
    batch = check_import(actor=office, upload=workbook(producers=[producer_row(1)], products=[product_row(1, 1)]))

    outcomes = run_together(
        lambda: ImportBatch.objects.get(pk=batch.pk), lambda b, _n: apply_import(actor=office, batch=b)
    )

    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(refused) == 2 and len([o for o in outcomes if getattr(o, "ok", False)]) == 1, outcomes
    assert Producer.objects.count() == 1
    assert ActivityLog.objects.filter(verb="producers.import_applied").count() == 1
