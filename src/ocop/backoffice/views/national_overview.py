"""The national view for the Ministry's coordination office and the administrator: products with a certificate in
force, by province, by stars and by group of product sets (national.domain.overview)."""

from django.shortcuts import render
from django.utils.translation import gettext as _

from ocop.backoffice.access import require_perm
from ocop.national.domain.overview import STARS, national_overview


@require_perm("national.view_overview")
def national_overview_page(request):
    return render(
        request,
        "backoffice/national_overview.html",
        {"overview": national_overview(), "stars": STARS, "breadcrumbs": [(_("National overview"), None)]},
    )
