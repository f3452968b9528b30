"""Raw-material zones (vùng nguyên liệu) with their certifications, and craft villages (làng nghề)."""

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ocop.backoffice.access import paginate, require_perm
from ocop.backoffice.forms import act_and_return, form_page, save_form
from ocop.common.db import vi_ordered
from ocop.common.domain.activity import history_of
from ocop.common.xlsx import xlsx_response
from ocop.producers.domain import zones
from ocop.producers.domain.documents import expiry_status
from ocop.producers.domain.queries import visible_craft_villages, visible_zones
from ocop.producers.interfaces.exporters import villages_workbook, zones_workbook
from ocop.producers.interfaces.forms import (
    CraftVillageForm,
    ListFilterForm,
    NewZoneForm,
    ZoneCertificationForm,
    ZoneForm,
)


class ZoneFilterForm(ListFilterForm):
    search_fields = ("search_name", "growing_area_code", "producer__search_name")


def _load_zone(request, pk, **_route):
    return get_object_or_404(visible_zones(request.user).select_related("producer", "unit"), pk=pk)


def _zone_crumbs(*extra):
    return [(_("Raw-material zones"), reverse("backoffice:zone_list")), *extra]


@require_perm("producers.view_registry")
def zone_list(request):
    filters = ZoneFilterForm(request.GET or None, actor=request.user)
    rows = (
        filters.filter(visible_zones(request.user))
        .select_related("producer", "unit")
        .annotate(product_count=Count("products"))
        .order_by(vi_ordered("name"), "pk")
    )
    if request.GET.get("format") == "xlsx":
        return xlsx_response(zones_workbook(rows), "vung-nguyen-lieu.xlsx")
    return render(
        request,
        "backoffice/zone_list.html",
        {
            "filters": filters,
            "page": paginate(request, rows),
            "breadcrumbs": _zone_crumbs(),
            "can_add": request.user.has_perm("producers.add_product"),
        },
    )


@require_perm("producers.add_product")
def zone_create(request):
    form = NewZoneForm(request.POST or None, actor=request.user, initial={"producer": request.GET.get("producer")})
    zone = save_form(request, form, lambda data: zones.create_zone(actor=request.user, **data))
    if zone:
        messages.success(request, _("Raw-material zone added."))
        return redirect("backoffice:zone_detail", pk=zone.pk)
    return form_page(
        request, form, title=_("New raw-material zone"), breadcrumbs=_zone_crumbs((_("New raw-material zone"), None))
    )


@require_perm("producers.view_registry", load_object=_load_zone)
def zone_detail(request, pk, obj):
    today = timezone.localdate()
    can_edit = request.user.has_perm("producers.change_product", obj)
    return render(
        request,
        "backoffice/zone_detail.html",
        {
            "zone": obj,
            "certifications": [
                (c, expiry_status(c.valid_until, today))
                for c in obj.certifications.select_related("checked_by").order_by("-valid_until")
            ],
            "products": obj.products.order_by(vi_ordered("name")),
            "history": history_of(obj)[:30],
            "can_edit": can_edit,
            "certification_form": ZoneCertificationForm() if can_edit else None,
            "breadcrumbs": _zone_crumbs((obj.name, None)),
        },
    )


@require_perm("producers.change_product", load_object=_load_zone)
def zone_edit(request, pk, obj):
    form = ZoneForm(request.POST or None, instance=obj, actor=request.user)
    if save_form(request, form, lambda data: zones.update_zone(actor=request.user, zone=obj, **data)):
        messages.success(request, _("Changes saved."))
        return redirect("backoffice:zone_detail", pk=obj.pk)
    detail = reverse("backoffice:zone_detail", args=[obj.pk])
    return form_page(
        request,
        form,
        title=_("Edit %(name)s") % {"name": obj},
        cancel_url=detail,
        breadcrumbs=_zone_crumbs((obj.name, detail), (_("Edit"), None)),
    )


@require_POST
@require_perm("producers.change_product", load_object=_load_zone)
def zone_certification_add(request, pk, obj):
    return act_and_return(
        request,
        ZoneCertificationForm(request.POST),
        lambda data: zones.add_zone_certification(actor=request.user, zone=obj, **data),
        _("Certification added."),
        reverse("backoffice:zone_detail", args=[obj.pk]),
    )


def _load_village(request, pk):
    return get_object_or_404(visible_craft_villages(request.user).select_related("unit"), pk=pk)


def _village_crumbs(*extra):
    return [(_("Craft villages"), reverse("backoffice:village_list")), *extra]


@require_perm("producers.view_craft_villages")
def village_list(request):
    filters = ListFilterForm(request.GET or None, actor=request.user)
    rows = (
        filters.filter(visible_craft_villages(request.user))
        .select_related("unit__parent")
        .annotate(producer_count=Count("producers"))
        .order_by(vi_ordered("name"), "pk")
    )
    if request.GET.get("format") == "xlsx":
        return xlsx_response(villages_workbook(rows), "lang-nghe.xlsx")
    return render(
        request,
        "backoffice/village_list.html",
        {
            "filters": filters,
            "page": paginate(request, rows),
            "breadcrumbs": _village_crumbs(),
            "can_add": request.user.has_perm("producers.manage_craft_villages"),
        },
    )


@require_perm("producers.manage_craft_villages")
def village_create(request):
    form = CraftVillageForm(request.POST or None, actor=request.user)
    if save_form(request, form, lambda data: zones.create_craft_village(actor=request.user, **data)):
        messages.success(request, _("Craft village added."))
        return redirect("backoffice:village_list")
    return form_page(
        request, form, title=_("New craft village"), breadcrumbs=_village_crumbs((_("New craft village"), None))
    )


@require_perm("producers.manage_craft_villages", load_object=_load_village)
def village_edit(request, pk, obj):
    form = CraftVillageForm(request.POST or None, instance=obj, actor=request.user)
    if save_form(request, form, lambda data: zones.update_craft_village(actor=request.user, village=obj, **data)):
        messages.success(request, _("Changes saved."))
        return redirect("backoffice:village_list")
    return form_page(
        request, form, title=_("Edit %(name)s") % {"name": obj}, breadcrumbs=_village_crumbs((obj.name, None))
    )
