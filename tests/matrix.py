"""Shared vocabulary of the permission matrix (tests/backoffice/test_permission_matrix.py).

Each app lists its URLs in ``tests/<app>/matrix_entries.py``: a dict ``ENTRIES`` of
``url name → (method, kwargs builder or None, roles allowed or "all", status when allowed)`` and, if its URLs need
records, a function ``extend_context(ctx)`` that adds them to the shared context. A kwargs builder receives
``(ctx, user)`` (user is None for anonymous visitors). The status may be ``{ANON: status, "logged_in": status}``.
A module with POST entries also lists, in ``EFFECTS``, what each writes when allowed (see NOTHING below): the matrix
then proves what happened, not only who got in. A module whose records others use sets ``CONTEXT_ORDER`` (lower runs
first; the default is 100). An optional fifth element lists roles that may open that kind of page but for which the
record is outside their area: they get 404.
"""

from ocop.accounts.enums import Role

ANON = "anonymous"
API = "api:"  # URL names of the REST API: a refused anonymous caller gets 401
LOGGED_IN = "logged_in"
ROLES = [ANON, *[role.value for role in Role]]
OFFICE = {Role.ADMIN, Role.PROVINCE_OFFICE}
OFFICERS = {Role.ADMIN, Role.PROVINCE_OFFICE, Role.DEPARTMENT_STAFF, Role.DISTRICT_OFFICER, Role.COMMUNE_OFFICER}
AREA_EDITORS = {Role.ADMIN, Role.PROVINCE_OFFICE, Role.DISTRICT_OFFICER, Role.COMMUNE_OFFICER}
EVERYONE_LOGGED_IN = set(Role)
# The Ministry's coordination office: it opens the lists of the dossiers sent up for 5★ and of those producers' records,
# none of which the matrix's records (xã Phước Thuận, never sent up) is: their pages are not found for it.
MINISTRY = {Role.MINISTRY_OFFICE}
ALL = "all"

# What an allowed POST of the matrix (sent without a body) writes: the verbs of the audit entries it logs, in any
# order, or NOTHING: a form sent back with its errors writes no row at all. Each app lists its POST URLs in
# ``EFFECTS`` beside ``ENTRIES``; a refused POST (403, 404, the login page) must write nothing.
NOTHING = ()
SESSION_ENDED = "the session ended"  # logging out deletes the session row and logs nothing


def rows_written() -> int:
    """Rows inserted, updated or deleted so far in this connection (SQLite) or transaction (PostgreSQL): the
    difference around a request is what the request wrote."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT total_changes()")
        else:
            cursor.execute("SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) FROM pg_stat_xact_user_tables")
        return int(cursor.fetchone()[0])
