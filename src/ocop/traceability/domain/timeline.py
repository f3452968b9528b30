"""What the scan page tells the public of a product's value chain: each step still standing (not declared an error),
its day and its province, never a buyer, a price or a person."""

from django.db.models import Q
from django.utils.translation import gettext as _

from ocop.traceability.domain.epcis_document import lot_in
from ocop.traceability.enums import EventType, ValueChainStep
from ocop.traceability.models import TraceEvent

MOST_STEPS_SHOWN = 20

STEP_OF_BIZ_STEP = {
    "creating_class_instance": ValueChainStep.HARVEST,
    "commissioning": ValueChainStep.PACK,
    "packing": ValueChainStep.PACK,
    "shipping": ValueChainStep.SHIP,
    "departing": ValueChainStep.SHIP,
    "receiving": ValueChainStep.RECEIVE,
    "arriving": ValueChainStep.RECEIVE,
}


def step_label(event: TraceEvent) -> str:
    """The step an event records, in the timeline's words."""
    if event.event_type == EventType.TRANSFORMATION:
        return str(ValueChainStep.PROCESS.label)
    if event.biz_step == "retail_selling":
        return _("Sold")
    step = STEP_OF_BIZ_STEP.get(event.biz_step)
    return str(step.label) if step else _("Other step")


def public_timeline(product_id: int, lot: str = "") -> list[dict]:
    """The product's steps, oldest first. Where the stamp is on a lot: that lot's steps, the steps of the lots it was
    made from (the inputs of its processing) and the steps without a lot."""
    events = TraceEvent.objects.filter(product_id=product_id, retracted_at__isnull=True)
    if lot:
        events = events.filter(Q(lot__in=[lot, *_lots_made_into(events, lot)]) | Q(lot=""))
    shown = events.only("event_type", "biz_step", "event_time", "public_place").order_by("-event_time", "-pk")
    return [
        {"step": step_label(event), "day": event.event_time, "place": event.public_place}
        for event in reversed(shown[:MOST_STEPS_SHOWN])
    ]


def _lots_made_into(events, lot: str) -> set[str]:
    processing = events.filter(event_type=EventType.TRANSFORMATION, lot=lot).values_list("body", flat=True)
    return {
        lot_in(quantity.get("epcClass", ""))
        for body in processing
        for quantity in body.get("inputQuantityList", [])
        if lot_in(quantity.get("epcClass", ""))
    }
