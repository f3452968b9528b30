"""Every number a form accepts fits its column and is finite: what does not is refused with a message, and the
largest numbers a column holds are shown on every page that shows them."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ocop.accounts.enums import Role
from ocop.common.column_limits import DecimalField, IntegerField, column_field
from ocop.planning.models import Quota, Target, TaskUpdate
from ocop.producers.models import Producer
from tests.factories import make_user
from tests.planning.helpers import make_plan

pytestmark = pytest.mark.django_db


def test_a_number_field_takes_its_limits_from_the_column_and_the_models_own_validators():
    stars = column_field(Quota._meta.get_field("stars"))
    assert (stars.min_value, stars.max_value, stars.required) == (3, 5, True)
    members = column_field(Producer._meta.get_field("members_count"))
    assert (members.min_value, members.max_value, members.required) == (0, 2_147_483_647, False)
    spent = column_field(TaskUpdate._meta.get_field("spent"), min_value=0)
    assert (spent.max_digits, spent.decimal_places, spent.min_value) == (16, 0, 0)
    assert IntegerField(column="PositiveSmallIntegerField", max_value=100_000).max_value == 32_767


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1e400", "Nhập một số có tối đa 16 chữ số."),
        ("NaN", "Nhập một số."),
        ("Infinity", "Nhập một số."),
        ("1" * 5000, "Nhập một số có tối đa 16 chữ số."),
        ("-1", "Nhập một số không nhỏ hơn 0."),
        ("1,5", "Nhập một số nguyên."),
    ],
)
def test_a_decimal_field_refuses_what_its_column_cannot_hold(typed, message):
    field = DecimalField(max_digits=16, decimal_places=0, min_value=0)
    with pytest.raises(ValidationError) as refused:
        field.clean(typed)
    assert refused.value.messages == [message]
    assert field.clean("9.999.999.999.999.999") == Decimal("9999999999999999")


def test_an_integer_field_refuses_a_number_beyond_its_column_and_4300_digit_numbers():
    field = IntegerField(column="PositiveIntegerField")
    for typed, message in [
        ("2147483648", "Nhập một số không lớn hơn 2.147.483.647."),
        ("9" * 4301, "Nhập một số nguyên."),
        ("²", "Nhập một số nguyên."),
    ]:
        with pytest.raises(ValidationError) as refused:
            field.clean(typed)
        assert refused.value.messages == [message]
    assert field.clean("2.147.483.647") == 2_147_483_647


def test_a_spent_sum_of_1e400_or_a_23_digit_baseline_is_refused_and_the_plan_pages_keep_working(client):
    made = make_plan()
    client.force_login(make_user(Role.PROVINCE_OFFICE))
    progress = reverse("backoffice:plan_task_progress", args=[made["task"].pk])
    page = client.post(progress, {"reported_on": "30/06/2024", "status": "in_progress", "spent": "1e400"})
    assert page.status_code == 200
    assert "Nhập một số có tối đa 16 chữ số." in page.content.decode()
    target_edit = reverse("backoffice:plan_target_edit", args=[made["computed"].pk])
    data = {"code": "1", "text": "20-30 sản phẩm", "direction": "at_least", "low": "20", "baseline": "1" * 23}
    page = client.post(target_edit, data)
    assert page.status_code == 200
    assert "Nhập một số có tối đa 14 chữ số." in page.content.decode()
    assert not TaskUpdate.objects.exists()
    assert Target.objects.get(pk=made["computed"].pk).baseline is None
    quota_edit = reverse("backoffice:plan_quota_edit", args=[made["quota"].pk])
    data = {"unit": made["quota"].unit_id, "stars": "3", "expected": "99999999999", "position": "-1"}
    page = client.post(quota_edit, data).content.decode()
    assert "Nhập một số không lớn hơn 2.147.483.647." in page
    assert "Nhập một số không nhỏ hơn 0." in page


def test_the_largest_numbers_the_columns_hold_are_shown_on_every_plan_page(client):
    made = make_plan()
    client.force_login(make_user(Role.PROVINCE_OFFICE))
    progress = reverse("backoffice:plan_task_progress", args=[made["task"].pk])
    data = {
        "reported_on": "30/06/2024",
        "status": "in_progress",
        "spent": "9.999.999.999.999.999",
        f"output_{made['output'].pk}": "999.999.999.999,99",
    }
    assert client.post(progress, data).status_code == 302
    target_edit = reverse("backoffice:plan_target_edit", args=[made["computed"].pk])
    data = {
        "code": "1",
        "text": "20-30 sản phẩm",
        "indicator": "new_products",
        "direction": "at_least",
        "low": "999.999.999.999,99",
        "baseline": "999.999.999.999,99",
    }
    assert client.post(target_edit, data).status_code == 302
    value_add = reverse("backoffice:plan_value_add", args=[made["reported"].pk])
    assert client.post(value_add, {"period_key": "2024", "value": "999.999.999.999,99"}).status_code == 302
    pages = [
        reverse("backoffice:plan_detail", args=[made["plan"].pk]),
        reverse("backoffice:plan_task_detail", args=[made["task"].pk]),
        reverse("backoffice:plan_task_list", args=[made["plan"].pk]),
        reverse("backoffice:plan_target_detail", args=[made["computed"].pk]),
        reverse("backoffice:plan_target_detail", args=[made["reported"].pk]),
    ]
    for url in pages:
        page = client.get(url)
        assert page.status_code == 200, url
    assert "9.999.999.999.999.999" in client.get(pages[1]).content.decode()
