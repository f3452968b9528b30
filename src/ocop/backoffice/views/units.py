from django.db.models import Q
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from ocop.accounts.domain.scope import own_area_units, scope_of
from ocop.backoffice.access import paginate, require_perm
from ocop.common.text import fold
from ocop.geo.domain.queries import current_units_for, home_first
from ocop.geo.enums import Era, UnitLevel
from ocop.geo.models import AdministrativeUnit


def _visible_units(request):
    return scope_of(request.user).filter(AdministrativeUnit.objects.all(), unit_field="pk")


def _load_unit(request, pk):
    return get_object_or_404(_visible_units(request), pk=pk)


@require_perm("geo.view_units")
def unit_list(request):
    query = request.GET.get("q", "").strip()
    era = request.GET.get("era", "")
    level = request.GET.get("level", "")
    units = home_first(_visible_units(request), own_area_units(request.user)).select_related("parent")
    if query:
        units = units.filter(Q(search_name__contains=fold(query)) | Q(code=query))
    if era in Era.values:
        units = units.filter(era=era)
    if level in UnitLevel.values:
        units = units.filter(level=level)
    return render(
        request,
        "backoffice/unit_list.html",
        {
            "page": paginate(request, units, per_page=50),
            "query": query,
            "era": era,
            "level": level,
            "eras": Era.choices,
            "levels": UnitLevel.choices,
            "breadcrumbs": [(_("Administrative units"), None)],
        },
    )


@require_perm("geo.view_units", load_object=_load_unit)
def unit_detail(request, pk, obj):
    return render(
        request,
        "backoffice/unit_detail.html",
        {
            "unit": obj,
            "children": obj.children.order_by("code"),
            "successions": obj.successions.select_related("successor"),
            "predecessions": obj.predecessions.select_related("predecessor__parent"),
            "rolls_up_to": current_units_for(obj),
            "breadcrumbs": [(_("Administrative units"), reverse("backoffice:unit_list")), (obj.name, None)],
        },
    )
