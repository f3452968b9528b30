"""Pickers show what the person needs: the installation's own units first and today's before the former ones, former
organisations marked, a role grant's units tagged with their level; one status badge for every status."""

import re

import pytest
from django.template import Context, Template
from django.urls import reverse

from ocop.accounts.domain.users import create_organisation
from ocop.accounts.enums import OrganisationKind, Role
from ocop.accounts.interfaces.forms import RoleGrantForm, UserForm
from ocop.geo.enums import Era, UnitLevel
from ocop.producers.models import Producer
from tests.factories import make_producer, make_user, unit

pytestmark = pytest.mark.django_db


def test_the_unit_list_starts_with_the_installations_province_today(client, settings):
    settings.OCOP_PROVINCE_CODE = "58"
    client.force_login(make_user(Role.ADMIN))
    page = client.get(reverse("backoffice:unit_list")).content.decode()
    names = re.findall(r'<a href="/backoffice/units/\d+/">([^<]+)</a>', page)
    assert names[0] == "Tỉnh Khánh Hòa", names[:3]
    assert "Thành phố Hà Nội" not in names


def test_former_organisations_are_marked_in_the_picker():
    before = create_organisation(
        actor=None, name="UBND xã Vĩnh Hải", kind=OrganisationKind.COMMUNE_COMMITTEE, unit=unit("22846")
    )
    today = create_organisation(
        actor=None,
        name="UBND xã Vĩnh Hải",
        kind=OrganisationKind.COMMUNE_COMMITTEE,
        unit=unit("22846", era=Era.FROM_2025),
    )
    labels = dict(UserForm(actor=make_user(Role.ADMIN)).fields["organisation"].choices)
    assert labels[before.pk] == "UBND xã Vĩnh Hải (trước 01/7/2025)"
    assert labels[today.pk] == "UBND xã Vĩnh Hải"


def test_a_role_grants_units_say_their_level_and_today_comes_first():
    form = RoleGrantForm(actor=make_user(Role.PROVINCE_OFFICE), producers=Producer.objects.none())
    html = str(form["unit"])
    levels = re.findall(r'data-level="(\w+)"', html)
    assert levels[0] == UnitLevel.PROVINCE and set(levels) == {"province", "district", "commune"}
    labels = re.findall(r"<option [^>]*data-level[^>]*>([^<]+)</option>", html)
    first_former = next(index for index, label in enumerate(labels) if "trước 01/7/2025" in label)
    assert all("từ 01/7/2025" in label for label in labels[:first_former])
    assert "&quot;commune_officer&quot;: &quot;commune&quot;" in str(form["role"])


@pytest.mark.parametrize(
    ("kind", "value", "badge"),
    [
        ("certificate", "expiring", '<span class="badge warn certificate-expiring">Sắp hết hạn</span>'),
        ("task", "done", '<span class="badge ok task-done">Hoàn thành</span>'),
        ("report", "draft", '<span class="badge off report-draft">Nháp</span>'),
        (
            "progress",
            "at_risk",
            '<span class="badge warn progress-at_risk"><span class="light light-amber" aria-hidden="true"></span> '
            "Có nguy cơ không đạt</span>",
        ),
        ("import", "rejected", '<span class="badge bad import-rejected">Có lỗi</span>'),
        ("task", "no-such-status", ""),
    ],
)
def test_one_status_badge_for_every_status(kind, value, badge):
    template = Template("{% load badge_tags %}{% status_badge kind value %}")
    assert template.render(Context({"kind": kind, "value": value})) == badge


def _role_grant(data):
    actor = make_user(Role.ADMIN)
    return RoleGrantForm(data, actor=actor, producers=Producer.objects.all())


def test_a_producer_account_needs_its_producer_at_the_producer_field():
    form = _role_grant({"role": Role.PRODUCER})
    assert not form.is_valid()
    assert form.errors == {"producer": ["Tài khoản chủ thể cần gắn với chủ thể."]}


def test_another_role_is_refused_a_producer_and_its_unit_is_checked_at_the_unit_field():
    producer = make_producer()
    form = _role_grant({"role": Role.COUNCIL_MEMBER, "producer": producer.pk})
    assert not form.is_valid()
    assert form.errors == {"producer": ["Chỉ tài khoản chủ thể mới gắn với chủ thể."]}
    form = _role_grant({"role": Role.COMMUNE_OFFICER})
    assert not form.is_valid()
    assert form.errors == {"unit": ["Vai trò này cần chọn đơn vị hành chính."]}


def test_the_role_picker_names_the_producer_account_role_for_the_page_script():
    form = _role_grant(None)
    assert 'data-producer-role="producer"' in str(form["role"])
