"""The figures on the dashboard, counted in the viewer's area (later issues add the registry and the plan)."""

from dataclasses import dataclass

from django.db.models import Count
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ocop.accounts.domain.queries import visible_organisations, visible_users
from ocop.accounts.domain.scope import scope_of
from ocop.common.models import ActivityLog
from ocop.geo.domain.queries import home_area_units
from ocop.geo.enums import Era, UnitLevel


@dataclass(frozen=True)
class Figure:
    label: str | Promise
    value: int
    note: str | Promise = ""


def dashboard_figures(user) -> list[Figure]:
    scope = scope_of(user)
    figures: list[Figure] = []
    if not scope.is_empty:
        units = scope.filter(home_area_units(), unit_field="pk")
        counts = {(row["era"], row["level"]): row["n"] for row in units.values("era", "level").annotate(n=Count("id"))}
        figures += [
            Figure(
                _("Communes in your area today"),
                counts.get((Era.FROM_2025, UnitLevel.COMMUNE), 0),
                _("two-level government since 1/7/2025"),
            ),
            Figure(
                _("Communes before 1/7/2025"),
                counts.get((Era.BEFORE_2025, UnitLevel.COMMUNE), 0),
                _("records from before the reform keep these"),
            ),
            Figure(_("Districts before 1/7/2025"), counts.get((Era.BEFORE_2025, UnitLevel.DISTRICT), 0)),
        ]
    if user.has_perm("accounts.manage_users"):
        figures += [
            Figure(_("Active user accounts"), visible_users(user).filter(is_active=True).count()),
            Figure(_("Organisations"), visible_organisations(user).count()),
        ]
    if user.has_perm("common.view_activity"):
        figures.append(Figure(_("Recorded actions"), ActivityLog.objects.count()))
    return figures
