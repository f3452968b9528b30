from django.shortcuts import render
from django.utils.translation import gettext as _

from ocop.backoffice.access import require_perm
from ocop.backoffice.dashboard import dashboard_figures


@require_perm("backoffice.access")
def dashboard(request):
    return render(
        request,
        "backoffice/dashboard.html",
        {
            "figures": dashboard_figures(request.user),
            "breadcrumbs": [(_("Dashboard"), None)],
        },
    )
