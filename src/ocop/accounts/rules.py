"""Permission predicates for people and organisations. Every permission check in the system goes through rules."""

import rules

from ocop.accounts.domain.roles import active_roles, has_role
from ocop.accounts.enums import Role


def role_predicate(*roles: str) -> rules.Predicate:
    @rules.predicate(name="has_role_" + "_or_".join(roles))
    def check(user) -> bool:
        return has_role(user, *roles)

    return check


is_admin = role_predicate(Role.ADMIN)
is_province_office = role_predicate(Role.PROVINCE_OFFICE)
is_department_staff = role_predicate(Role.DEPARTMENT_STAFF)
is_district_officer = role_predicate(Role.DISTRICT_OFFICER)
is_commune_officer = role_predicate(Role.COMMUNE_OFFICER)
is_council_member = role_predicate(Role.COUNCIL_MEMBER, Role.ADVISORY_MEMBER)
is_producer = role_predicate(Role.PRODUCER)
is_ministry_office = role_predicate(Role.MINISTRY_OFFICE)
is_officer = role_predicate(
    Role.ADMIN, Role.PROVINCE_OFFICE, Role.DEPARTMENT_STAFF, Role.DISTRICT_OFFICER, Role.COMMUNE_OFFICER
)


@rules.predicate
def has_any_role(user) -> bool:
    return bool(active_roles(user)) or getattr(user, "is_superuser", False)


rules.add_perm("backoffice.access", has_any_role)
rules.add_perm("accounts.manage_users", is_admin | is_province_office)
rules.add_perm("accounts.manage_organisations", is_admin | is_province_office)
rules.add_perm("common.view_activity", is_admin | is_province_office)
rules.add_perm("geo.view_units", is_officer)
