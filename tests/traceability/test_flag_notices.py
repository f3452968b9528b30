"""Stamps flagged by a flush are logged on their batch and told to the producer's accounts and the provincial office:
one notification per batch and flush, never one per stamp, and a stamp already flagged is not told again."""

import time

import pytest
from django.urls import reverse

from ocop.accounts.enums import Role
from ocop.common.models import ActivityLog, Notification
from ocop.traceability.domain import scan_log
from ocop.traceability.domain.scan import OCOP_CODE
from ocop.traceability.domain.scan_log import flush_scans, spool
from ocop.traceability.domain.stamps import issue_stamps, request_stamps
from tests.factories import NHON_HAI, make_producer, make_producer_account, make_product, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def batch():
    product = make_product(make_producer(), name="Mật ong hoa nhãn")
    return issue_stamps(actor=None, batch=request_stamps(actor=None, product=product, quantity=8))


def _flush_bursts(batch, positions, settings, folder) -> None:
    """A burst of scans on each stamp at ``positions``, in a spool file of its own, then flushed."""
    settings.OCOP_SCAN_SPOOL = folder
    for stamp in batch.stamps.filter(position__in=positions):
        for _ in range(scan_log.BURST_SCANS):
            spool(OCOP_CODE, batch.product.code, stamp.serial)
    [path] = folder.iterdir()
    path.rename(folder / f"{path.name[:12]}-{folder.name}{scan_log.SUFFIX}")  # never stored, whatever the minute
    flush_scans(now=time.time() + 180)


def test_one_notice_per_batch_to_the_producer_and_the_office_and_none_for_stamps_already_flagged(
    batch, settings, tmp_path
):
    producer = make_producer_account(batch.product.producer)
    office = make_user(Role.PROVINCE_OFFICE)
    make_user(Role.COMMUNE_OFFICER, unit_key=NHON_HAI)  # an officer of another commune: not told
    _flush_bursts(batch, range(1, 6), settings, tmp_path / "first")
    assert batch.stamps.filter(flagged_at__isnull=False).count() == 5
    notices = Notification.objects.filter(verb="traceability.stamps_flagged")
    assert sorted(notices.values_list("recipient", flat=True)) == sorted([producer.pk, office.pk])
    assert {notice.url for notice in notices} == {reverse("backoffice:stamp_alert_list")}
    message = notices.first().message  # "5 tem của lô “8 tem cho …” bị gắn cờ: bị quét nhiều lần trong vài phút."
    assert message.startswith("5 ") and f"“8 tem cho {batch.product}”" in message
    assert message.endswith(": bị quét nhiều lần trong vài phút.")

    logged = ActivityLog.objects.filter(verb="traceability.stamps_flagged")
    assert [(entry.target_id, entry.actor, entry.data) for entry in logged] == [
        (str(batch.pk), None, {"flagged": 5, "reasons": ["burst"]})
    ]

    _flush_bursts(batch, range(1, 6), settings, tmp_path / "again")  # the same stamps, flagged already
    assert notices.count() == 2 and logged.count() == 1
