from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ocop.accounts.domain.roles import active_roles


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    permission: str
    section: str  # views whose name starts with this light the item up

    def is_active(self, view_name: str) -> bool:
        return view_name.startswith(self.section)


# The back-office menu; each later capability adds its entries here.
NAVIGATION = [
    NavItem(_("Dashboard"), "backoffice:dashboard", "backoffice.access", "backoffice:dashboard"),
    NavItem(
        _("National overview"), "backoffice:national_overview", "national.view_overview", "backoffice:national_overview"
    ),
    NavItem(_("My tasks"), "backoffice:my_tasks", "backoffice.access", "backoffice:my_tasks"),
    NavItem(_("Dossiers"), "backoffice:dossier_list", "dossiers.view_dossiers", "backoffice:dossier_"),
    NavItem(_("Evaluation rounds"), "backoffice:round_list", "dossiers.view_rounds", "backoffice:round_"),
    NavItem(_("Councils"), "backoffice:council_list", "councils.view_councils", "backoffice:council_"),
    NavItem(_("My score sheets"), "backoffice:my_scoring", "councils.view_my_sheets", "backoffice:my_scoring"),
    NavItem(
        _("Certificates"), "backoffice:certificate_list", "certificates.view_certificates", "backoffice:certificate_"
    ),
    NavItem(_("Expiring certificates"), "backoffice:expiry_list", "certificates.view_expiry", "backoffice:expiry_"),
    NavItem(
        _("Supervision"), "backoffice:inspection_plan_list", "certificates.view_supervision", "backoffice:inspection_"
    ),
    NavItem(_("Revocations"), "backoffice:revocation_list", "certificates.view_revocations", "backoffice:revocation_"),
    NavItem(_("Plans and targets"), "backoffice:plan_list", "planning.view_plans", "backoffice:plan_"),
    NavItem(_("Plan reports"), "backoffice:report_list", "reports.view_reports", "backoffice:report_"),
    NavItem(_("Fairs"), "backoffice:fair_list", "promotion.view_fairs", "backoffice:fair_"),
    NavItem(_("Sales points"), "backoffice:sales_point_list", "promotion.view_sales_points", "backoffice:sales_point_"),
    NavItem(_("Buyer inquiries"), "backoffice:inquiry_list", "promotion.view_inquiries", "backoffice:inquiry_"),
    NavItem(
        _("Training classes"), "backoffice:training_class_list", "support.view_training", "backoffice:training_class_"
    ),
    NavItem(_("Trademarks and IP"), "backoffice:ip_case_list", "support.view_ip_cases", "backoffice:ip_case_"),
    NavItem(_("Funding"), "backoffice:funding_list", "support.view_funding", "backoffice:funding_"),
    NavItem(
        _("Support received"),
        "backoffice:support_received_list",
        "support.view_producer_support",
        "backoffice:support_received_",
    ),
    NavItem(_("Producers"), "backoffice:producer_list", "producers.view_registry", "backoffice:producer_"),
    NavItem(_("Products"), "backoffice:product_list", "producers.view_registry", "backoffice:product_"),
    NavItem(_("Raw-material zones"), "backoffice:zone_list", "producers.view_registry", "backoffice:zone_"),
    NavItem(_("Stamps"), "backoffice:stamp_batch_list", "traceability.view_stamps", "backoffice:stamp_"),
    NavItem(_("Value-chain events"), "backoffice:trace_event_list", "traceability.view_events", "backoffice:trace_"),
    NavItem(_("Craft villages"), "backoffice:village_list", "producers.view_craft_villages", "backoffice:village_"),
    NavItem(_("Import from Excel"), "backoffice:import_start", "producers.import_registry", "backoffice:import_"),
    NavItem(
        _("National database export"), "backoffice:national_export", "national.export", "backoffice:national_export"
    ),
    NavItem(_("Users"), "backoffice:user_list", "accounts.manage_users", "backoffice:user_"),
    NavItem(
        _("Organisations"), "backoffice:organisation_list", "accounts.manage_organisations", "backoffice:organisation_"
    ),
    NavItem(_("Rule sets"), "backoffice:rule_set_list", "evaluation.view_rule_sets", "backoffice:rule_set_"),
    NavItem(_("Administrative units"), "backoffice:unit_list", "geo.view_units", "backoffice:unit_"),
    NavItem(_("Activity log"), "backoffice:activity_list", "common.view_activity", "backoffice:activity_"),
]


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    current = request.resolver_match.view_name if request.resolver_match else ""
    items = [
        {"label": item.label, "url": reverse(item.url_name), "active": item.is_active(current)}
        for item in NAVIGATION
        if user.has_perm(item.permission)
    ]
    return {
        "nav_items": items,
        "my_roles": active_roles(user),
        "unread_notifications": user.notifications.filter(read_at__isnull=True).count(),
    }
