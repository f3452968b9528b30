"""Reads from a PostgreSQL read replica, when one is configured (``OCOP_REPLICA_URL``): the public pages every QR code
opens and the downloads of reports read there, everything else (and every write) stays on the primary.

Which queries go where is decided per request by the views, not per model: a public page may trail the primary by
the replica's lag, a form that was just saved must read its own write. ``@reads_from_replica`` marks a view; the
router sends its reads to the ``replica`` alias while it runs. Without the alias nothing changes.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps

from django.conf import settings

REPLICA = "replica"
_reading = ContextVar("ocop_replica_reads", default=False)


@contextmanager
def replica_reads():
    token = _reading.set(True)
    try:
        yield
    finally:
        _reading.reset(token)


def reads_from_replica(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        with replica_reads():
            return view(*args, **kwargs)

    return wrapper


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        return REPLICA if _reading.get() and replica_configured() else None

    def db_for_write(self, model, **hints):
        return None

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica is a copy of the primary: the same rows

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db != REPLICA  # the primary's changes reach the replica by replication
