"""A producer account's new name and address become public only once the provincial office accepts them."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ocop.accounts.enums import Role
from ocop.common.models import ActivityLog
from ocop.producers.domain import identity_changes
from ocop.producers.domain.producers import update_producer
from ocop.producers.models import IdentityChange, Producer
from tests.factories import make_producer, make_producer_account, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def producer():
    return make_producer(name="HTX Nho Thái An", address="Thôn Thái An")


def test_a_producer_accounts_new_name_waits_while_its_other_changes_apply(producer):
    account = make_producer_account(producer)
    update_producer(actor=account, producer=producer, name="HTX Nho Xanh", address="Thôn 2", phone="0259 3888 999")
    producer.refresh_from_db()
    assert (producer.name, producer.address, producer.phone) == ("HTX Nho Thái An", "Thôn Thái An", "0259 3888 999")
    change = identity_changes.pending_change(producer)
    assert (change.name, change.address, change.requested_by) == ("HTX Nho Xanh", "Thôn 2", account)
    asked = ActivityLog.objects.get(verb="producers.identity_change_asked")
    assert asked.data == {"name": "HTX Nho Xanh", "address": "Thôn 2"}

    # Asking again replaces the pending change; there is never more than one.
    update_producer(actor=account, producer=producer, address="Thôn 3")
    assert IdentityChange.objects.filter(producer=producer).count() == 1
    assert (identity_changes.pending_change(producer).name, identity_changes.pending_change(producer).address) == (
        "HTX Nho Xanh",
        "Thôn 3",
    )


def test_an_officers_edit_applies_at_once(producer):
    update_producer(actor=make_user(Role.COMMUNE_OFFICER), producer=producer, name="HTX Nho Xanh")
    producer.refresh_from_db()
    assert producer.name == "HTX Nho Xanh" and producer.search_name == "htx nho xanh"
    assert not IdentityChange.objects.exists()


def test_the_office_accepts_on_the_producer_page_and_the_public_name_changes(client, producer):
    update_producer(actor=make_producer_account(producer), producer=producer, name="HTX Nho Xanh", address="Thôn 2")
    client.force_login(make_user(Role.PROVINCE_OFFICE))
    page = client.get(reverse("backoffice:producer_detail", args=[producer.pk])).content.decode()
    assert "Tên và địa chỉ mới đang chờ cơ quan thường trực tỉnh" in page
    assert "HTX Nho Thái An → <strong>HTX Nho Xanh</strong>" in page

    response = client.post(reverse("backoffice:producer_identity_change_decide", args=[producer.pk, "accept"]))
    assert response.status_code == 302
    producer.refresh_from_db()
    assert (producer.name, producer.address, producer.search_name) == ("HTX Nho Xanh", "Thôn 2", "htx nho xanh")
    accepted = ActivityLog.objects.get(verb="producers.identity_change_accepted")
    assert accepted.data == {
        "before": {"name": "HTX Nho Thái An", "address": "Thôn Thái An"},
        "after": {"name": "HTX Nho Xanh", "address": "Thôn 2"},
    }
    assert identity_changes.pending_change(producer) is None
    page = client.get(reverse("backoffice:producer_detail", args=[producer.pk])).content.decode()
    assert "đang chờ cơ quan thường trực" not in page


def test_a_rejected_change_leaves_the_name_and_cannot_be_decided_twice(client, producer):
    account = make_producer_account(producer)
    update_producer(actor=account, producer=producer, name="Tên quảng cáo")
    change = identity_changes.pending_change(producer)

    client.force_login(account)
    page = client.get(reverse("backoffice:producer_detail", args=[producer.pk])).content.decode()
    assert "Chấp nhận và công bố" not in page  # the producer sees its request, not the buttons
    url = reverse("backoffice:producer_identity_change_decide", args=[producer.pk, "accept"])
    assert client.post(url).status_code == 403

    identity_changes.reject(actor=make_user(Role.PROVINCE_OFFICE), change=change)
    assert Producer.objects.get(pk=producer.pk).name == "HTX Nho Thái An"
    assert IdentityChange.objects.get(pk=change.pk).status == IdentityChange.Status.REJECTED
    with pytest.raises(ValidationError) as refused:
        identity_changes.accept(actor=None, change=change)
    assert refused.value.code == "decided"
