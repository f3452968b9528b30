"""Stamp batches through the domain: asked for, issued in bulk with serials unique across every batch, refused with
a reason, voided by range in one action; each step logged, each decision taken once."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ocop.accounts.enums import Role
from ocop.common.models import ActivityLog
from ocop.traceability.domain.serials import normalise
from ocop.traceability.domain.stamps import issue_stamps, refuse_stamps, request_stamps, void_stamps
from ocop.traceability.enums import MAX_BATCH, BatchStatus
from ocop.traceability.models import Stamp
from tests.factories import make_product, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def office():
    return make_user(Role.PROVINCE_OFFICE)


def _verbs() -> list[str]:
    return list(
        ActivityLog.objects.filter(verb__startswith="traceability.").order_by("pk").values_list("verb", flat=True)
    )


def test_a_batch_is_issued_numbered_one_to_n_with_valid_serials_in_a_few_queries(office):
    batch = request_stamps(actor=None, product=make_product(), quantity=12_000)
    with CaptureQueriesContext(connection) as queries:
        issue_stamps(actor=office, batch=batch)
    assert len(queries) < 20  # the serials are checked and written in chunks of 5,000, not one by one
    batch.refresh_from_db()
    assert batch.status == BatchStatus.ISSUED and batch.decided_by == office
    stamps = list(batch.stamps.order_by("position").values_list("position", "serial"))
    assert [position for position, _serial in stamps] == list(range(1, 12_001))
    assert all(normalise(serial) == serial for _position, serial in stamps)
    assert _verbs() == ["traceability.stamps_requested", "traceability.stamps_issued"]


def test_who_asked_and_who_decided_is_kept_for_a_signed_in_user_only(office):
    anonymous = request_stamps(actor=AnonymousUser(), product=make_product(), quantity=1)
    issue_stamps(actor=office, batch=anonymous)
    assert anonymous.requested_by is None and anonymous.decided_by == office
    logged = list(
        ActivityLog.objects.filter(verb__startswith="traceability.").order_by("pk").values_list("actor", "actor_name")
    )
    assert logged == [(None, "hệ thống"), (office.pk, office.get_username())]


def test_serials_are_never_reused_across_batches(office):
    first = issue_stamps(actor=office, batch=request_stamps(actor=None, product=make_product(), quantity=3_000))
    second = issue_stamps(actor=office, batch=request_stamps(actor=None, product=make_product(), quantity=3_000))
    serials = set(Stamp.objects.values_list("serial", flat=True))
    assert len(serials) == 6_000 == first.quantity + second.quantity


def test_a_request_is_decided_once(office):
    batch = request_stamps(actor=None, product=make_product(), quantity=5)
    issue_stamps(actor=office, batch=batch)
    for decide in (
        lambda: issue_stamps(actor=office, batch=batch),
        lambda: refuse_stamps(actor=office, batch=batch, reason="Trùng yêu cầu"),
    ):
        with pytest.raises(ValidationError):
            decide()
    assert Stamp.objects.count() == 5


def test_a_refusal_says_why_and_issues_nothing(office):
    batch = request_stamps(actor=None, product=make_product(), quantity=5)
    with pytest.raises(ValidationError) as error:
        refuse_stamps(actor=office, batch=batch, reason="  ")
    assert error.value.message_dict == {"reason": ["Hãy nêu lý do từ chối yêu cầu."]}
    refuse_stamps(actor=office, batch=batch, reason="Sản phẩm chưa có mã vùng trồng.")
    batch.refresh_from_db()
    assert batch.status == BatchStatus.REFUSED and batch.refusal_reason == "Sản phẩm chưa có mã vùng trồng."
    assert not Stamp.objects.exists()


@pytest.mark.parametrize("quantity", [0, -1, MAX_BATCH + 1])
def test_a_quantity_out_of_bounds_is_refused_in_vietnamese(quantity):
    with pytest.raises(ValidationError) as error:
        request_stamps(actor=None, product=make_product(), quantity=quantity)
    assert error.value.message_dict == {"quantity": ["Mỗi lần chỉ được đề nghị từ 1 đến 100.000 tem."]}


def test_a_lost_roll_is_voided_by_its_range_in_one_action(office, django_capture_on_commit_callbacks):
    batch = issue_stamps(actor=office, batch=request_stamps(actor=None, product=make_product(), quantity=500))
    with django_capture_on_commit_callbacks(execute=True):
        assert void_stamps(actor=office, batch=batch, first=201, last=400, reason="Mất cuộn tem") == 200
    voided = set(batch.stamps.filter(voided_at__isnull=False).values_list("position", flat=True))
    assert voided == set(range(201, 401))
    assert void_stamps(actor=office, batch=batch, first=300, last=450, reason="Hỏng khi in") == 50
    assert ActivityLog.objects.filter(verb="traceability.stamps_voided").count() == 2
    for first, last in ((0, 10), (10, 5), (450, 501)):
        with pytest.raises(ValidationError):
            void_stamps(actor=office, batch=batch, first=first, last=last, reason="Mất")
