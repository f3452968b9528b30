"""The default cache: files under data/cache that every worker process of one machine shares.

Django's file cache lists its whole folder on every write to decide whether to cull; with one entry per public page
and certificate that listing would cost more than the page. Here a process culls at most once a minute, and the cache
holds up to OCOP_CACHE_MAX_ENTRIES entries (culling a third when over). Entries are pickled without Django's zlib
step: a kept page is read on every scan, and inflating it cost a third of the scan's time (bench/public_pages.py).

Counters (the public pages' rate per address) are counted by ``count``: on Redis an INCR, here one byte appended to
a file of the counter's own, since a get-and-set through a temporary file costs more than the page it guards and
loses counts when processes race; appends to one file never do."""

import hashlib
import os
import pickle
import threading
import time
from pathlib import Path

from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache

CULL_INTERVAL_SECONDS = 60


class FileCache(FileBasedCache):
    cache_suffix = ".cache"  # not Django's ".djcache": those files hold zlib data this class does not read

    def __init__(self, dir, params):
        super().__init__(dir, params)
        self._last_cull = 0.0
        self._cull_lock = threading.Lock()
        self._counters = Path(self._dir) / "counters"
        self._counters_dir = str(self._counters)

    def validate_key(self, key):
        """Any key will do: its file is named by its hash (Django's check warns about memcached's limits only)."""

    def get(self, key, default=None, version=None):
        try:
            with open(self._key_to_file(key, version), "rb") as file:
                if not self._is_expired(file):
                    return pickle.load(file)
        except FileNotFoundError:
            pass
        return default

    def _write_content(self, file, timeout, value):
        file.write(pickle.dumps(self.get_backend_timeout(timeout), self.pickle_protocol))
        file.write(pickle.dumps(value, self.pickle_protocol))

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        missing = object()
        value = self.get(key, missing, version)
        if value is missing:
            return False
        self.set(key, value, timeout, version)
        return True

    def _cull(self):
        now = time.monotonic()
        with self._cull_lock:
            if now - self._last_cull < CULL_INTERVAL_SECONDS:
                return
            self._last_cull = now
        super()._cull()
        self._forget_ended_counters()
        for earlier in Path(self._dir).glob("*.djcache"):  # entries written by versions that compressed them
            earlier.unlink(missing_ok=True)

    def count(self, key: str, window: int) -> int:
        """One more for ``key`` in the current ``window`` (seconds); returns the count so far in that window."""
        ends = (int(time.time()) // window + 1) * window
        path = f"{self._counters_dir}/{hashlib.sha256(key.encode()).hexdigest()[:32]}.{ends}"
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        except FileNotFoundError:
            self._counters.mkdir(mode=0o700, parents=True, exist_ok=True)
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            os.write(descriptor, b".")
            return os.fstat(descriptor).st_size
        finally:
            os.close(descriptor)

    def _forget_ended_counters(self) -> None:
        now = time.time()
        for path in self._counters.glob("*.*"):
            if int(path.suffix[1:]) <= now:
                path.unlink(missing_ok=True)

    def clear(self):
        super().clear()
        for path in self._counters.glob("*.*"):
            path.unlink(missing_ok=True)


def count(key: str, window: int) -> int:
    """Add one to the counter ``key``, which lives ``window`` seconds, and return its value (through the cache)."""
    backend = caches["default"]
    if isinstance(backend, FileCache):
        return backend.count(key, window)
    try:
        return backend.incr(key)
    except ValueError:  # the window's first count (or its counter was evicted)
        return 1 if backend.add(key, 1, timeout=window) else backend.incr(key)
