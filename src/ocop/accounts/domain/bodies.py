"""Bodies with a history, like administrative units: a ministry, a People's Committee or a department holds office
from one day to another and is succeeded by another body. An official paper is headed by the bodies in office on
its date: a 2024 report drafted in 2026 comes from the Sở Nông nghiệp và Môi trường tỉnh Khánh Hòa, not from the
Sở Nông nghiệp và Phát triển nông thôn tỉnh Ninh Thuận that the plan named.

The reorganisation of 2025 for this installation's province is reference data (``load_bodies``): the Ministry of
Agriculture and Rural Development and the Ministry of Natural Resources and Environment became the Ministry of
Agriculture and Environment on 01/3/2025, the provinces merged their two departments into a Sở Nông nghiệp và Môi
trường around the same date (taken as 01/3/2025), and Ninh Thuận became part of Khánh Hòa on 01/7/2025.
"""

import datetime
import itertools
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ocop.accounts.enums import OrganisationKind
from ocop.accounts.models import Organisation
from ocop.common.domain.activity import log_action
from ocop.common.text import fold
from ocop.geo.enums import Era, UnitLevel
from ocop.geo.models import AdministrativeUnit

MINISTRY_RENAMED = datetime.date(2025, 3, 1)
PROVINCES_MERGED = datetime.date(2025, 7, 1)
LAST_STEPS = 10  # a chain of successions is short; this bounds a loop someone's data might make


def in_office(organisation: Organisation | None, day: datetime.date) -> Organisation | None:
    """The body holding ``organisation``'s office on ``day``: its successors after it ended, its predecessor before
    it began."""
    body = organisation
    for _step in range(LAST_STEPS):
        if body is None:
            return None
        if body.valid_until and day > body.valid_until and body.successor_id:
            body = body.successor
        elif body.valid_from and day < body.valid_from:
            earlier = body.predecessors.order_by("-valid_until", "pk").first()
            if earlier is None:
                return body
            body = earlier
        else:
            return body
    return body


def name_in_office(name: str, day: datetime.date) -> str:
    """A body named in a text (a recipient line) as it is named on ``day``; a name no body has stays as written."""
    known = Organisation.objects.filter(search_name=fold(name)).order_by("pk").first()
    return in_office(known, day).name if known else name


def province_name(unit: AdministrativeUnit | None) -> str:
    """ "Khánh Hòa": the province a body's unit lies in, as a document's place line names it."""
    while unit is not None and unit.level != UnitLevel.PROVINCE:
        unit = unit.parent
    return unit.short_name if unit else ""


def _committee_abbreviated(name: str) -> str:
    """ "Ủy ban nhân dân tỉnh Khánh Hòa" → "UBND tỉnh Khánh Hòa", as the superior line of a department's paper reads."""
    for long in ("Ủy ban nhân dân ", "Uỷ ban nhân dân "):
        if name.startswith(long):
            return "UBND " + name.removeprefix(long)
    return name


@dataclass(frozen=True)
class Heading:
    superior_body: str
    issuing_body: str
    place: str
    symbol: str


def heading(organisation: Organisation, day: datetime.date) -> Heading:
    """What heads a paper ``organisation`` issues on ``day``: the superior body and the issuing body in office then,
    the place (their province) and the body's symbol."""
    body = in_office(organisation, day)
    superior = in_office(body.parent, day) if body.parent_id else None
    issuing = body.name
    province = province_name(body.unit)
    if superior is not None and province and issuing.endswith(f" tỉnh {province}"):
        issuing = issuing.removesuffix(f" tỉnh {province}")  # the superior line names the province already
    return Heading(
        superior_body=_committee_abbreviated(superior.name) if superior else "",
        issuing_body=issuing,
        place=province_name(body.unit),
        symbol=body.symbol,
    )


