"""From the council's results to the recognition decision: approved in one step, it issues the certificates of
the stars this level recognises and sends the others up (district → province under QĐ 148; ≥ 90 points → the
Ministry for 5★). The Ministry's (central) council, recorded by the province, recognises 5★ and sends a product it
finds below 5★ back to the level that recognises that star."""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from ocop.accounts.domain.bodies import in_office
from ocop.accounts.enums import OrganisationKind
from ocop.accounts.models import Organisation
from ocop.certificates.domain.issuing import ISSUING_BODIES, issue_certificate, record_decision
from ocop.certificates.enums import RecognitionLevel
from ocop.common.domain.activity import log_action
from ocop.common.domain.locking import lock
from ocop.common.domain.notifications import notify
from ocop.common.text import clean_text
from ocop.councils.enums import SessionState
from ocop.councils.models import Result, Session
from ocop.dossiers.domain.recipients import officers_at, producer_accounts
from ocop.dossiers.enums import DossierState, Level
from ocop.geo.enums import UnitLevel


@dataclass(frozen=True)
class DraftDecision:
    """What approving the session's decision will do."""

    recognised: list[Result]  # certificates this level issues
    sent_up: list[Result]  # recognised by a higher level
    not_recognised: list[Result]  # below 3★ or disqualified
    # recognised by a lower level: e.g. a product the Ministry's council does not find 5★ goes back to the province
    sent_back: list[Result] = field(default_factory=list)


# District < province < the Ministry (central).
LEVEL_RANK = {Level.DISTRICT: 1, Level.PROVINCE: 2, Level.CENTRAL: 3}


def draft_decision(session: Session) -> DraftDecision:
    results = list(
        session.results.select_related("dossier__product", "dossier__producer").order_by(
            "-mean", "dossier__receipt_number"
        )
    )
    rank = LEVEL_RANK[session.council.level]
    return DraftDecision(
        recognised=[r for r in results if r.recognised and LEVEL_RANK[r.recognised_by] == rank],
        sent_up=[r for r in results if r.recognised and LEVEL_RANK[r.recognised_by] > rank],
        not_recognised=[r for r in results if not r.recognised],
        sent_back=[r for r in results if r.recognised and LEVEL_RANK[r.recognised_by] < rank],
    )


def default_issuing_body(council, day: datetime.date | None = None) -> str:
    """Who signs the council's decision: the Ministry for its (central) council, which the province only records;
    otherwise the People's Committee of the council's area in office on ``day`` (a council of Ninh Thuận deciding in
    2026: UBND tỉnh Khánh Hòa), or the area's name when the registry knows no committee for it."""
    if council.level == Level.CENTRAL:
        return ISSUING_BODIES[RecognitionLevel.CENTRAL]
    committee = Organisation.objects.filter(
        unit=council.unit, kind__in=(OrganisationKind.PROVINCIAL_COMMITTEE, OrganisationKind.DISTRICT_COMMITTEE)
    ).first()
    if committee is None:
        return council.unit.name
    return in_office(committee, day or timezone.localdate()).name


def _area_at(level: str, dossier):
    """The area whose office handles the dossier at ``level``: the district or the province of its commune. At the
    central level it is the province too: the province that sent the product, which records the Ministry's council
    until the Ministry takes part, and to which the product goes back below 90 points (the Ministry's own rounds have
    no area: ``dossiers.domain.routing.round_area``)."""
    wanted = UnitLevel.DISTRICT if level == Level.DISTRICT else UnitLevel.PROVINCE
    unit = dossier.commune or dossier.evaluation_unit
    while unit is not None and unit.level != wanted:
        unit = unit.parent
    return unit


