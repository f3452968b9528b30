"""Scans recorded without a write in the request that answers them, then stored in bulk.

The scan page (and the fast path in front of it) appends one line per scan to a spool file of its process and minute
(``OCOP_SCAN_SPOOL``, ``data/scans`` by default), kept open while the minute lasts: one ``O_APPEND`` write, which
never interleaves with another's. ``flush_scans`` (``ocop flush_scans``, every minute) stores the lines of every
minute that ended over a minute ago (a scan timed just before a minute turned may reach its file just after):
each line becomes a ``Scan`` with the verdict the page gave, each stamp's count and first scan are brought up to
date, and the anomaly rules flag a stamp scanned more often than one product is, in a burst, or after it was voided;
the producer's accounts and the provincial office hear of the stamps flagged anew, once per batch and flush.
A file is stored once: its name is recorded in the same transaction as its scans, and a flush that stopped before
deleting it deletes it the next time without storing it again. Nothing about who scanned is written: no address,
no device, no place.
"""

import datetime
import os
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from ocop.accounts.domain.queries import officers_over
from ocop.accounts.enums import Role
from ocop.certificates.domain.publication import forget_pages
from ocop.certificates.domain.recipients import producer_users
from ocop.common.domain.activity import log_action
from ocop.common.domain.notifications import notify
from ocop.traceability.domain.scan import stamp_path, verdict_of
from ocop.traceability.domain.serials import normalise
from ocop.traceability.enums import ScanFlag, Verdict
from ocop.traceability.models import FlushedSpool, Scan, Stamp, StampBatch

SUFFIX = ".scans"
MAX_FIELD = 40  # what a line keeps of the key and the serial a visitor typed
REPEATED_SCANS = 50  # more scans than one product in a household gets: its stamp was copied
BURST_SCANS, BURST_MINUTES = 10, 10
INSERT_CHUNK = 2_000
FLAGGED_VERB = "traceability.stamps_flagged"


def spool_dir() -> Path:
    return Path(settings.OCOP_SCAN_SPOOL)


