"""What the demo tests share."""

import datetime

from django.db.models import Count

from ocop.certificates.domain.status import with_status
from ocop.certificates.models import Certificate
from ocop.demo.registry import ROUNDS


def recorded_rounds():
    """The certificates of Ninh Thuận's recognition rounds as the registry demo records them (historical dates)."""
    days = {day for three_stars, four_stars, *_rest in ROUNDS.values() for day in (three_stars, four_stars)}
    return Certificate.objects.filter(issued_on__in=days)


def statuses_on(day: datetime.date) -> dict[str, int]:
    """How many certificates are in each status on ``day``."""
    rows = with_status(Certificate.objects.all(), day).values_list("status").annotate(n=Count("pk")).order_by()
    return dict(rows)
