"""Shared vocabulary of the permission matrix (tests/backoffice/test_permission_matrix.py).

Each app lists its URLs in ``tests/<app>/matrix_entries.py``: a dict ``ENTRIES`` of
``url name → (method, kwargs builder or None, roles allowed or "all", status when allowed)`` and, if its URLs need
records, a function ``extend_context(ctx)`` that adds them to the shared context. A kwargs builder receives
``(ctx, user)`` (user is None for anonymous visitors). The status may be ``{ANON: status, "logged_in": status}``.
A module whose records others use sets ``CONTEXT_ORDER`` (lower runs first; the default is 100). An optional fifth
element lists roles that may open that kind of page but for which the record is outside their area: they get 404.
"""

from ocop.accounts.enums import Role

ANON = "anonymous"
LOGGED_IN = "logged_in"
ROLES = [ANON, *[role.value for role in Role]]
OFFICE = {Role.ADMIN, Role.PROVINCE_OFFICE}
OFFICERS = {Role.ADMIN, Role.PROVINCE_OFFICE, Role.DEPARTMENT_STAFF, Role.DISTRICT_OFFICER, Role.COMMUNE_OFFICER}
AREA_EDITORS = {Role.ADMIN, Role.PROVINCE_OFFICE, Role.DISTRICT_OFFICER, Role.COMMUNE_OFFICER}
EVERYONE_LOGGED_IN = set(Role)
ALL = "all"