def spool(key_type: str, key: str, serial: str) -> None:
    """Note one scan; called by the page, never waits for the database."""
    now = time.time()
    line = f"{now:.3f}\t{key_type[:8]}\t{_clean(key)}\t{_clean(serial)}\n".encode()
    folder = settings.OCOP_SCAN_SPOOL
    with _spool_lock:  # one write per line, into the file of this process and this minute
        os.write(_spool_file(folder, int(now // 60)), line)


_spool_lock = threading.Lock()
_open_spool: tuple[object, int, int, int] | None = None  # (folder, minute, process, descriptor), kept open


def _spool_file(folder, minute: int) -> int:
    global _open_spool
    process = os.getpid()
    if _open_spool is not None and _open_spool[:3] == (folder, minute, process):
        return _open_spool[3]
    if _open_spool is not None and _open_spool[2] == process:
        os.close(_open_spool[3])
    path = Path(folder) / f"{time.strftime('%Y%m%d%H%M', time.gmtime(minute * 60))}-{process}{SUFFIX}"
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    except FileNotFoundError:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    _open_spool = (folder, minute, process, descriptor)
    return descriptor


def _clean(text: str) -> str:
    if len(text) <= MAX_FIELD and text.isprintable():  # a tab or a line break is not printable
        return text
    return "".join(character for character in text[:MAX_FIELD] if character.isprintable())


def flush_scans(now: float | None = None) -> int:
    """Store the scans of every minute that ended over a minute ago; returns how many were stored."""
    last_minute = time.strftime("%Y%m%d%H%M", time.gmtime((now or time.time()) - 60))
    stored = 0
    for path in sorted(spool_dir().glob(f"*{SUFFIX}")):
        if path.name[:12] >= last_minute:
            continue  # a scan timed just before the minute turned may still be on its way into the file
        stored += _flush_file(path)
        path.unlink(missing_ok=True)
    return stored


@transaction.atomic
def _flush_file(path: Path) -> int:
    if FlushedSpool.objects.filter(name=path.name).exists():
        return 0
    lines = [line.split("\t") for line in path.read_text(encoding="utf-8", errors="replace").splitlines()]
    scans = _scans_of([fields for fields in lines if len(fields) == 4 and _is_time(fields[0])])
    Scan.objects.bulk_create(scans, batch_size=INSERT_CHUNK)
    _report_flags(_update_stamps(scans))
    FlushedSpool.objects.create(name=path.name, flushed_at=timezone.now(), scans=len(scans))
    return len(scans)


def _is_time(text: str) -> bool:
    """A line cut short (a full disk) is skipped rather than stopping every later flush."""
    try:
        float(text)
    except ValueError:
        return False
    return True


def _scans_of(lines: list[list[str]]) -> list[Scan]:
    """Each line as the scan page judged it, the stamps read in bulk."""
    serials = {normalise(serial) for _at, _type, _key, serial in lines} - {None}
    stamps = {
        stamp.serial: stamp
        for keys in _chunks(sorted(serials))
        for stamp in Stamp.objects.filter(serial__in=keys).select_related("batch__product")
    }
    scans = []
    for at, key_type, key, typed in lines:
        serial = normalise(typed)
        stamp = stamps.get(serial) if serial else None
        scanned_at = datetime.datetime.fromtimestamp(float(at), tz=datetime.UTC)
        verdict = verdict_of(stamp, key_type, key, scanned_at) if serial else Verdict.INVALID
        scans.append(
            Scan(
                serial=serial or typed[:MAX_FIELD],
                stamp=stamp if verdict != Verdict.UNKNOWN else None,
                verdict=verdict,
                scanned_at=scanned_at,
            )
        )
    return scans


def _update_stamps(scans: list[Scan]) -> list[Stamp]:
    """Bring each scanned stamp's count, first scan and flag up to date in a few queries per 2,000 stamps; returns
    the stamps flagged by these scans (a stamp is flagged once)."""
    by_stamp: dict[int, list[datetime.datetime]] = defaultdict(list)
    for item in scans:
        if item.stamp_id:
            by_stamp[item.stamp_id].append(item.scanned_at)
    stamps = [
        stamp
        for keys in _chunks(list(by_stamp))
        for stamp in Stamp.objects.filter(pk__in=keys).select_related("batch__product").select_for_update(of=("self",))
    ]
    recent = _recent_scans({stamp.pk: max(by_stamp[stamp.pk]) for stamp in stamps if stamp.flagged_at is None})
    now = timezone.now()
    flagged, shown_anew = [], []  # shown anew: the page now says something new, its first scan or a flag
    for stamp in stamps:
        times = by_stamp[stamp.pk]
        flag = _flag(stamp, times, recent[stamp.pk]) if stamp.flagged_at is None else ""
        if flag:
            stamp.flagged_at, stamp.flag_reason = now, flag
            flagged.append(stamp)
        if stamp.first_scanned_at is None or min(times) < stamp.first_scanned_at:
            stamp.first_scanned_at = min(times)
            shown_anew.append(stamp)
        stamp.scan_count = F("scan_count") + len(times)
    fields = ["scan_count", "first_scanned_at", "flagged_at", "flag_reason"]
    Stamp.objects.bulk_update(stamps, fields, batch_size=INSERT_CHUNK)
    paths = {stamp_path(stamp.batch.product, stamp.serial) for stamp in [*flagged, *shown_anew]}
    transaction.on_commit(lambda: forget_pages(paths))
    return flagged


def _chunks(keys: list) -> Iterator[list]:
    """The keys a few thousand at a time: inside both databases' limits on bound parameters."""
    for start in range(0, len(keys), INSERT_CHUNK):
        yield keys[start : start + INSERT_CHUNK]


def _recent_scans(latest: dict[int, datetime.datetime]) -> Counter:
    """How many stored scans each stamp had from ``BURST_MINUTES`` before its latest scan on: one query per chunk."""
    window = datetime.timedelta(minutes=BURST_MINUTES)
    counts: Counter = Counter()
    for keys in _chunks(list(latest)):
        since = min(latest[key] for key in keys) - window
        rows = Scan.objects.filter(stamp__in=keys, scanned_at__gte=since).values_list("stamp_id", "scanned_at")
        counts.update(stamp_id for stamp_id, scanned_at in rows if scanned_at >= latest[stamp_id] - window)
    return counts


def _report_flags(flagged: list[Stamp]) -> None:
    """Each batch with stamps flagged anew is logged and told once, to the producer's accounts and the provincial
    office: one notification per batch, not per stamp."""
    reasons: dict[int, list[str]] = defaultdict(list)
    for stamp in flagged:
        reasons[stamp.batch_id].append(stamp.flag_reason)
    url = reverse("backoffice:stamp_alert_list")
    for batch in StampBatch.objects.filter(pk__in=list(reasons)).select_related("product__producer__unit"):
        producer, count = batch.product.producer, len(reasons[batch.pk])
        codes = [value for value in ScanFlag.values if value in reasons[batch.pk]]
        log_action(actor=None, verb=FLAGGED_VERB, target=batch, data={"flagged": count, "reasons": codes})
        notify(
            recipients=[*producer_users(producer.pk), *officers_over(Role.PROVINCE_OFFICE, producer.unit)],
            verb=FLAGGED_VERB,
            url=url,
            message=ngettext(
                "%(count)s stamp of the batch “%(batch)s” was flagged: %(reasons)s.",
                "%(count)s stamps of the batch “%(batch)s” were flagged: %(reasons)s.",
                count,
            )
            % {"count": count, "batch": batch, "reasons": "; ".join(str(ScanFlag(code).label) for code in codes)},
        )


def _flag(stamp: Stamp, times: list[datetime.datetime], recent: int) -> str:
    if stamp.voided_at is not None and max(times) >= stamp.voided_at:
        return ScanFlag.VOIDED
    if stamp.scan_count + len(times) > REPEATED_SCANS:
        return ScanFlag.REPEATED
    return ScanFlag.BURST if recent >= BURST_SCANS else ""
