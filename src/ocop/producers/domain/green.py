"""A circular-economy or green value chain the registry can show (plan 706, target I.2.7: "chuỗi giá trị theo hướng
kinh tế tuần hoàn, OCOP xanh gắn với vùng nguyên liệu ổn định"): the producer is marked so, holds a document of
record proving it, valid on the day, and has a raw-material zone of its own in the registry. A ticked box alone is a
claim, not a figure."""

import datetime

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from ocop.producers.enums import DocumentKind
from ocop.producers.models import Producer, RawMaterialZone, SupportingDocument


def _evidence(day: datetime.date):
    return SupportingDocument.objects.filter(kind=DocumentKind.CIRCULAR_ECONOMY).filter(
        Q(issued_on__isnull=True) | Q(issued_on__lte=day), Q(valid_until__isnull=True) | Q(valid_until__gte=day)
    )


def shown_green_chain(day: datetime.date) -> Q:
    """The producers whose circular or green chain the registry shows on ``day`` (a condition on Producer)."""
    evidence = _evidence(day).filter(producer=OuterRef("pk"))
    zone = RawMaterialZone.objects.filter(producer=OuterRef("pk"))
    return Q(circular_economy=True) & Q(Exists(evidence)) & Q(Exists(zone))


def missing_for_green_chain(producer: Producer, day: datetime.date) -> list[str]:
    """What a producer marked green still lacks for the registry to show it (empty when nothing, or not marked)."""
    if not producer.circular_economy:
        return []
    missing = []
    if not _evidence(day).filter(producer=producer).exists():
        missing.append(_("a valid document proving the circular-economy or green chain"))
    if not producer.raw_material_zones.exists():
        missing.append(_("a raw-material zone of its own"))
    return missing
