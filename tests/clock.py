"""Run a test as on another day.

The code reads today as ``django.utils.timezone.localdate()`` (Vietnam time), which reads ``timezone.now()``: moving
``now`` by whole days moves today while the clock keeps running, so timestamps still follow one another.
"""

import contextlib
import datetime

import pytest
from django.utils import timezone


@contextlib.contextmanager
def today_is(day: datetime.date):
    """Within the block, ``timezone.localdate()`` is ``day``."""
    real_now = timezone.now
    shift = datetime.timedelta(days=(day - timezone.localdate()).days)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", lambda: real_now() + shift)
        yield
