"""Every URL of the system, opened by every role: who gets in, who is sent to log in, who is refused.

A URL that is not listed here fails the test, so each new screen must say who may open it.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from ocop.accounts.enums import Role
from tests.factories import make_user, unit

pytestmark = pytest.mark.django_db

ANON = "anonymous"
ROLES = [ANON, *[role.value for role in Role]]
OFFICE = {Role.ADMIN, Role.PROVINCE_OFFICE}
OFFICERS = {Role.ADMIN, Role.PROVINCE_OFFICE, Role.DEPARTMENT_STAFF, Role.DISTRICT_OFFICER, Role.COMMUNE_OFFICER}
EVERYONE_LOGGED_IN = set(Role)


def _phuoc_thuan(ctx):
    return {"pk": unit("22882").pk}


def _other_user(ctx):
    return {"pk": ctx["subject"].pk}


def _other_user_role(ctx):
    return {"pk": ctx["subject"].pk, "role_pk": ctx["subject"].role_assignments.get().pk}


def _organisation(ctx):
    return {"pk": ctx["organisation"].pk}


# name: (method, kwargs builder, roles allowed, status when allowed — or {ANON: status, "logged_in": status})
MATRIX = {
    "public:home": ("get", None, "all", 200),
    "public:health": ("get", None, "all", 200),
    "backoffice:login": ("get", None, "all", {ANON: 200, "logged_in": 302}),  # logged in: on to the dashboard
    "backoffice:logout": ("post", None, "all", 302),
    "backoffice:dashboard": ("get", None, EVERYONE_LOGGED_IN, 200),
    "backoffice:password_change": ("get", None, EVERYONE_LOGGED_IN, 200),
    "backoffice:security": ("get", None, EVERYONE_LOGGED_IN, 200),
    "backoffice:security_disable": ("post", None, EVERYONE_LOGGED_IN, 302),
    "backoffice:user_list": ("get", None, OFFICE, 200),
    "backoffice:user_create": ("get", None, OFFICE, 200),
    "backoffice:user_detail": ("get", _other_user, OFFICE, 200),
    "backoffice:user_edit": ("get", _other_user, OFFICE, 200),
    "backoffice:user_role_grant": ("post", _other_user, OFFICE, 302),
    "backoffice:user_role_revoke": ("post", _other_user_role, OFFICE, 302),
    "backoffice:user_set_active": ("post", _other_user, OFFICE, 302),
    "backoffice:user_reset_password": ("post", _other_user, OFFICE, 302),
    "backoffice:organisation_list": ("get", None, OFFICE, 200),
    "backoffice:organisation_create": ("get", None, OFFICE, 200),
    "backoffice:organisation_edit": ("get", _organisation, OFFICE, 200),
    "backoffice:unit_list": ("get", None, OFFICERS, 200),
    "backoffice:unit_detail": ("get", _phuoc_thuan, OFFICERS, 200),
    "backoffice:activity_list": ("get", None, OFFICE, 200),
}

# Apps whose URLs are not ours to police (Django's admin and language switch have their own checks).
FOREIGN_NAMESPACES = {"admin"}
FOREIGN_NAMES = {"set_language"}


def _all_url_names(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            if pattern.namespace in FOREIGN_NAMESPACES:
                continue
            yield from _all_url_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name and pattern.name not in FOREIGN_NAMES:
            yield f"{namespace}{pattern.name}"


def test_every_url_is_in_the_matrix():
    assert set(_all_url_names()) == set(MATRIX)


@pytest.fixture
def context():
    from ocop.accounts.domain.users import create_organisation
    from ocop.accounts.enums import OrganisationKind
    from tests.factories import PHUOC_THUAN

    subject = make_user(Role.COMMUNE_OFFICER, PHUOC_THUAN)
    organisation = create_organisation(
        actor=None, name="UBND xã Phước Thuận", kind=OrganisationKind.COMMUNE_COMMITTEE, unit=unit("22882")
    )
    return {"subject": subject, "organisation": organisation}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_matrix(client, context, name, role):
    method, build_kwargs, allowed, ok_status = MATRIX[name]
    if role != ANON:
        client.force_login(make_user(role))
    url = reverse(name, kwargs=build_kwargs(context) if build_kwargs else None)
    response = getattr(client, method)(url)
    if isinstance(ok_status, dict):
        ok_status = ok_status[ANON if role == ANON else "logged_in"]
    if allowed == "all" or (role != ANON and Role(role) in allowed):
        assert response.status_code == ok_status, (name, role)
    elif role == ANON:
        assert response.status_code == 302 and response["Location"].startswith(reverse("backoffice:login")), name
    else:
        assert response.status_code == 403, (name, role)


def test_a_commune_officer_cannot_open_another_communes_unit(client):
    client.force_login(make_user(Role.COMMUNE_OFFICER))
    assert client.get(reverse("backoffice:unit_detail", kwargs={"pk": unit("22882").pk})).status_code == 200
    assert client.get(reverse("backoffice:unit_detail", kwargs={"pk": unit("22867").pk})).status_code == 404


def test_the_provincial_office_cannot_open_an_administrators_account(client):
    admin = make_user(Role.ADMIN)
    client.force_login(make_user(Role.PROVINCE_OFFICE))
    assert client.get(reverse("backoffice:user_detail", kwargs={"pk": admin.pk})).status_code == 404
