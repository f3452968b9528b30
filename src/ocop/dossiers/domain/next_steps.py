"""What happens next to a dossier and what the person looking at it may do about it, in one place: the dossier
page renders what ``next_actions`` returns instead of deciding from state names.

Who may take a step is the permission rule of ``dossiers/rules.py`` (asked through ``user.has_perm``); whether the
step can be taken yet is the workflow's own check (``missing_for_submission`` and its siblings), so a button is
shown disabled with the same reasons the step would be refused for.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from ocop.accounts.domain.roles import ministry_takes_part
from ocop.dossiers import checklist
from ocop.dossiers.domain import workflow
from ocop.dossiers.enums import ACTIVE_STATES, DossierState, Level

S = DossierState


@dataclass(frozen=True)
class Action:
    """One step the user may take: a workflow transition (``key`` names it) or starting a new dossier."""

    key: str  # submit, resubmit, forward, accept, return, reject, withdraw, new_dossier
    label: str
    style: str = ""  # "primary" for the step the procedure expects, "danger" for one that ends the dossier
    blocked_by: tuple[str, ...] = ()  # why it cannot be taken yet

    @property
    def enabled(self) -> bool:
        return not self.blocked_by


@dataclass(frozen=True)
class NextSteps:
    situation: str  # where the dossier stands and what happens next, for whoever looks
    actions: tuple[Action, ...]


def _date(day) -> str:
    return day.strftime("%d/%m/%Y") if day else "–"


def _evaluating_office(dossier) -> str:
    if dossier.evaluation_level == Level.DISTRICT:
        return _("the district office of %(unit)s") % {"unit": dossier.evaluation_unit.name}
    return _("the provincial OCOP office of %(unit)s") % {"unit": dossier.evaluation_unit.name}


def situation(dossier) -> str:
    """Where the dossier stands, in one sentence anyone looking at it understands."""
    state = dossier.state
    if state == S.DRAFT:
        return _(
            "Not filed yet: complete forms 01 and 02, the self-score and the evidence, then submit the dossier to "
            "the commune."
        )
    if state == S.SUBMITTED:
        return _("The People's Committee of %(commune)s checks the dossier by %(deadline)s.") % {
            "commune": dossier.commune.name,
            "deadline": _date(dossier.deadline),
        }
    if state == S.SUPPLEMENT_REQUESTED:
        return _("Returned for supplements: the producer adds what was asked by %(deadline)s and sends it back.") % {
            "deadline": _date(dossier.deadline)
        }
    if state == S.FORWARDED and dossier.evaluation_level == Level.CENTRAL and ministry_takes_part():
        return _(
            "Scored 90 points or more by the provincial council: proposed to the Ministry for 5 stars; the "
            "Ministry's OCOP coordination office takes it into a round of the Ministry's council."
        )
    if state == S.FORWARDED and dossier.evaluation_level == Level.CENTRAL:
        return _(
            "Scored 90 points or more by the provincial council: proposed to the Ministry for 5 stars; the "
            "provincial OCOP office records the Ministry's evaluation."
        )
    if state == S.FORWARDED:
        return _("Checked by the commune; %(office)s checks it and takes it into an evaluation round.") % {
            "office": _evaluating_office(dossier)
        }
    if state == S.ACCEPTED:
        return _("In %(round)s: the council scores it; the decision is due by %(deadline)s.") % {
            "round": dossier.round,
            "deadline": _date(dossier.round.decision_due),
        }
    if state == S.SCORED:
        return _("Scored by the council: the recognition decision follows.")
    if state == S.RECOGNISED:
        return _("Recognised: the certificate below is the product's proof; re-evaluate the product before it expires.")
    if state == S.NOT_RECOGNISED:
        return _("Not recognised: the product may be improved and evaluated again with a new dossier.")
    if state == S.REJECTED:
        return _("Rejected for the reasons below: a new dossier may be filed once they are resolved.")
    return _("Withdrawn: a new dossier may be filed for this product.")


def _may_start_again(dossier, user) -> bool:
    """A closed dossier (not recognised, rejected, withdrawn) may be followed by a new one, unless the product
    already has another dossier under way."""
    if dossier.state not in (S.NOT_RECOGNISED, S.REJECTED, S.WITHDRAWN):
        return False
    others = dossier.product.dossiers.exclude(pk=dossier.pk).filter(state__in=[*ACTIVE_STATES, S.DRAFT])
    return user.has_perm("dossiers.add_dossier") and not others.exists()


def _allowed(dossier, action: str) -> bool:
    return dossier.state in workflow.TRANSITIONS[action][0]


def next_actions(dossier, user) -> NextSteps:
    """The dossier's situation and the steps ``user`` may take on it now, the expected step first."""
    actions = []
    may_change = user.has_perm("dossiers.change_dossier", dossier)
    if may_change and _allowed(dossier, "submit"):
        actions.append(
            Action(
                "submit",
                _("Submit to the commune"),
                "primary",
                tuple(workflow.missing_for_submission(dossier)),
            )
        )
    if may_change and _allowed(dossier, "resubmit"):
        actions.append(
            Action(
                "resubmit",
                _("Send back with the supplements"),
                "primary",
                tuple(workflow.missing_for_resubmission(dossier)),
            )
        )
    if user.has_perm("dossiers.review_at_commune", dossier):
        actions.append(
            Action(
                "forward",
                _("Forward for evaluation"),
                "primary",
                tuple(workflow.missing_for_forwarding(dossier)),
            )
        )
    if user.has_perm("dossiers.decide_at_evaluation_level", dossier):
        actions.append(
            Action(
                "accept",
                _("Accept into the next round"),
                "primary",
                tuple(workflow.missing_for_acceptance(dossier)),
            )
        )
    if user.has_perm("dossiers.review_here", dossier):
        actions += [Action("return", _("Return for supplements")), Action("reject", _("Reject the dossier"), "danger")]
    if _may_start_again(dossier, user):
        actions.append(Action("new_dossier", _("Start a new dossier for this product"), "primary"))
    if user.has_perm("dossiers.withdraw_dossier", dossier) and _allowed(dossier, "withdraw"):
        actions.append(Action("withdraw", _("Withdraw the dossier"), "danger"))
    return NextSteps(situation(dossier), tuple(actions))


def _items(text: str) -> list[str]:
    """A text stored one item a line (common.text.clean_lines), without the bullets people type."""
    return [item for item in (line.lstrip("-–•* ") for line in (text or "").splitlines()) if item]


def asked_for(request) -> list[str]:
    """What a supplement request asks for, one item each: the checklist items ticked, then the lines written."""
    labels = [str(checklist.BY_CODE[code].label) for code in request.items if code in checklist.BY_CODE]
    written = [] if request.message == "—" else _items(request.message)
    return labels + written


def rejection_reasons(dossier) -> list[str]:
    return _items(dossier.rejection_reason)
