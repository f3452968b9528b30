"""OCOP_DB_POOL_SIZE gives each process a pool of PostgreSQL connections (checked in a process of its own, on the
PostgreSQL run of the suite)."""

import os
import subprocess
import sys

import pytest

SERVER = os.environ.get("DATABASE_URL", "")
PROBE = """
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("SELECT 1")
    answer = cursor.fetchone()[0]
print(type(connection.pool).__name__, connection.pool.max_size, answer)
"""


@pytest.mark.skipif(not SERVER.startswith("postgres"), reason="a PostgreSQL pool needs the PostgreSQL run")
def test_a_pool_of_the_configured_size_serves_the_queries():
    environment = os.environ | {"OCOP_DB_POOL_SIZE": "4", "DJANGO_SETTINGS_MODULE": "ocop.settings"}
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + PROBE],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["ConnectionPool", "4", "1"]
