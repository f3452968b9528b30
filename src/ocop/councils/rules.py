"""Who runs councils, who scores, who oversees a session. Objects are loaded through councils.domain.queries."""

import rules

from ocop.accounts.rules import is_admin, is_district_officer, is_ministry_office, is_province_office
from ocop.councils.domain.membership import conflicted_producer_ids
from ocop.councils.enums import SCORING_ROLES, MemberRole, SessionState
from ocop.councils.models import CouncilMember


def _council(obj):
    return getattr(obj, "council", obj)


@rules.predicate
def runs_council(user, obj) -> bool:
    """The office of the council's level: the district office for a district council, the province for its own and
    for a central council it recorded on the Ministry's behalf (its area is the province), the Ministry's
    coordination office for the Ministry's own council (no area)."""
    if obj is None:
        return is_admin(user) or is_province_office(user) or is_district_officer(user) or is_ministry_office(user)
    council = _council(obj)
    if council.level == "district":
        return is_district_officer(user)
    if council.is_the_ministrys:
        return is_ministry_office(user)
    return is_province_office(user)


def _memberships(user, obj):
    """The user's active seats: on the object's council, or (asked without an object) on any council."""
    if not user.is_authenticated:
        return CouncilMember.objects.none()
    seats = CouncilMember.objects.filter(user=user, active=True)
    return seats if obj is None else seats.filter(council=_council(obj))


@rules.predicate
def is_member(user, obj) -> bool:
    return _memberships(user, obj).exists()


@rules.predicate
def is_secretary_or_chair(user, obj) -> bool:
    return _memberships(user, obj).filter(role__in=[MemberRole.CHAIR, MemberRole.SECRETARY]).exists()


@rules.predicate
def is_chair(user, obj) -> bool:
    return _memberships(user, obj).filter(role=MemberRole.CHAIR).exists()


@rules.predicate
def owns_sheet(user, assignment) -> bool:
    return assignment is None or assignment.member.user_id == user.pk


@rules.predicate
def free_of_conflict(user, assignment) -> bool:
    """The sheet's member is not linked to the dossier's producer (declared, own account, own organisation)."""
    return assignment is None or assignment.dossier.producer_id not in conflicted_producer_ids(assignment.member)


@rules.predicate
def session_open(user, obj) -> bool:
    session = getattr(obj, "session", obj)
    return obj is None or session.state == SessionState.OPEN


@rules.predicate
def sits_on_a_council(user) -> bool:
    return user.is_authenticated and user.council_memberships.filter(active=True).exists()


@rules.predicate
def scores_on_a_council(user) -> bool:
    """Holds an active seat that scores: advisory team members review and visit sites but are never given a sheet
    (sessions.assign), and sheets_of shows nothing of an inactive seat."""
    return user.is_authenticated and user.council_memberships.filter(active=True, role__in=SCORING_ROLES).exists()


office = is_admin | runs_council
rules.add_perm("councils.view_councils", office | sits_on_a_council)
rules.add_perm("councils.manage_council", office)
rules.add_perm("councils.view_council", office | is_member)
rules.add_perm("councils.oversee_session", office | is_secretary_or_chair)
rules.add_perm("councils.explain_spread", is_chair)
rules.add_perm("councils.view_my_sheets", scores_on_a_council)
rules.add_perm("councils.write_note", office | is_member)
rules.add_perm("councils.view_sheet", owns_sheet & free_of_conflict)
rules.add_perm("councils.score", owns_sheet & free_of_conflict & session_open)
