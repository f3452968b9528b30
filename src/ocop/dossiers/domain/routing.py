"""Where a dossier goes under the rules it was filed under: which commune receives it, which level evaluates it,
its receipt number, and the round it joins."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ocop.accounts.domain.roles import ministry_takes_part
from ocop.dossiers.enums import Level
from ocop.dossiers.models import ReceiptSequence, Round
from ocop.evaluation.enums import RecognitionLevel
from ocop.evaluation.models import RuleSet
from ocop.geo.domain.queries import successors_on
from ocop.geo.enums import UnitLevel
from ocop.geo.models import AdministrativeUnit


def receiving_commune(producer_commune: AdministrativeUnit, filed_on: datetime.date) -> AdministrativeUnit:
    """The commune that receives a dossier filed on ``filed_on``: the producer's, or the one it had become by then."""
    if producer_commune.valid_to is None or producer_commune.valid_to >= filed_on:
        return producer_commune
    return successors_on(producer_commune, filed_on)[0]


def _ancestor(unit: AdministrativeUnit, level: str) -> AdministrativeUnit:
    while unit.level != level:
        unit = unit.parent
    return unit


def _district_of(commune: AdministrativeUnit) -> AdministrativeUnit | None:
    """The commune's district; None for a commune of the two-level local government (from 01/7/2025)."""
    unit = commune.parent
    while unit is not None and unit.level != UnitLevel.DISTRICT:
        unit = unit.parent
    return unit


def evaluating_area(commune: AdministrativeUnit, rule_set: RuleSet) -> tuple[str, AdministrativeUnit]:
    """District council under the three-level procedure (the commune's district), province under the two-level.

    QĐ 148/2023 (three levels) stays in force until 05/7/2025, but from 01/7/2025 communes have no district: their
    dossiers go to the province."""
    if rule_set.evaluation_level == Level.DISTRICT:
        district = _district_of(commune)
        if district is not None:
            return Level.DISTRICT, district
    return Level.PROVINCE, _ancestor(commune, UnitLevel.PROVINCE)


def recognising_level(dossier, stars: int) -> str | None:
    """Who recognises ``stars`` for the dossier: the rule set's level, the province in place of a district that no
    longer exists (dossiers filed from 01/7 to 05/7/2025 under QĐ 148/2023)."""
    level = dossier.rule_set.recognition_level_for(stars)
    if level == RecognitionLevel.DISTRICT and _district_of(dossier.commune) is None:
        return RecognitionLevel.PROVINCE
    return level


def next_receipt_number(commune: AdministrativeUnit, year: int) -> str:
    """``<n>/PĐK-<province code>-<commune code>-<year>``; call inside the transaction that files the dossier."""
    province_code = _ancestor(commune, UnitLevel.PROVINCE).code
    sequence, _created = ReceiptSequence.objects.select_for_update().get_or_create(
        province_code=province_code, commune_code=commune.code, year=year
    )
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return f"{sequence.last:02d}/PĐK-{province_code}-{commune.code}-{year}"


def round_area(dossier) -> AdministrativeUnit | None:
    """The area of the round a dossier joins: its evaluating area, except at the central level once the Ministry takes
    part, whose own rounds gather every province's dossiers and have no area."""
    if dossier.evaluation_level == Level.CENTRAL and ministry_takes_part():
        return None
    return dossier.evaluation_unit


def round_for(*, level: str, unit: AdministrativeUnit | None, received_on: datetime.date, rule_set: RuleSet) -> Round:
    """The next open round of ``level`` whose cut-off is on or after ``received_on`` (the Ministry has its own rounds;
    rounds are created as they are needed)."""
    for year in (received_on.year, received_on.year + 1):
        for number, planned in enumerate(rule_set.rounds(year, level), start=1):
            if planned.cutoff < received_on:
                continue
            found, _created = Round.objects.get_or_create(
                level=level,
                unit=unit,
                year=year,
                number=number,
                defaults={"cutoff": planned.cutoff, "decision_due": planned.decision_by},
            )
            if found.closed_at is None:
                return found
    raise ValidationError(_("Every round up to next year is closed: there is no round for this dossier to join."))
