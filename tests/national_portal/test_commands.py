"""ocop portal_export writes the records (a file per product, or JSON lines) and marks them sent; ocop portal_answer
records what the portal said."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ocop.traceability.domain.national_portal import fingerprint, portal_record
from ocop.traceability.enums import SyncStatus
from ocop.traceability.models import PortalSync
from tests.factories import make_product
from tests.national_portal.helpers import trace_event, traced_product

pytestmark = pytest.mark.django_db


def _run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_export_to_a_folder_writes_a_file_per_product_and_marks_them_sent(tmp_path):
    first, second = traced_product(), traced_product()
    make_product()  # no trace data: not exported
    assert _run("portal_export", "--output", str(tmp_path)).endswith("records written to " + str(tmp_path) + ": 2\n")
    files = sorted(path.name for path in tmp_path.iterdir())
    assert files == sorted(f"{product.code.replace('/', '-')}.json" for product in (first, second))
    written = json.loads((tmp_path / files[0]).read_text())
    assert written["schema"] == "ocop-national-portal-record/1"
    for product in (first, second):
        sync = PortalSync.objects.get(product=product)
        assert sync.status == SyncStatus.SENT and sync.fingerprint == fingerprint(portal_record(product))


def test_pending_only_sends_what_changed_as_json_lines():
    first, second = traced_product(), traced_product()
    _run("portal_export", "--output", "-")
    assert _run("portal_export", "--output", "-", "--pending") == ""
    trace_event(second, biz_step="receiving")
    [line] = _run("portal_export", "--output", "-", "--pending").splitlines()
    assert json.loads(line)["product"]["ocop_code"] == second.code
    assert PortalSync.objects.get(product=first).status == SyncStatus.SENT


def test_the_connector_reports_back():
    product = traced_product()
    _run("portal_export", "--output", "-", "--product", product.code)
    assert _run("portal_answer", "--product", product.code, "--failed", "--message", "Thiếu ảnh") == (
        f"{product.code}: failed\n"
    )
    assert PortalSync.objects.get(product=product).message == "Thiếu ảnh"
    assert _run("portal_answer", "--product", product.code, "--ok") == f"{product.code}: synced\n"


def test_unknown_codes_and_unsent_records_are_refused():
    product = traced_product()
    with pytest.raises(CommandError):
        _run("portal_export", "--output", "-", "--product", "KHONG-CO")
    with pytest.raises(CommandError):
        _run("portal_answer", "--product", "KHONG-CO", "--ok")
    with pytest.raises(CommandError):
        _run("portal_answer", "--product", product.code, "--ok")  # never sent
