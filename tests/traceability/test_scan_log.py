"""Scans are spooled by the page and stored in bulk: every scan sent is stored exactly once, processes racing lose
none, the running minute is left alone, a flush that stopped midway stores nothing twice, each scan keeps the
verdict the page gave, and the rules flag a copied stamp, a burst and a scan of a voided stamp."""

import datetime
import multiprocessing
import os
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ocop.traceability.domain import scan_log
from ocop.traceability.domain.scan import GTIN, OCOP_CODE, stamp_path
from ocop.traceability.domain.scan_log import flush_scans, spool
from ocop.traceability.domain.serials import new_serials
from ocop.traceability.domain.stamps import issue_stamps, request_stamps, void_stamps
from ocop.traceability.enums import ScanFlag, Verdict
from ocop.traceability.models import FlushedSpool, Scan, Stamp
from tests.factories import make_product

pytestmark = pytest.mark.django_db


def _later() -> float:
    """A flush a full minute after the running minute has ended."""
    return time.time() + 180


@pytest.fixture
def batch():
    product = make_product()
    return issue_stamps(actor=None, batch=request_stamps(actor=None, product=product, quantity=5))


def _spool_many(directory: str, code: str, serial: str, times: int) -> None:
    from django.conf import settings

    settings.OCOP_SCAN_SPOOL = directory
    for _ in range(times):
        spool(OCOP_CODE, code, serial)


