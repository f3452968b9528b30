"""The back office's national portal screen: the list (filtered, exported, its queries constant), a product's record
to read and download, looking for changes, marking a record sent and recording the portal's answer."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from ocop.accounts.enums import Role
from ocop.traceability.domain.national_portal import fingerprint, mark_pending_changes, portal_record
from ocop.traceability.enums import SyncStatus
from ocop.traceability.models import PortalSync
from tests.factories import make_product, make_user
from tests.national_portal.helpers import traced_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(client):
    user = make_user(Role.PROVINCE_OFFICE)
    client.force_login(user)
    return user


def _list(client, **query):
    return client.get(reverse("backoffice:portal_list"), query)


def test_the_list_shows_products_with_trace_data_and_their_standing(client, office):
    sent, waiting = traced_product(name="Nước mắm Cà Ná"), traced_product(name="Nho Ba Mọi")
    make_product(name="Muối tinh")  # no trace data
    mark_pending_changes()
    client.post(reverse("backoffice:portal_mark_sent", args=[sent.pk]))
    page = _list(client).content.decode()
    assert "Nước mắm Cà Ná" in page and "Nho Ba Mọi" in page and "Muối tinh" not in page
    assert escape(str(SyncStatus.SENT.label)) in page and escape(str(SyncStatus.PENDING.label)) in page
    pending = _list(client, status=SyncStatus.PENDING).content.decode()
    assert "Nho Ba Mọi" in pending and "Nước mắm Cà Ná" not in pending
    assert waiting.name in _list(client, q="ba moi").content.decode()


def test_the_list_reads_the_same_number_of_queries_whatever_the_count(client, office):
    traced_product()
    mark_pending_changes()
    with CaptureQueriesContext(connection) as few:
        assert _list(client).status_code == 200
    for _ in range(5):
        traced_product()
    mark_pending_changes()
    with CaptureQueriesContext(connection) as more:
        _list(client)
    assert len(more) == len(few)


def test_the_list_exports_to_excel(client, office):
    traced_product()
    response = _list(client, format="xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert b"".join(response.streaming_content)[:2] == b"PK"


def test_the_record_downloads_as_json(client, office):
    product = traced_product()
    response = client.get(reverse("backoffice:portal_record_json", args=[product.pk]))
    assert response["Content-Disposition"].startswith("attachment")
    assert json.loads(response.content) == portal_record(product)
    page = client.get(reverse("backoffice:portal_detail", args=[product.pk])).content.decode()
    assert product.code in page and "ocop-national-portal-record/1" in page


def test_the_office_looks_for_changes_marks_sent_and_records_the_answer(client, office):
    product = traced_product()
    client.post(reverse("backoffice:portal_refresh"))
    assert PortalSync.objects.get(product=product).status == SyncStatus.PENDING
    client.post(reverse("backoffice:portal_mark_sent", args=[product.pk]))
    sync = PortalSync.objects.get(product=product)
    assert sync.status == SyncStatus.SENT and sync.fingerprint == fingerprint(portal_record(product))
    answer = reverse("backoffice:portal_answer", args=[product.pk])
    client.post(answer, {"outcome": "failed", "message": "Thiếu ảnh sản phẩm"})
    sync.refresh_from_db()
    assert (sync.status, sync.message) == (SyncStatus.FAILED, "Thiếu ảnh sản phẩm")
    page = client.get(reverse("backoffice:portal_detail", args=[product.pk])).content.decode()
    assert "Thiếu ảnh sản phẩm" in page


def test_department_staff_see_but_do_not_act(client):
    product = traced_product()
    client.force_login(make_user(Role.DEPARTMENT_STAFF))
    page = client.get(reverse("backoffice:portal_detail", args=[product.pk])).content.decode()
    assert reverse("backoffice:portal_mark_sent", args=[product.pk]) not in page
    assert client.post(reverse("backoffice:portal_mark_sent", args=[product.pk])).status_code == 403
