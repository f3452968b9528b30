"""The default cache: files under data/cache that every worker process of one machine shares.

Django's file cache lists its whole folder on every write to decide whether to cull; with one entry per public page
and certificate that listing would cost more than the page. Here a process culls at most once a minute, and the cache
holds up to OCOP_CACHE_MAX_ENTRIES entries (culling a third when over)."""

import threading
import time

from django.core.cache.backends.filebased import FileBasedCache

CULL_INTERVAL_SECONDS = 60


class FileCache(FileBasedCache):
    def __init__(self, dir, params):
        super().__init__(dir, params)
        self._last_cull = 0.0
        self._cull_lock = threading.Lock()

    def _cull(self):
        now = time.monotonic()
        with self._cull_lock:
            if now - self._last_cull < CULL_INTERVAL_SECONDS:
                return
            self._last_cull = now
        super()._cull()
