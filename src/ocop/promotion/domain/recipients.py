"""Who hears of a fair invitation or a buyer inquiry: the accounts of the producers concerned."""

from collections.abc import Iterable

from django.db.models import QuerySet

from ocop.accounts.enums import Role
from ocop.accounts.models import RoleAssignment, User


def producer_accounts(producer_ids: Iterable[int]) -> QuerySet[User]:
    """The active accounts speaking for these producers (one query)."""
    assignments = RoleAssignment.objects.active().filter(role=Role.PRODUCER, producer__in=list(producer_ids))
    return User.objects.filter(pk__in=assignments.values("user"), is_active=True).order_by("pk")
