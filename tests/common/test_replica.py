"""A read replica, when configured: public pages and report downloads read there, the rest on the primary."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ocop.common import replica
from ocop.common.replica import REPLICA, ReplicaRouter, replica_reads

ROOT = Path(__file__).resolve().parents[2]
PROBE = """
import io, json, os, django
os.environ["DJANGO_SETTINGS_MODULE"] = "ocop.settings"
django.setup()
from django.conf import settings
from django.core.management import call_command
from django.db import connections
from django.test import Client
from django.test.utils import CaptureQueriesContext
call_command("migrate", verbosity=0)
call_command("load_builtin_rule_sets", stdout=io.StringIO())
settings.ALLOWED_HOSTS = ["*"]
plain = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
settings.STORAGES = {**settings.STORAGES, "staticfiles": plain}
seen = {}
for path in ("/products/", "/backoffice/login/"):
    with CaptureQueriesContext(connections["default"]) as primary:
        with CaptureQueriesContext(connections["replica"]) as copy:
            status = Client().get(path).status_code
    seen[path] = [status, len(primary.captured_queries), len(copy.captured_queries)]
print(json.dumps(seen))
"""


def test_the_router_sends_reads_to_the_replica_only_inside_a_marked_view(monkeypatch):
    router = ReplicaRouter()
    monkeypatch.setattr(replica, "replica_configured", lambda: True)
    assert router.db_for_read(None) is None
    with replica_reads():
        assert router.db_for_read(None) == REPLICA
        assert router.db_for_write(None) is None  # writes always go to the primary
    assert router.allow_migrate(REPLICA, "producers") is False and router.allow_migrate("default", "producers")


def test_without_a_replica_nothing_changes(monkeypatch):
    monkeypatch.setattr(replica, "replica_configured", lambda: False)
    with replica_reads():
        assert ReplicaRouter().db_for_read(None) is None


@pytest.mark.slow
def test_a_public_page_reads_from_the_replica_and_the_back_office_from_the_primary(tmp_path):
    database = tmp_path / "ocop.sqlite3"
    environment = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "OCOP_CACHE_URL")} | {
        "OCOP_DATA_DIR": str(tmp_path),
        "OCOP_REPLICA_URL": f"sqlite:///{database}",  # the same file stands for a replica of the primary
        "PYTHONPATH": str(ROOT / "src"),
    }
    result = subprocess.run(
        [sys.executable, "-c", PROBE], env=environment, capture_output=True, text=True, timeout=300, check=True
    )
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    catalogue_status, catalogue_primary, catalogue_replica = seen["/products/"]
    login_status, _login_primary, login_replica = seen["/backoffice/login/"]
    assert (catalogue_status, login_status) == (200, 200)
    assert catalogue_replica > 0 and catalogue_primary == 0
    assert login_replica == 0
