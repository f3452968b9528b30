"""Permission matrix entries of the council screens and the public calculator."""

from ocop.accounts.enums import Role
from ocop.councils.domain import sessions
from tests.factories import make_council, make_dossier, make_product, make_session
from tests.matrix import ALL, NOTHING

OFFICE = {Role.ADMIN, Role.PROVINCE_OFFICE}  # the council below is provincial
OFFICERS_OF_COUNCILS = {Role.ADMIN, Role.PROVINCE_OFFICE, Role.DISTRICT_OFFICER, Role.MINISTRY_OFFICE}
# Run district councils or the Ministry's own: this provincial one is not theirs.
OTHER_COUNCILS = {Role.DISTRICT_OFFICER, Role.MINISTRY_OFFICE}
CONTEXT_ORDER = 50


def extend_context(ctx):
    council = make_council(members=3)
    dossier = make_dossier(make_product(ctx["producer"]), state="accepted")
    session = make_session(council, [dossier])
    sessions.auto_assign(actor=None, session=session)
    ctx |= {"council": council, "session": session, "council_dossier": dossier}


def _council(ctx, user):
    return {"pk": ctx["council"].pk}


def _session(ctx, user):
    return {"pk": ctx["session"].pk}


def _sheet(ctx, user):
    return {"pk": ctx["session"].assignments.first().pk}


ENTRIES = {
    "public:calculator": ("get", None, ALL, 200),
    "public:calculator_sheet": ("get", lambda ctx, user: {"sheet_no": 9}, ALL, 200),
    "public:calculator_api": ("get", None, ALL, 400),  # without ?sheet= it says what is missing
    "backoffice:council_list": ("get", None, OFFICERS_OF_COUNCILS, 200),
    "backoffice:council_create": ("get", None, OFFICERS_OF_COUNCILS, 200),
    "backoffice:council_detail": ("get", _council, OFFICE, 200, OTHER_COUNCILS),
    "backoffice:council_member_add": ("post", _council, OFFICE, 302, OTHER_COUNCILS),
    "backoffice:council_conflict_add": ("post", _council, OFFICE, 302, OTHER_COUNCILS),
    "backoffice:session_create": ("get", _council, OFFICE, 200, OTHER_COUNCILS),
    "backoffice:session_detail": ("get", _session, OFFICE, 200, OTHER_COUNCILS),
    "backoffice:session_attendance": ("post", _session, OFFICE, 302, OTHER_COUNCILS),
    "backoffice:session_auto_assign": ("post", _session, OFFICE, 302, OTHER_COUNCILS),
    "backoffice:session_assign": ("post", _session, OFFICE, 404, OTHER_COUNCILS),  # no dossier/member given
    "backoffice:session_rescore": ("post", _session, OFFICE, 302, OTHER_COUNCILS),
    "backoffice:session_close": ("post", _session, OFFICE, 302, OTHER_COUNCILS),
    "backoffice:session_decide": ("post", _session, OFFICE, 302, OTHER_COUNCILS),
    # Only the council's chair records why a result stands (none of the matrix users sits on the council).
    "backoffice:session_spread_reason": ("post", _session, set(), 302),
    "backoffice:session_note": ("post", _session, OFFICE, 302, OTHER_COUNCILS),
    "backoffice:session_minutes": ("get", _session, OFFICE, 200, OTHER_COUNCILS),
    # Only people with a scoring seat have sheets (none of the matrix users sits on a council).
    "backoffice:my_scoring": ("get", None, set(), 200),
    # A sheet exists only for its member (who is none of the matrix users): for everyone else it does not exist.
    "backoffice:score_sheet": ("get", _sheet, set(), 200, set(Role)),
    "backoffice:score_sheet_submit": ("post", _sheet, set(), 302, set(Role)),
}

# What each POST above writes when allowed (tests/matrix.py).
EFFECTS = {
    "backoffice:council_conflict_add": NOTHING,
    "backoffice:council_member_add": NOTHING,
    "backoffice:score_sheet_submit": NOTHING,
    "backoffice:session_assign": NOTHING,
    "backoffice:session_attendance": ("councils.attendance_recorded",),
    "backoffice:session_auto_assign": ("councils.auto_assigned",),
    "backoffice:session_close": NOTHING,
    "backoffice:session_decide": NOTHING,
    "backoffice:session_note": NOTHING,
    "backoffice:session_rescore": NOTHING,
    "backoffice:session_spread_reason": NOTHING,
}
