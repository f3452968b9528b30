"""Products: list with filters and export, detail with lifecycle, create, edit, photos, zones, withdrawal."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ocop.backoffice.access import paginate_keys, require_perm
from ocop.backoffice.files import attachment_response
from ocop.backoffice.forms import act_and_return, form_page, save_form
from ocop.certificates.domain.status import with_status
from ocop.common.db import vi_ordered
from ocop.common.domain.activity import history_of
from ocop.common.xlsx import xlsx_response
from ocop.dossiers.domain.cycle import cycle_stage
from ocop.dossiers.domain.lifecycle import with_lifecycle
from ocop.dossiers.domain.queries import visible_dossiers
from ocop.dossiers.enums import CycleStage
from ocop.dossiers.interfaces.forms import MilestoneForm
from ocop.producers.domain import products
from ocop.producers.domain.queries import visible_products
from ocop.producers.interfaces.exporters import products_workbook
from ocop.producers.interfaces.forms import (
    NewProductForm,
    PhotoForm,
    ProductFilterForm,
    ProductForm,
    ProductZonesForm,
    WithdrawForm,
)
from ocop.producers.models import Product

SORTS = {"name": (vi_ordered("name"), "pk"), "code": ("code",), "-updated": ("-updated_at", "-pk")}


def _load_product(request, pk, **_route):
    return get_object_or_404(with_lifecycle(visible_products(request.user)).select_related("producer__unit"), pk=pk)


def _crumbs(*extra):
    return [(_("Products"), reverse("backoffice:product_list")), *extra]


@require_perm("producers.view_registry")
def product_list(request):
    filters = ProductFilterForm(request.GET or None, actor=request.user)
    sort = request.GET.get("sort") if request.GET.get("sort") in SORTS else "name"
    rows = (
        filters.filter(with_lifecycle(visible_products(request.user)))
        .select_related("producer__unit")
        .order_by(*SORTS[sort])
    )
    if request.GET.get("format") == "xlsx":
        return xlsx_response(products_workbook(rows), "san-pham-ocop.xlsx")
    return render(
        request,
        "backoffice/product_list.html",
        {
            "filters": filters,
            "page": paginate_keys(
                request,
                rows,
                lambda keys: with_lifecycle(Product.objects.filter(pk__in=keys)).select_related("producer__unit"),
            ),
            "sort": sort,
            "breadcrumbs": _crumbs(),
            "can_add": request.user.has_perm("producers.add_product"),
        },
    )


@require_perm("producers.add_product")
def product_create(request):
    initial = {"producer": request.GET.get("producer")}
    form = NewProductForm(request.POST or None, actor=request.user, initial=initial)
    product = save_form(request, form, lambda data: products.create_product(actor=request.user, **data))
    if product:
        messages.success(request, _("Product added with code %(code)s.") % {"code": product.code})
        return redirect("backoffice:product_detail", pk=product.pk)
    return form_page(
        request,
        form,
        title=_("New product"),
        breadcrumbs=_crumbs((_("New product"), None)),
        intro=_("The official product code is given automatically and never changes."),
    )


@require_perm("producers.view_registry", load_object=_load_product)
def product_detail(request, pk, obj):
    can_edit = request.user.has_perm("producers.change_product", obj)
    milestones = list(obj.milestones.all())
    return render(
        request,
        "backoffice/product_detail.html",
        {
            "product": obj,
            "stage": cycle_stage(obj.state, {milestone.kind for milestone in milestones}),
            "stages": CycleStage.choices,
            "milestones": milestones,
            "milestone_form": MilestoneForm() if request.user.has_perm("dossiers.record_milestone") else None,
            "dossiers": visible_dossiers(request.user).filter(product=obj).order_by("-created_at"),
            "can_file": request.user.has_perm("dossiers.add_dossier"),
            "certificates": with_status(obj.certificates.select_related("decision")).order_by("-issued_on"),
            "photos": obj.photos.all(),
            "zones": obj.raw_material_zones.select_related("unit"),
            "history": history_of(obj)[:30],
            "can_edit": can_edit,
            "can_ask_stamps": not obj.withdrawn_on and request.user.has_perm("traceability.request_stamps"),
            "can_see_events": request.user.has_perm("traceability.view_events"),
            "photo_form": PhotoForm() if can_edit else None,
            "zones_form": ProductZonesForm(product=obj, initial={"raw_material_zones": obj.raw_material_zones.all()})
            if can_edit
            else None,
            "withdraw_form": WithdrawForm() if can_edit and not obj.withdrawn_on else None,
            "breadcrumbs": _crumbs((obj.name, None)),
        },
    )


@require_perm("producers.change_product", load_object=_load_product)
def product_edit(request, pk, obj):
    form = ProductForm(request.POST or None, instance=obj)
    if save_form(request, form, lambda data: products.update_product(actor=request.user, product=obj, **data)):
        messages.success(request, _("Changes saved."))
        return redirect("backoffice:product_detail", pk=obj.pk)
    detail = reverse("backoffice:product_detail", args=[obj.pk])
    return form_page(
        request,
        form,
        title=_("Edit %(name)s") % {"name": obj},
        cancel_url=detail,
        breadcrumbs=_crumbs((obj.name, detail), (_("Edit"), None)),
    )


def _post_and_return(request, obj, form, save, success: str):
    return act_and_return(request, form, save, success, reverse("backoffice:product_detail", args=[obj.pk]))


@require_POST
@require_perm("producers.change_product", load_object=_load_product)
def product_withdraw(request, pk, obj):
    return _post_and_return(
        request,
        obj,
        WithdrawForm(request.POST),
        lambda data: products.withdraw_product(actor=request.user, product=obj, **data),
        _("The product was withdrawn."),
    )


@require_POST
@require_perm("producers.change_product", load_object=_load_product)
def product_zones(request, pk, obj):
    return _post_and_return(
        request,
        obj,
        ProductZonesForm(request.POST, product=obj),
        lambda data: products.set_raw_material_zones(actor=request.user, product=obj, zones=data["raw_material_zones"]),
        _("Raw-material zones saved."),
    )


@require_POST
@require_perm("producers.change_product", load_object=_load_product)
def product_photo_add(request, pk, obj):
    return _post_and_return(
        request,
        obj,
        PhotoForm(request.POST, request.FILES),
        lambda data: products.add_product_photo(
            actor=request.user, product=obj, upload=data["image"], caption=data["caption"]
        ),
        _("Photo added."),
    )


@require_perm("producers.view_registry", load_object=_load_product)
def product_photo(request, pk, photo_pk, obj):
    return attachment_response(get_object_or_404(obj.photos, pk=photo_pk).image, inline=True)