def test_scans_from_racing_processes_are_all_stored_exactly_once(batch, settings):
    stamp = batch.stamps.get(position=1)
    spawn = multiprocessing.get_context("fork")
    workers = [
        spawn.Process(target=_spool_many, args=(str(settings.OCOP_SCAN_SPOOL), batch.product.code, stamp.serial, 250))
        for _ in range(4)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert flush_scans(now=_later()) == 1_000
    assert Scan.objects.filter(stamp=stamp, verdict__in=[Verdict.GENUINE, Verdict.SUSPICIOUS]).count() == 1_000
    stamp.refresh_from_db()
    assert stamp.scan_count == 1_000 and stamp.first_scanned_at is not None
    assert list(settings.OCOP_SCAN_SPOOL.iterdir()) == []
    assert flush_scans(now=_later()) == 0


def test_a_minute_is_stored_once_a_full_minute_has_passed_after_it(batch, settings):
    spool(OCOP_CODE, batch.product.code, batch.stamps.get(position=1).serial)
    [path] = settings.OCOP_SCAN_SPOOL.iterdir()
    minute = datetime.datetime.strptime(path.name[:12], "%Y%m%d%H%M").replace(tzinfo=datetime.UTC).timestamp()
    assert flush_scans(now=minute + 119) == 0 and not Scan.objects.exists()  # within a minute of the file's end
    assert flush_scans(now=minute + 120) == 1


def test_a_file_already_stored_is_deleted_without_storing_it_twice(batch, settings):
    spool(OCOP_CODE, batch.product.code, batch.stamps.get(position=1).serial)
    [path] = settings.OCOP_SCAN_SPOOL.iterdir()
    content = path.read_bytes()
    flush_scans(now=_later())
    path.write_bytes(content)  # as if the flush had stopped after committing, before deleting the file
    assert flush_scans(now=_later()) == 0
    assert Scan.objects.count() == 1 and FlushedSpool.objects.get().scans == 1 and not path.exists()


def test_each_scan_keeps_the_verdict_the_page_gave(batch):
    product, (first, second, *_rest) = batch.product, list(batch.stamps.order_by("position"))
    void_stamps(actor=None, batch=batch, first=2, last=2, reason="Mất")
    never_issued = new_serials(1)[0]
    for key_type, key, serial in (
        (OCOP_CODE, product.code, first.serial),
        (OCOP_CODE, product.code, second.serial),
        (OCOP_CODE, product.code, never_issued),
        (OCOP_CODE, "58-00000-001-2020", first.serial),  # another product's address
        (GTIN, "08930000000125", "7K3MQ9XT2BM7"),  # a wrong check part
        (OCOP_CODE, product.code, "<script>\talert(1)\n"),
    ):
        spool(key_type, key, serial)
    flush_scans(now=_later())
    verdicts = list(Scan.objects.order_by("pk").values_list("verdict", flat=True))
    assert verdicts == ["genuine", "voided", "unknown", "unknown", "invalid", "invalid"]
    assert Scan.objects.filter(verdict="voided").get().stamp == second
    assert "\t" not in Scan.objects.last().serial and "\n" not in Scan.objects.last().serial


def test_a_copied_stamp_is_flagged_and_its_page_says_so(client, batch, monkeypatch, django_capture_on_commit_callbacks):
    stamp = batch.stamps.get(position=1)
    path = stamp_path(batch.product, stamp.serial)
    assert client.get(path).status_code == 200  # kept, and spooled: the first scan
    monkeypatch.setattr(scan_log, "BURST_SCANS", 10_000)
    for _ in range(scan_log.REPEATED_SCANS):
        spool(OCOP_CODE, batch.product.code, stamp.serial)
    with django_capture_on_commit_callbacks(execute=True):
        flush_scans(now=_later())
    stamp.refresh_from_db()
    assert stamp.flag_reason == ScanFlag.REPEATED and stamp.scan_count == scan_log.REPEATED_SCANS + 1
    page = client.get(path).content.decode()  # the kept page was dropped when the stamp was flagged
    assert 'data-verdict="suspicious"' in page and "Tem bị quét nhiều bất thường" in page
    assert f"{timezone.localtime(stamp.first_scanned_at):%d/%m/%Y}" in page


def test_a_burst_of_scans_within_minutes_is_flagged(batch):
    stamp = batch.stamps.get(position=1)
    for _ in range(scan_log.BURST_SCANS):
        spool(OCOP_CODE, batch.product.code, stamp.serial)
    flush_scans(now=_later())
    stamp.refresh_from_db()
    assert stamp.flag_reason == ScanFlag.BURST


def test_a_scan_after_voiding_flags_the_stamp(batch):
    void_stamps(actor=None, batch=batch, first=1, last=1, reason="Mất")
    stamp = batch.stamps.get(position=1)
    spool(OCOP_CODE, batch.product.code, stamp.serial)
    flush_scans(now=_later())
    stamp.refresh_from_db()
    assert stamp.flag_reason == ScanFlag.VOIDED and stamp.flagged_at <= timezone.now()
    assert stamp.voided_at <= stamp.flagged_at + datetime.timedelta(seconds=1)


def test_nothing_personal_is_written(batch, settings):
    spool(OCOP_CODE, batch.product.code, batch.stamps.get(position=1).serial)
    [path] = settings.OCOP_SCAN_SPOOL.iterdir()
    fields = path.read_text().strip().split("\t")
    assert len(fields) == 4 and fields[1:3] == [OCOP_CODE, batch.product.code]
    assert str(os.getpid()) in path.name  # the process, not the visitor


def test_a_line_cut_short_is_skipped_and_the_rest_stored(batch, settings):
    serial = batch.stamps.get(position=1).serial
    spool(OCOP_CODE, batch.product.code, serial)
    [path] = settings.OCOP_SCAN_SPOOL.iterdir()
    with path.open("a") as spooled:
        spooled.write(f"17331\tocop\t{batch.product.code}\n")  # three fields: cut short
        spooled.write(f"1733x.5\tocop\t{batch.product.code}\t{serial}\n")  # not a time
    assert flush_scans(now=_later()) == 1


def _queries_to_flush(stamps, scans_each: int, settings, folder) -> int:
    settings.OCOP_SCAN_SPOOL = folder
    for stamp in stamps:
        for _ in range(scans_each):
            spool(OCOP_CODE, stamp.batch.product.code, stamp.serial)
    [path] = folder.iterdir()
    path.rename(folder / f"{path.name[:12]}-{folder.name}{scan_log.SUFFIX}")  # never stored, whatever the minute
    with CaptureQueriesContext(connection) as queries:
        assert flush_scans(now=_later()) == len(stamps) * scans_each
    return len(queries)


def test_a_flush_takes_as_many_queries_for_many_stamps_as_for_a_few(settings, tmp_path):
    product = make_product()
    batch = issue_stamps(actor=None, batch=request_stamps(actor=None, product=product, quantity=300))
    stamps = list(batch.stamps.order_by("position"))
    few = _queries_to_flush(stamps[:3], 4, settings, tmp_path / "few")
    many = _queries_to_flush(stamps[3:], 4, settings, tmp_path / "many")  # 1,188 scans over 297 stamps
    assert many == few < 15
    assert {stamp.scan_count for stamp in Stamp.objects.filter(batch__product=product)} == {4}
