"""The administrative-unit page names a former unit's parent only when it has one."""

import pytest
from django.urls import reverse

from ocop.accounts.enums import Role
from ocop.geo.enums import Era, UnitLevel
from ocop.geo.models import AdministrativeUnit
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_a_province_formed_from_former_provinces_lists_them_without_none(client):
    khanh_hoa = AdministrativeUnit.objects.get(era=Era.FROM_2025, level=UnitLevel.PROVINCE, code="56")
    client.force_login(make_user(role=Role.ADMIN))
    page = client.get(reverse("backoffice:unit_detail", args=[khanh_hoa.pk])).content.decode()
    assert "Ninh Thuận" in page
    assert "None" not in page
