"""Writes that cannot race. A state transition loads its row in the view, before its transaction starts, so a
check on that copy can pass twice: two "approve" clicks would both see a closed session. Every transition therefore
re-reads its row with ``lock`` inside its transaction and checks the fresh state; a second request waits for the
first to commit and then sees what it did."""

from django.db import transaction


def lock(instance):
    """Re-read ``instance`` in place and hold its row until the current transaction ends.

    PostgreSQL takes a row lock (SELECT … FOR UPDATE). SQLite has no row locks and ignores it, but there every
    transaction begins IMMEDIATE (settings.DATABASES), one writer at a time, so the re-read inside it is current and
    the next writer waits. Unsaved changes on ``instance`` are dropped: lock first, then change.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("lock() needs a transaction: call it inside transaction.atomic.")
    instance.refresh_from_db(from_queryset=type(instance)._base_manager.select_for_update())
    return instance
