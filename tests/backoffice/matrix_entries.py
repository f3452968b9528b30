"""Permission matrix entries of the people-and-places screens and public pages."""

from ocop.accounts.enums import Role
from tests.factories import PHUOC_THUAN, make_user, unit
from tests.matrix import ALL, ANON, EVERYONE_LOGGED_IN, LOGGED_IN, NOTHING, OFFICE, OFFICERS, SESSION_ENDED

CONTEXT_ORDER = 0


def extend_context(ctx):
    from ocop.accounts.domain.users import create_organisation
    from ocop.accounts.enums import OrganisationKind

    ctx["subject"] = make_user(Role.COMMUNE_OFFICER, PHUOC_THUAN)
    ctx["organisation"] = create_organisation(
        actor=None, name="UBND xã Phước Thuận", kind=OrganisationKind.COMMUNE_COMMITTEE, unit=unit("22882")
    )


def _phuoc_thuan(ctx, user):
    return {"pk": unit("22882").pk}


def _other_user(ctx, user):
    return {"pk": ctx["subject"].pk}


def _other_user_role(ctx, user):
    return {"pk": ctx["subject"].pk, "role_pk": ctx["subject"].role_assignments.get().pk}


def _organisation(ctx, user):
    return {"pk": ctx["organisation"].pk}


ENTRIES = {
    "public:home": ("get", None, ALL, 200),
    "public:health": ("get", None, ALL, 200),
    "favicon": ("get", None, ALL, 301),
    "backoffice:login": ("get", None, ALL, {ANON: 200, LOGGED_IN: 302}),  # logged in: on to the dashboard
    "backoffice:logout": ("post", None, ALL, 302),
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
    "backoffice:user_reset_password": ("post", _other_user, OFFICE, 200),
    "backoffice:organisation_list": ("get", None, OFFICE, 200),
    "backoffice:organisation_create": ("get", None, OFFICE, 200),
    "backoffice:organisation_edit": ("get", _organisation, OFFICE, 200),
    "backoffice:unit_list": ("get", None, OFFICERS, 200),
    "backoffice:unit_detail": ("get", _phuoc_thuan, OFFICERS, 200),
    "backoffice:activity_list": ("get", None, OFFICE, 200),
}

# What each POST above writes when allowed (tests/matrix.py).
EFFECTS = {
    "backoffice:logout": SESSION_ENDED,
    "backoffice:security_disable": NOTHING,
    "backoffice:user_reset_password": ("accounts.password_reset",),
    "backoffice:user_role_grant": NOTHING,
    "backoffice:user_role_revoke": ("accounts.role_revoked",),
    "backoffice:user_set_active": ("accounts.user_deactivated",),
}