@transaction.atomic
def approve_decision(
    *,
    actor,
    session: Session,
    number: str,
    decided_on: datetime.date,
    issuing_body: str,
    signer_name: str,
    signer_title: str,
) -> DraftDecision:
    """One step: record the decision, issue its certificates, send the others up, close the products' dossiers.

    The decision is recorded even when it recognises no product: it is what sends the others up or closes them,
    and the session keeps it (number, date, signer) for its page. A second request (a double click, two people at
    once, whatever number it carries) waits for the first and gets what it did: one decision, one certificate per
    product."""
    lock(session)
    if session.state == SessionState.DECIDED:
        return draft_decision(session)
    if session.state != SessionState.CLOSED:
        raise ValidationError(
            _("Close the session (freeze its results) before approving the decision."), code="not_closed"
        )
    missing = {
        field: message
        for field, value, message in (
            ("signer_name", signer_name, _("Give the name of the person who signs the decision.")),
            ("signer_title", signer_title, _("Give the title of the person who signs the decision.")),
        )
        if not clean_text(value)
    }
    if missing:
        raise ValidationError(missing)
    draft = draft_decision(session)
    decision = record_decision(
        actor=actor,
        number=number,
        decided_on=decided_on,
        level=session.council.level,
        issuing_body=issuing_body,
        signer_name=signer_name,
        signer_title=signer_title,
    )
    for result in draft.recognised:
        issue_certificate(
            actor=actor, decision=decision, product=result.dossier.product, stars=result.star, score=result.mean
        )
        _close_dossier(actor, result, DossierState.RECOGNISED, decided_on)
    for result in draft.not_recognised:
        _close_dossier(actor, result, DossierState.NOT_RECOGNISED, decided_on)
    for result in draft.sent_up:
        _send_up(actor, result)
    for result in draft.sent_back:
        _send_up(actor, result, back=True)
    session.state, session.decision = SessionState.DECIDED, decision
    session.save(update_fields=["state", "decision"])
    log_action(
        actor=actor,
        verb="councils.decision_approved",
        target=session,
        data={
            "decision": decision.number,
            "recognised": len(draft.recognised),
            "sent_up": len(draft.sent_up),
            "not_recognised": len(draft.not_recognised),
            "sent_back": len(draft.sent_back),
        },
    )
    return draft


def _close_dossier(actor, result: Result, state: str, decided_on: datetime.date) -> None:
    dossier = result.dossier
    dossier.state, dossier.deadline, dossier.closed_on = state, None, decided_on
    dossier.save(update_fields=["state", "deadline", "closed_on", "updated_at"])
    log_action(actor=actor, verb=f"dossiers.{state}", target=dossier, data={"mean": result.mean, "star": result.star})
    notify(
        recipients=producer_accounts(dossier),
        verb=f"dossiers.{state}",
        url=reverse("backoffice:dossier_detail", args=[dossier.pk]),
        message=_("%(product)s: %(score)s points, %(result)s.")
        % {
            "product": dossier.product.name,
            "score": number_format(result.mean, 2),
            "result": _("recognised with %(stars)s stars") % {"stars": result.star}
            if state == DossierState.RECOGNISED
            else _("not recognised"),
        },
    )


SENT_UP_VERB = "dossiers.sent_up"
SENT_BACK_VERB = "dossiers.sent_back"


def _send_up(actor, result: Result, *, back: bool = False) -> None:
    """The star is recognised by another level (a higher one, or — from the Ministry's council — a lower one): the
    dossier waits there, with the council's result attached."""
    dossier = result.dossier
    level = result.recognised_by
    dossier.state, dossier.current_level, dossier.evaluation_level = DossierState.FORWARDED, level, level
    dossier.evaluation_unit, dossier.round, dossier.deadline = _area_at(level, dossier), None, None
    dossier.save()
    log_action(
        actor=actor,
        verb=SENT_BACK_VERB if back else SENT_UP_VERB,
        target=dossier,
        data={"to": level, "mean": result.mean, "star": result.star},
    )
    if back:
        message = _("%(product)s scored %(score)s at a higher level's council: it is for the %(level)s to recognise.")
    elif level != Level.CENTRAL:
        message = _("%(product)s scored %(score)s at the district: it is for the province to recognise.")
    else:
        message = _("%(product)s scored %(score)s at the provincial council: proposed to the Ministry for 5 stars.")
    notify(
        recipients=officers_at(level, dossier.commune),
        verb=SENT_BACK_VERB if back else SENT_UP_VERB,
        url=reverse("backoffice:dossier_detail", args=[dossier.pk]),
        message=message
        % {
            "product": dossier.product.name,
            "score": number_format(result.mean, 2),
            "level": Level(level).label.lower(),
        },
    )
