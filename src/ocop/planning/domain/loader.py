"""Loading plans from a file (format ``ocop-plan/1``, documented in docs/planning.md): check everything first,
then write it in one transaction through the same domain functions as the screens. Loading the same file again
changes nothing; a corrected file updates what it names and never deletes what was added on the screens.

    from ocop.planning.domain.loader import load_plan_file
    load_plan_file(Path(".../ke-hoach-706-KH-UBND-2024.json"), actor=None)
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ocop.accounts.domain.users import create_organisation
from ocop.accounts.enums import OrganisationKind
from ocop.accounts.models import Organisation
from ocop.common.domain.activity import log_action
from ocop.common.json_shapes import (
    TEXT,
    TEXTS,
    AnyOf,
    Column,
    ListOf,
    MapOf,
    Nullable,
    Object,
    Whole,
    shape_problems,
)
from ocop.common.text import clean_text, fold
from ocop.common.uploads import parse_json
from ocop.geo.domain.queries import unit_on
from ocop.geo.enums import UnitLevel
from ocop.geo.models import AdministrativeUnit
from ocop.planning.domain import indicators, plans
from ocop.planning.enums import Cutoff, Direction, Frequency, PlanKind
from ocop.planning.models import Plan, Quota, ReportingObligation, Target, Task, TaskOutput

FORMAT = "ocop-plan/1"
DATA_DIR = Path(__file__).resolve().parent.parent / "data"
PLAN_706_FILE = DATA_DIR / "ke-hoach-706-KH-UBND-2024.json"
LEVEL_BY_CODE_LENGTH = {2: UnitLevel.PROVINCE, 3: UnitLevel.DISTRICT, 5: UnitLevel.COMMUNE}
COMMITTEE_KINDS = {
    "district": (UnitLevel.DISTRICT, OrganisationKind.DISTRICT_COMMITTEE),
    "commune": (UnitLevel.COMMUNE, OrganisationKind.COMMUNE_COMMITTEE),
}


@dataclass
class LoadResult:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    plans: list[Plan] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(sum(self.created.values()) or sum(self.updated.values()))

    def as_dict(self) -> dict:
        return {
            "plans": [plan.reference for plan in self.plans],
            "created": dict(self.created),
            "updated": dict(self.updated),
            "unchanged": dict(self.unchanged),
        }


CODE = AnyOf(TEXT, Whole())  # a unit's GSO code, "587" or 587
LINES = AnyOf(TEXT, TEXTS)
AGENCY = Object(
    {
        "name": TEXT,
        "kind": TEXT,
        "unit": CODE,
        "short_name": TEXT,
        "parent": TEXT,
        "committees": TEXT,
        "units": ListOf(CODE),
        "within": CODE,
    }
)
TARGET = Object(
    {
        "code": TEXT,
        "section": TEXT,
        "text": TEXT,
        "indicator": TEXT,
        "filters": MapOf(AnyOf(Whole(), TEXT, ListOf(AnyOf(Whole(), TEXT)))),
        "unit_label": TEXT,
        "direction": TEXT,
        "low": Column(Target._meta.get_field("low")),
        "high": Nullable(Column(Target._meta.get_field("high"))),
        "baseline": Nullable(Column(Target._meta.get_field("baseline"))),
        "baseline_note": TEXT,
        "owner": Nullable(TEXT),
        "note": TEXT,
    }
)
QUOTA = Object({"unit": CODE, "expected": MapOf(Whole()), "agency": TEXT})
OUTPUT = Object({"name": TEXT, "unit_label": TEXT, "planned": Column(TaskOutput._meta.get_field("planned"))})
TASK = Object(
    {
        **dict.fromkeys(
            ("code", "section", "content", "lead_text", "partner_text", "period_text", "funding_source"), TEXT
        ),
        **dict.fromkeys(("note", "source_note", "starts_on", "ends_on"), TEXT),
        "lead": TEXTS,
        "budget": Nullable(Column(Task._meta.get_field("budget"))),
        "outputs": ListOf(OUTPUT),
    }
)
OBLIGATION = Object(
    {
        **dict.fromkeys(
            ("reporter_text", "recipient_text", "frequency", "note", "header_superior", "header_body", "symbol"), TEXT
        ),
        **dict.fromkeys(("place", "signer_authority", "signer_title", "signer_name", "cutoff"), TEXT),
        "reporter": Nullable(TEXT),
        "due_days": Nullable(Whole(high=32_767)),
        "recipients": LINES,
    }
)
PLAN = Object(
    {
        **dict.fromkeys(("reference", "kind", "title", "issuing_body", "issued_on", "starts_on", "ends_on"), TEXT),
        **dict.fromkeys(("parent", "office", "signer_authority", "signer_title", "signer_name"), Nullable(TEXT)),
        **dict.fromkeys(("general_objective", "funding_note", "source_note"), TEXT),
        "unit": CODE,
        "legal_basis": LINES,
        "targets": ListOf(TARGET),
        "quotas": ListOf(QUOTA),
        "tasks": ListOf(TASK),
        "obligations": ListOf(OBLIGATION),
    }
)
PLAN_FILE = Object({"format": TEXT, "source": TEXT, "agencies": MapOf(AGENCY), "plans": ListOf(PLAN)})


class _Problems:
    def __init__(self):
        self.messages: list[str] = []

    def add(self, where: str, message: str) -> None:
        self.messages.append(f"{where}: {message}")

    def raise_if_any(self) -> None:
        if self.messages:
            raise ValidationError(self.messages, code="plan_file")


def read_plan_file(path: Path) -> dict:
    try:
        return parse_json(Path(path).read_bytes())
    except FileNotFoundError as error:
        raise ValidationError(_("File not found: %(path)s") % {"path": path}, code="not_found") from error


def load_plan_file(path: Path, *, actor=None) -> LoadResult:
    """Load every plan of a plan file; nothing is written unless the whole file is correct."""
    return load_plan_data(read_plan_file(path), actor=actor)


# Checking -----------------------------------------------------------------------------------------------------------


def _date(value, where: str, problems: _Problems) -> datetime.date | None:
    if value in (None, ""):
        return None
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(str(value), pattern).date()
        except ValueError:
            continue
    problems.add(where, _("a date is written 2024-02-21 or 21/02/2024"))
    return None


def _number(value, where: str, problems: _Problems, *, required: bool = True) -> Decimal | None:
    """A number the shape check has already found to fit its column."""
    if value is None or value == "":
        if required:
            problems.add(where, _("a number is required"))
        return None
    return Decimal(str(value))


def _unit(code, day: datetime.date | None, where: str, problems: _Problems) -> AdministrativeUnit | None:
    code = str(code or "").strip()
    level = LEVEL_BY_CODE_LENGTH.get(len(code))
    if level is None or day is None:
        problems.add(where, _("an administrative unit is given by its GSO code (2, 3 or 5 digits)"))
        return None
    unit = unit_on(code, level, day)
    if unit is None:
        problems.add(
            where, _("no unit with code %(code)s existed on %(day)s") % {"code": code, "day": f"{day:%d/%m/%Y}"}
        )
    return unit


def _require(item: dict, keys: tuple[str, ...], where: str, problems: _Problems) -> None:
    for key in keys:
        if item.get(key) in (None, ""):
            problems.add(where, _("“%(key)s” is required") % {"key": key})


def _check_agencies(agencies: dict, problems: _Problems) -> dict:
    checked = {}
    if not isinstance(agencies, dict):
        problems.add("agencies", _("must be an object keyed by short names"))
        return checked
    for key, agency in agencies.items():
        where = f"agencies.{key}"
        if "committees" in agency:
            level_kind = COMMITTEE_KINDS.get(agency["committees"])
            if level_kind is None:
                problems.add(where, _("“committees” is district or commune"))
                continue
            checked[key] = agency
            continue
        _require(agency, ("name", "kind", "unit"), where, problems)
        if agency.get("kind") and agency["kind"] not in OrganisationKind.values:
            problems.add(where, _("unknown kind %(kind)s") % {"kind": agency["kind"]})
        if agency.get("parent") and agency["parent"] not in agencies:
            problems.add(where, _("unknown parent agency %(key)s") % {"key": agency["parent"]})
        checked[key] = agency
    return checked


def _check_plan(index: int, item: dict, agencies: dict, references: set[str], problems: _Problems) -> dict:
    where = f"plans[{index}] {item.get('reference', '?')}"
    _require(
        item,
        ("reference", "kind", "title", "issuing_body", "issued_on", "unit", "starts_on", "ends_on"),
        where,
        problems,
    )
    if item.get("kind") and item["kind"] not in PlanKind.values:
        problems.add(where, _("unknown kind of plan %(kind)s") % {"kind": item["kind"]})
    starts_on = _date(item.get("starts_on"), f"{where}.starts_on", problems)
    ends_on = _date(item.get("ends_on"), f"{where}.ends_on", problems)
    checked = {
        "issued_on": _date(item.get("issued_on"), f"{where}.issued_on", problems),
        "starts_on": starts_on,
        "ends_on": ends_on,
        "unit": _unit(item.get("unit"), starts_on, f"{where}.unit", problems),
    }
    if starts_on and ends_on and ends_on < starts_on:
        problems.add(where, _("the period ends before it starts"))
    parent = item.get("parent")
    if parent and parent not in references and not Plan.objects.filter(reference=parent).exists():
        problems.add(
            where, _("the parent plan %(reference)s is neither earlier in the file nor loaded") % {"reference": parent}
        )
    if item.get("office") and item["office"] not in agencies:
        problems.add(where, _("unknown agency %(key)s") % {"key": item["office"]})
    for number, target in enumerate(item.get("targets", []), start=1):
        spot = f"{where}.targets[{number}] {target.get('code', '?')}"
        _require(target, ("code", "text", "low"), spot, problems)
        if target.get("indicator") and indicators.get(target["indicator"]) is None:
            problems.add(spot, _("unknown indicator %(code)s") % {"code": target["indicator"]})
        elif target.get("filters"):
            try:
                indicators.clean_filters(target.get("indicator", ""), target["filters"])
            except ValidationError as error:
                problems.add(spot, " ".join(error.messages))
        if target.get("direction", Direction.AT_LEAST) not in Direction.values:
            problems.add(spot, _("direction is at_least or at_most"))
        low = _number(target.get("low"), f"{spot}.low", problems)
        high = _number(target.get("high"), f"{spot}.high", problems, required=False)
        if low is not None and high is not None and high < low:
            problems.add(spot, _("the top of the range is below its bottom"))
        if target.get("owner") and target["owner"] not in agencies:
            problems.add(spot, _("unknown agency %(key)s") % {"key": target["owner"]})
    checked["quotas"] = []
    for number, quota in enumerate(item.get("quotas", []), start=1):
        spot = f"{where}.quotas[{number}]"
        unit = _unit(quota.get("unit"), starts_on, spot, problems)
        expected = quota.get("expected")
        if not isinstance(expected, dict) or not expected:
            problems.add(spot, _('“expected” maps stars to numbers of products, e.g. {"3": 6, "4": 1}'))
            continue
        for stars, count in expected.items():
            if str(stars) not in ("3", "4", "5") or not isinstance(count, int) or count < 0:
                problems.add(spot, _("stars are 3, 4 or 5 and counts whole numbers"))
        checked["quotas"].append(unit)
    codes = Counter(task.get("code") for task in item.get("tasks", []))
    for code, count in codes.items():
        if count > 1:
            problems.add(where, _("task code %(code)s appears more than once") % {"code": code})
    for number, task in enumerate(item.get("tasks", []), start=1):
        spot = f"{where}.tasks[{number}] {task.get('code', '?')}"
        _require(task, ("code", "content"), spot, problems)
        for key in task.get("lead", []):
            if key not in agencies:
                problems.add(spot, _("unknown agency %(key)s") % {"key": key})
        _date(task.get("starts_on"), f"{spot}.starts_on", problems)
        _date(task.get("ends_on"), f"{spot}.ends_on", problems)
        _number(task.get("budget"), f"{spot}.budget", problems, required=False)
        for output in task.get("outputs", []):
            _require(output, ("name", "unit_label", "planned"), f"{spot}.outputs", problems)
            _number(output.get("planned"), f"{spot}.outputs.planned", problems)
    for number, obligation in enumerate(item.get("obligations", []), start=1):
        spot = f"{where}.obligations[{number}]"
        _require(obligation, ("recipient_text", "frequency"), spot, problems)
        if obligation.get("frequency") and obligation["frequency"] not in Frequency.values:
            problems.add(spot, _("unknown frequency %(value)s") % {"value": obligation["frequency"]})
        if obligation.get("reporter") and obligation["reporter"] not in agencies:
            problems.add(spot, _("unknown agency %(key)s") % {"key": obligation["reporter"]})
    return checked


def check_plan_data(data: dict) -> list[dict]:
    """Every problem of the file at once (as a ValidationError), or what the checks resolved for each plan."""
    problems = _Problems()
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValidationError(_("Not a plan file: “format” must be “%(format)s”.") % {"format": FORMAT})
    wrong_types = shape_problems(data, PLAN_FILE)
    if wrong_types:
        raise ValidationError(wrong_types, code="plan_file")
    agencies = _check_agencies(data.get("agencies", {}), problems)
    references: set[str] = set()
    resolved = []
    for index, item in enumerate(data.get("plans", []), start=1):
        resolved.append(_check_plan(index, item, agencies, references, problems))
        references.add(item.get("reference"))
    if not data.get("plans"):
        problems.add("plans", _("the file holds no plan"))
    problems.raise_if_any()
    return resolved


# Writing ------------------------------------------------------------------------------------------------------------


class _Writer:
    def __init__(self, data: dict, actor, result: LoadResult):
        self.data = data
        self.actor = actor
        self.result = result
        self.agencies: dict[str, list[Organisation]] = {}

    def _count(self, kind: str, created: bool, changed: bool) -> None:
        bucket = self.result.created if created else self.result.updated if changed else self.result.unchanged
        bucket[kind] += 1

    def agency(self, key: str, day: datetime.date) -> list[Organisation]:
        if key in self.agencies:
            return self.agencies[key]
        spec = self.data["agencies"][key]
        parent = self.agency(spec["parent"], day)[0] if spec.get("parent") else None
        if "committees" in spec:
            organisations = self._committees(spec, day, parent)
        else:
            unit = _existing_unit(spec["unit"], day, key)
            name = clean_text(spec["name"])
            found = Organisation.objects.filter(search_name=fold(name), unit=unit).first()
            if found is None:
                found = create_organisation(
                    actor=self.actor,
                    name=name,
                    kind=spec["kind"],
                    unit=unit,
                    short_name=spec.get("short_name", ""),
                    parent=parent,
                )
                self._count("organisations", True, True)
            organisations = [found]
        self.agencies[key] = organisations
        return organisations

    def _committees(self, spec: dict, day: datetime.date, parent) -> list[Organisation]:
        level, kind = COMMITTEE_KINDS[spec["committees"]]
        if "units" in spec:
            units = [_existing_unit(code, day, "agencies") for code in spec["units"]]
        else:
            within = _existing_unit(spec["within"], day, "agencies")
            units = list(
                AdministrativeUnit.objects.valid_on(day)
                .filter(level=level)
                .filter(**({"parent": within} if level == UnitLevel.DISTRICT else {"parent__parent": within}))
                .order_by("code")
            )
        existing = {org.unit_id: org for org in Organisation.objects.filter(kind=kind, unit__in=units)}
        organisations = []
        for unit in units:
            organisation = existing.get(unit.pk)
            if organisation is None:
                organisation = create_organisation(
                    actor=self.actor,
                    name=f"UBND {unit.name[0].lower()}{unit.name[1:]}",
                    kind=kind,
                    unit=unit,
                    parent=existing_parent(unit, parent),
                )
                self._count("organisations", True, True)
            organisations.append(organisation)
        return organisations

    def plan(self, item: dict, resolved: dict) -> Plan:
        day = resolved["starts_on"]
        values = {
            "kind": item["kind"],
            "title": item["title"],
            "issuing_body": item["issuing_body"],
            "issued_on": resolved["issued_on"],
            "signer_authority": item.get("signer_authority", ""),
            "signer_title": item.get("signer_title", ""),
            "signer_name": item.get("signer_name", ""),
            "unit": resolved["unit"],
            "starts_on": resolved["starts_on"],
            "ends_on": resolved["ends_on"],
            "parent": Plan.objects.get(reference=item["parent"]) if item.get("parent") else None,
            "office": self.agency(item["office"], day)[0] if item.get("office") else None,
            "legal_basis": _lines(item.get("legal_basis", "")),
            "general_objective": item.get("general_objective", ""),
            "funding_note": item.get("funding_note", ""),
            "source_note": item.get("source_note", ""),
        }
        plan = Plan.objects.filter(reference=item["reference"]).first()
        if plan is None:
            plan = plans.create_plan(actor=self.actor, reference=item["reference"], **values)
            self._count("plans", True, True)
        else:
            before = plan.updated_at
            plan = plans.update_plan(actor=self.actor, plan=plan, **values)
            self._count("plans", False, plan.updated_at != before)
        for position, target in enumerate(item.get("targets", []), start=1):
            self.target(plan, target, position, day)
        for position, (quota, unit) in enumerate(zip(item.get("quotas", []), resolved["quotas"], strict=True), start=1):
            for stars, expected in quota["expected"].items():
                self.quota(plan, unit, int(stars), expected, position, quota.get("agency", ""))
        for position, task in enumerate(item.get("tasks", []), start=1):
            self.task(plan, task, position, day)
        for position, obligation in enumerate(item.get("obligations", []), start=1):
            self.obligation(plan, obligation, position, day)
        return plan

    def target(self, plan: Plan, item: dict, position: int, day) -> None:
        values = {
            "position": position,
            "section": item.get("section", ""),
            "text": item["text"],
            "indicator": item.get("indicator", ""),
            "filters": indicators.clean_filters(item.get("indicator", ""), item.get("filters") or {}),
            "unit_label": item.get("unit_label", ""),
            "direction": item.get("direction", Direction.AT_LEAST),
            "low": Decimal(str(item["low"])),
            "high": None if item.get("high") is None else Decimal(str(item["high"])),
            "baseline": None if item.get("baseline") is None else Decimal(str(item["baseline"])),
            "baseline_note": item.get("baseline_note", ""),
            "owner": self.agency(item["owner"], day)[0] if item.get("owner") else None,
            "note": item.get("note", ""),
        }
        target = Target.objects.filter(plan=plan, code=item["code"]).first()
        if target is None:
            plans.create_target(actor=self.actor, plan=plan, code=item["code"], **values)
            self._count("targets", True, True)
            return
        before = _state(target)
        target = plans.update_target(actor=self.actor, target=target, **values)
        self._count("targets", False, _state(target) != before)

    def quota(self, plan: Plan, unit, stars: int, expected: int, position: int, agency_text: str) -> None:
        values = {"expected": expected, "position": position, "agency_text": agency_text}
        quota = Quota.objects.filter(plan=plan, unit=unit, stars=stars).first()
        if quota is None:
            plans.create_quota(actor=self.actor, plan=plan, unit=unit, stars=stars, **values)
            self._count("quotas", True, True)
            return
        before = _state(quota)
        quota = plans.update_quota(actor=self.actor, quota=quota, **values)
        self._count("quotas", False, _state(quota) != before)

    def task(self, plan: Plan, item: dict, position: int, day) -> None:
        leads = [org for key in item.get("lead", []) for org in self.agency(key, day)]
        values = {
            "section": item.get("section", ""),
            "position": position,
            "content": item["content"],
            "lead_text": item.get("lead_text", ""),
            "partner_text": item.get("partner_text", ""),
            "period_text": item.get("period_text", ""),
            "starts_on": _plain_date(item.get("starts_on")),
            "ends_on": _plain_date(item.get("ends_on")),
            "funding_source": item.get("funding_source", ""),
            "budget": None if item.get("budget") in (None, "") else Decimal(str(item["budget"])),
            "note": item.get("note", ""),
            "source_note": item.get("source_note", ""),
        }
        task = Task.objects.filter(plan=plan, code=item["code"]).first()
        if task is None:
            task = plans.create_task(actor=self.actor, plan=plan, code=item["code"], lead_agencies=leads, **values)
            self._count("tasks", True, True)
        else:
            before = (_state(task), sorted(task.lead_agencies.values_list("pk", flat=True)))
            task = plans.update_task(actor=self.actor, task=task, lead_agencies=leads, **values)
            after = (_state(task), sorted(task.lead_agencies.values_list("pk", flat=True)))
            self._count("tasks", False, after != before)
        for number, output in enumerate(item.get("outputs", []), start=1):
            values = {
                "unit_label": output["unit_label"],
                "planned": Decimal(str(output["planned"])),
                "position": number,
            }
            existing = TaskOutput.objects.filter(task=task, name=clean_text(output["name"])).first()
            if existing is None:
                plans.add_task_output(actor=self.actor, task=task, name=output["name"], **values)
                self._count("outputs", True, True)
            else:
                before = _state(existing)
                existing = plans.update_task_output(actor=self.actor, output=existing, **values)
                self._count("outputs", False, _state(existing) != before)

    def obligation(self, plan: Plan, item: dict, position: int, day) -> None:
        reporter = self.agency(item["reporter"], day)[0] if item.get("reporter") else None
        values = {
            "position": position,
            "due_days": item.get("due_days"),
            "note": item.get("note", ""),
            "header_superior": item.get("header_superior", ""),
            "header_body": item.get("header_body", ""),
            "symbol": item.get("symbol", ""),
            "place": item.get("place", ""),
            "signer_authority": item.get("signer_authority", ""),
            "signer_title": item.get("signer_title", ""),
            "signer_name": item.get("signer_name", ""),
            "recipients": _lines(item.get("recipients", "")),
            "cutoff": item.get("cutoff") or Cutoff.CALENDAR,
        }
        key = {
            "reporter": reporter,
            "reporter_text": clean_text(item.get("reporter_text", "")),
            "recipient_text": clean_text(item["recipient_text"]),
            "frequency": item["frequency"],
        }
        obligation = ReportingObligation.objects.filter(plan=plan, **key).first()
        if obligation is None:
            plans.create_obligation(actor=self.actor, plan=plan, **key, **values)
            self._count("obligations", True, True)
            return
        before = _state(obligation)
        obligation = plans.update_obligation(actor=self.actor, obligation=obligation, **values)
        self._count("obligations", False, _state(obligation) != before)


def _existing_unit(code, day: datetime.date, where: str) -> AdministrativeUnit:
    code = str(code)
    unit = unit_on(code, LEVEL_BY_CODE_LENGTH.get(len(code), ""), day)
    if unit is None:
        raise ValidationError(
            _("%(where)s: no unit with code %(code)s existed on %(day)s")
            % {"where": where, "code": code, "day": f"{day:%d/%m/%Y}"},
            code="plan_file",
        )
    return unit


def existing_parent(unit: AdministrativeUnit, fallback):
    """The committee of the unit above, when it exists (a commune committee's district committee)."""
    kind = OrganisationKind.DISTRICT_COMMITTEE if unit.parent and unit.parent.level == UnitLevel.DISTRICT else None
    if kind is not None:
        found = Organisation.objects.filter(kind=kind, unit=unit.parent).first()
        if found is not None:
            return found
    return fallback


def _lines(value) -> str:
    if isinstance(value, list):
        return "\n".join(str(line) for line in value)
    return str(value or "")


def _plain_date(value) -> datetime.date | None:
    problems = _Problems()
    return _date(value, "", problems)


def _state(instance) -> dict:
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


@transaction.atomic
def load_plan_data(data: dict, *, actor=None) -> LoadResult:
    resolved = check_plan_data(data)
    result = LoadResult()
    writer = _Writer(data, actor, result)
    for item, checked in zip(data["plans"], resolved, strict=True):
        result.plans.append(writer.plan(item, checked))
    if result.changed:
        log_action(
            actor=actor,
            verb="planning.plan_file_loaded",
            target=result.plans[-1],
            data={"source": data.get("source", ""), **result.as_dict()},
        )
    return result