@transaction.atomic
def record_succession(*, actor, predecessor: Organisation, successor: Organisation, effective_on: datetime.date):
    """``successor`` holds ``predecessor``'s office from ``effective_on``."""
    if predecessor.pk == successor.pk:
        raise ValidationError({"successor": _("A body cannot succeed itself.")})
    if successor.valid_until and successor.valid_until < effective_on:
        raise ValidationError({"successor": _("The successor was no longer in office on that day.")})
    predecessor.valid_until = effective_on - datetime.timedelta(days=1)
    predecessor.successor = successor
    predecessor.save(update_fields=["valid_until", "successor"])
    successor.valid_from = effective_on
    successor.save(update_fields=["valid_from"])
    log_action(
        actor=actor,
        verb="accounts.organisation_succeeded",
        target=predecessor,
        data={"successor": successor.name, "effective_on": effective_on},
    )


# The 2025 reorganisation for Ninh Thuận (GSO code 58): chains of (name, short name, symbol, kind, where, superior).
# "where" is "old" (the province before 1/7/2025), "new" (its successor) or None (national).
MINISTRY = [
    ("Bộ Nông nghiệp và Phát triển nông thôn", "Bộ NN&PTNT", "BNNPTNT"),
    ("Bộ Nông nghiệp và Môi trường", "Bộ NN&MT", "BNNMT"),
]
COMMITTEES = [
    ("Ủy ban nhân dân tỉnh Ninh Thuận", "UBND tỉnh", "UBND", "old"),
    ("Ủy ban nhân dân tỉnh Khánh Hòa", "UBND tỉnh Khánh Hòa", "UBND", "new"),
]
DEPARTMENTS = [
    ("Sở Nông nghiệp và Phát triển nông thôn tỉnh Ninh Thuận", "Sở NN&PTNT", "SNNPTNT", "old"),
    ("Sở Nông nghiệp và Môi trường tỉnh Ninh Thuận", "Sở NN&MT", "SNNMT", "old"),
    ("Sở Nông nghiệp và Môi trường tỉnh Khánh Hòa", "Sở NN&MT", "SNNMT", "new"),
]


def _body(name, short_name, symbol, kind, unit, parent) -> Organisation:
    body = Organisation.objects.filter(search_name=fold(name), unit=unit).first()
    if body is None:
        body = Organisation.objects.create(
            name=name, short_name=short_name, kind=kind, unit=unit, parent=parent, search_name=fold(name)
        )
    changed = {"symbol": symbol} if not body.symbol else {}
    if parent is not None and body.parent_id is None:
        changed["parent"] = parent
    for field, value in changed.items():
        setattr(body, field, value)
    if changed:
        body.save(update_fields=list(changed))
    return body


@transaction.atomic
def load_bodies(*, actor=None, province_code: str = "58") -> bool:
    """Create or complete the bodies of the 2025 reorganisation and their successions (runs again harmlessly);
    False when the province's units are not loaded or the province is not one this data knows."""
    if province_code != "58":
        return False
    old = AdministrativeUnit.objects.filter(era=Era.BEFORE_2025, level=UnitLevel.PROVINCE, code=province_code).first()
    succession = old.successions.select_related("successor").first() if old else None
    if succession is None:
        return False
    units = {"old": old, "new": succession.successor}
    ministries = [_body(name, short, symbol, OrganisationKind.MINISTRY, None, None) for name, short, symbol in MINISTRY]
    committees = [
        _body(name, short, symbol, OrganisationKind.PROVINCIAL_COMMITTEE, units[where], None)
        for name, short, symbol, where in COMMITTEES
    ]
    parents = {"old": committees[0], "new": committees[1]}
    departments = [
        _body(name, short, symbol, OrganisationKind.DEPARTMENT, units[where], parents[where])
        for name, short, symbol, where in DEPARTMENTS
    ]
    for chain, days in (
        (ministries, [MINISTRY_RENAMED]),
        (committees, [PROVINCES_MERGED]),
        (departments, [MINISTRY_RENAMED, PROVINCES_MERGED]),
    ):
        for (before, after), day in zip(itertools.pairwise(chain), days, strict=True):
            if before.successor_id != after.pk:
                record_succession(actor=actor, predecessor=before, successor=after, effective_on=day)
    return True
