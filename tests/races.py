"""Firing one transition from parallel threads, as two clicks or two people at once would.

Each thread has its own database connection. It loads its copy of the record first, as a view does before its
transaction starts; then all threads are released together into the transition. The tests need committed data that
other connections see (``reference_data``, which brings ``transactional_db``), and PostgreSQL: SQLite's in-memory
test database is shared between connections through one shared cache, whose table locks fail at once instead of
waiting (the file database the application runs on waits: its transactions begin IMMEDIATE, see settings.py).
"""

import threading
from collections.abc import Callable

import pytest
from django.db import connection

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="concurrency tests need PostgreSQL: SQLite's shared-cache in-memory test database fails on table locks",
)


def run_together(load: Callable[[], object], act: Callable[[object, int], object], times: int = 3) -> list:
    """``times`` threads each ``load()`` a record, wait for one another, then ``act(record, n)``. Returns what each
    act returned, or the exception it raised."""
    barrier = threading.Barrier(times)
    outcomes: list = [None] * times

    def run(number: int) -> None:
        try:
            record = load()
            barrier.wait(timeout=30)
            outcomes[number] = act(record, number)
        except Exception as error:
            outcomes[number] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(number,)) for number in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return outcomes
