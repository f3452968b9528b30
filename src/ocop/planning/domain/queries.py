"""What a user sees of a plan: every officer of the plan's province sees its targets and tasks (another province's
plans stay out of sight when one deployment hosts several); quotas are shown for the units of the user's area (a
commune officer also sees the quota of the district the commune belonged to)."""

from django.db.models import QuerySet

from ocop.accounts.domain.scope import province_scope_of, scope_of
from ocop.planning.domain.areas import AreaMap
from ocop.planning.domain.indicators import (
    CERTIFICATES,
    CRAFT_VILLAGES,
    DOSSIERS,
    PRODUCERS,
    PRODUCTS,
    STAMP_BATCHES,
    Indicator,
    IndicatorQuery,
)
from ocop.planning.models import Plan, Task
from ocop.producers.domain.queries import producer_visibility


def visible_plans(user) -> QuerySet[Plan]:
    if not user.has_perm("planning.view_plans"):
        return Plan.objects.none()
    return province_scope_of(user).filter(Plan.objects.all())


def tasks_of_province(user) -> QuerySet[Task]:
    """The tasks of the plans of the user's province: what a fair, a class, a funding entry or a producer's support
    may be recorded against (the picker of a plan task)."""
    return province_scope_of(user).filter(Task.objects.all(), "plan__unit")


def sees_whole_area(user, area: AreaMap) -> bool:
    scope = scope_of(user)
    return scope.everything or area.root.pk in scope.unit_ids


def visible_quota_units(user, area: AreaMap, quota_unit_ids: list[int]) -> set[int]:
    """The quota units the user may see: those of the area, and those containing a unit of the area."""
    scope = scope_of(user)
    if scope.everything or area.root.pk in scope.unit_ids:
        return set(quota_unit_ids)
    visible = set()
    for unit_id in quota_unit_ids:
        if unit_id in scope.unit_ids:
            visible.add(unit_id)
            continue
        for own in scope.unit_ids & area.unit_ids:
            if unit_id in area.ancestors_and_self(own):
                visible.add(unit_id)
                break
    return visible


def tasks_led_by_user(user, plan: Plan) -> QuerySet[Task]:
    organisation_id = getattr(user, "organisation_id", None)
    if organisation_id is None:
        return Task.objects.none()
    return plan.tasks.filter(lead_agencies=organisation_id)


def visible_records(user, indicator: Indicator, query: IndicatorQuery) -> QuerySet:
    """The records behind a computed figure that the user may open, in the order their table shows them. The figure
    itself counts the whole area; the records are those of producers the user sees (officers: their area; producer
    accounts: their own), craft villages of the user's area."""
    records = indicator.records(query)
    kind = indicator.record_kind
    if kind in (CERTIFICATES, DOSSIERS):
        condition = producer_visibility(user, "producer__")
        records = records.none() if condition is None else records.filter(condition)
        if kind == CERTIFICATES:
            return records.select_related("product", "producer__unit__parent", "decision").order_by("-issued_on", "pk")
        return records.select_related("product", "producer__unit").order_by("-filed_on", "pk")
    if kind == PRODUCERS:
        condition = producer_visibility(user)
        records = records.none() if condition is None else records.filter(condition)
        return records.select_related("unit__parent", "craft_village").order_by("name", "pk")
    if kind == STAMP_BATCHES:
        condition = producer_visibility(user, "product__producer__")
        records = records.none() if condition is None else records.filter(condition)
        return records.select_related("product__producer__unit").order_by("-decided_at", "pk")
    if kind == PRODUCTS:
        condition = producer_visibility(user, "producer__")
        records = records.none() if condition is None else records.filter(condition)
        return records.select_related("producer__unit").order_by("name", "pk")
    if kind == CRAFT_VILLAGES:
        scope = scope_of(user)
        if not scope.everything:
            records = records.filter(unit__in=scope.unit_ids)
        return records.select_related("unit__parent").order_by("name", "pk")
    if any(field.name == "producer" for field in records.model._meta.fields):
        # Records of a kind a module above registered, placed by their producer (IP support cases): those of the
        # producers the user sees, in the order the module gave.
        condition = producer_visibility(user, "producer__")
        return records.none() if condition is None else records.filter(condition)
    return records
