"""The figures on the dashboard, counted in the viewer's area: the OCOP work first, then the ground it stands on."""

from dataclasses import dataclass

from django.db.models import Count
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ocop.accounts.domain.queries import visible_activity, visible_organisations, visible_users
from ocop.accounts.domain.roles import active_roles
from ocop.accounts.domain.scope import own_area_units, scope_of
from ocop.accounts.enums import OFFICER_ROLES
from ocop.certificates.domain.expiring import expiring
from ocop.certificates.domain.status import visible_certificates
from ocop.certificates.domain.validity import in_force as certificates_in_force
from ocop.dossiers.domain.queries import tasks_for
from ocop.geo.enums import Era, UnitLevel
from ocop.national.domain.overview import certified_products_nationwide
from ocop.producers.domain.queries import visible_producers, visible_products


@dataclass(frozen=True)
class Figure:
    label: str | Promise
    value: int
    note: str | Promise = ""
    url: str = ""
    urgent: bool = False


def _ocop_figures(user) -> list[Figure]:
    figures: list[Figure] = []
    if user.has_perm("dossiers.view_dossiers"):
        tasks = tasks_for(user)
        overdue = sum(1 for task in tasks if task.overdue)
        figures.append(
            Figure(
                _("Dossiers waiting for you"),
                len(tasks),
                _("%(count)s past their deadline") % {"count": overdue} if overdue else "",
                reverse("backoffice:my_tasks"),
                urgent=bool(overdue),
            )
        )
    if user.has_perm("national.view_overview"):
        figures.append(
            Figure(
                _("OCOP products nationwide"),
                certified_products_nationwide(),
                _("with a certificate in force"),
                reverse("backoffice:national_overview"),
            )
        )
    if user.has_perm("certificates.view_certificates"):
        in_force = certificates_in_force(visible_certificates(user)).values("product").distinct().count()
        figures.append(Figure(_("OCOP products in force"), in_force, "", reverse("backoffice:certificate_list")))
    if user.has_perm("certificates.view_expiry"):
        soon = expiring(visible_certificates(user)).count()  # the expiry list it links to shows the same rows
        figures.append(
            Figure(
                _("Certificates expiring soon"),
                soon,
                _("re-evaluation must be filed before expiry"),
                reverse("backoffice:expiry_list"),
                urgent=bool(soon),
            )
        )
    if user.has_perm("producers.view_registry"):
        figures += [
            Figure(_("Producers"), visible_producers(user).count(), "", reverse("backoffice:producer_list")),
            Figure(_("Products"), visible_products(user).count(), "", reverse("backoffice:product_list")),
        ]
    return figures


def _area_figures(user, scope) -> list[Figure]:
    """The units of the viewer's area, for those whose area spans several: a commune officer's area is one commune
    (with its counterpart across the reform), so counting it tells nothing; a district had no districts under it."""
    levels = {a.unit.level for a in active_roles(user) if a.role in OFFICER_ROLES and a.unit is not None}
    if not (scope.everything or levels - {UnitLevel.COMMUNE}):
        return []
    units = scope.filter(own_area_units(user), unit_field="pk")
    counts = {(row["era"], row["level"]): row["n"] for row in units.values("era", "level").annotate(n=Count("id"))}
    figures = [
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
    ]
    if scope.everything or UnitLevel.PROVINCE in levels:
        figures.append(Figure(_("Districts before 1/7/2025"), counts.get((Era.BEFORE_2025, UnitLevel.DISTRICT), 0)))
    return figures


def dashboard_figures(user) -> list[Figure]:
    scope = scope_of(user)
    figures = _ocop_figures(user)
    if not scope.is_empty:
        figures += _area_figures(user, scope)
    if user.has_perm("accounts.manage_users"):
        figures += [
            Figure(_("Active user accounts"), visible_users(user).filter(is_active=True).count()),
            Figure(_("Organisations"), visible_organisations(user).count()),
        ]
    if user.has_perm("common.view_activity"):
        figures.append(Figure(_("Recorded actions"), visible_activity(user).count()))
    return figures
