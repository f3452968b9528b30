"""Trade promotion: sales points (list, new, edit, detail), fairs (list, new, edit, detail with invitations,
registrations and results), and the buyer inquiries inbox (a producer's own; the office's all, with response rates)."""

from django.contrib import messages
from django.db.models import Count, Q, Sum
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ocop.backoffice.access import paginate, require_perm
from ocop.backoffice.forms import act_and_return, form_page, save_form
from ocop.common.domain.activity import history_of
from ocop.common.xlsx import xlsx_response
from ocop.producers.domain.queries import own_producer_ids
from ocop.promotion.domain import fairs, inquiries, sales_points
from ocop.promotion.domain.queries import (
    own_routes,
    sees_every_inquiry,
    visible_fairs,
    visible_inquiries,
    visible_registrations,
    visible_sales_points,
)
from ocop.promotion.enums import InquiryState
from ocop.promotion.interfaces.exporters import fairs_workbook, sales_points_workbook
from ocop.promotion.interfaces.forms import (
    AnswerForm,
    FairFilterForm,
    FairForm,
    InviteForm,
    RegistrationForm,
    ResultsForm,
    SalesPointFilterForm,
    SalesPointForm,
)
from ocop.promotion.models import InquiryRoute

# Sales points ------------------------------------------------------------------------------------------------------


def _load_point(request, pk, **_route):
    return get_object_or_404(visible_sales_points(request.user).select_related("unit__parent", "operator"), pk=pk)


def _point_crumbs(*extra):
    return [(_("Sales points"), reverse("backoffice:sales_point_list")), *extra]


@require_perm("promotion.view_sales_points")
def sales_point_list(request):
    filters = SalesPointFilterForm(request.GET or None, actor=request.user)
    rows = (
        filters.filter(visible_sales_points(request.user))
        .select_related("unit__parent", "operator")
        .annotate(stocked=Count("products"))
        .order_by("-opened_on", "pk")
    )
    if request.GET.get("format") == "xlsx":
        return xlsx_response(sales_points_workbook(rows.iterator()), "diem-ban-san-pham-ocop.xlsx")
    return render(
        request,
        "backoffice/promotion_sales_point_list.html",
        {
            "filters": filters,
            "page": paginate(request, rows),
            "breadcrumbs": _point_crumbs(),
            "can_add": request.user.has_perm("promotion.manage_sales_points"),
        },
    )


@require_perm("promotion.manage_sales_points")
def sales_point_create(request):
    form = SalesPointForm(request.POST or None, actor=request.user)
    point = save_form(request, form, lambda data: sales_points.create_sales_point(actor=request.user, **data))
    if point:
        messages.success(request, _("Sales point added."))
        return redirect("backoffice:sales_point_detail", pk=point.pk)
    return form_page(
        request,
        form,
        title=_("New sales point"),
        breadcrumbs=_point_crumbs((_("New sales point"), None)),
        intro=_("A point opened in the period counts toward the plan's target of new sales points."),
    )


@require_perm("promotion.view_sales_points", load_object=_load_point)
def sales_point_detail(request, pk, obj):
    return render(
        request,
        "backoffice/promotion_sales_point_detail.html",
        {
            "point": obj,
            "products": obj.products.select_related("producer").order_by("name"),
            "can_edit": request.user.has_perm("promotion.manage_sales_points"),
            "history": history_of(obj)[:30],
            "breadcrumbs": _point_crumbs((obj.name, None)),
        },
    )


@require_perm("promotion.manage_sales_points", load_object=_load_point)
def sales_point_edit(request, pk, obj):
    form = SalesPointForm(request.POST or None, instance=obj, actor=request.user)
    if save_form(
        request, form, lambda data: sales_points.update_sales_point(actor=request.user, sales_point=obj, **data)
    ):
        messages.success(request, _("Changes saved."))
        return redirect("backoffice:sales_point_detail", pk=obj.pk)
    detail = reverse("backoffice:sales_point_detail", args=[obj.pk])
    return form_page(
        request,
        form,
        title=_("Edit %(name)s") % {"name": obj},
        cancel_url=detail,
        breadcrumbs=_point_crumbs((obj.name, detail), (_("Edit"), None)),
    )


# Fairs --------------------------------------------------------------------------------------------------------------


def _load_fair(request, pk, **_route):
    return get_object_or_404(visible_fairs(request.user).select_related("task__plan", "unit"), pk=pk)


def _load_registration(request, pk, **_route):
    return get_object_or_404(visible_registrations(request.user).select_related("fair", "product"), pk=pk)


def _fair_crumbs(*extra):
    return [(_("Fairs"), reverse("backoffice:fair_list")), *extra]


@require_perm("promotion.view_fairs")
def fair_list(request):
    filters = FairFilterForm(request.GET or None)
    rows = (
        filters.filter(visible_fairs(request.user))
        .select_related("task__plan")
        .annotate(
            registered=Count("registrations"),
            contracts=Sum("registrations__contracts_signed"),
            total_sales=Sum("registrations__sales"),
        )
        .order_by("-starts_on", "pk")
    )
    if request.GET.get("format") == "xlsx":
        return xlsx_response(fairs_workbook(rows.iterator()), "hoi-cho-xuc-tien-thuong-mai.xlsx")
    return render(
        request,
        "backoffice/promotion_fair_list.html",
        {
            "filters": filters,
            "page": paginate(request, rows),
            "breadcrumbs": _fair_crumbs(),
            "can_add": request.user.has_perm("promotion.manage_fairs"),
        },
    )


@require_perm("promotion.manage_fairs")
def fair_create(request):
    form = FairForm(request.POST or None, actor=request.user)
    fair = save_form(request, form, lambda data: fairs.create_fair(actor=request.user, **data))
    if fair:
        messages.success(request, _("Fair added."))
        return redirect("backoffice:fair_detail", pk=fair.pk)
    return form_page(request, form, title=_("New fair"), breadcrumbs=_fair_crumbs((_("New fair"), None)))


@require_perm("promotion.manage_fairs", load_object=_load_fair)
def fair_edit(request, pk, obj):
    form = FairForm(request.POST or None, instance=obj, actor=request.user)
    if save_form(request, form, lambda data: fairs.update_fair(actor=request.user, fair=obj, **data)):
        messages.success(request, _("Changes saved."))
        return redirect("backoffice:fair_detail", pk=obj.pk)
    detail = reverse("backoffice:fair_detail", args=[obj.pk])
    return form_page(
        request,
        form,
        title=_("Edit %(name)s") % {"name": obj},
        cancel_url=detail,
        breadcrumbs=_fair_crumbs((obj.name, detail), (_("Edit"), None)),
    )


@require_perm("promotion.view_fairs", load_object=_load_fair)
def fair_detail(request, pk, obj):
    user = request.user
    manages = user.has_perm("promotion.manage_fairs")
    registrations = (
        visible_registrations(user)
        .filter(fair=obj)
        .select_related("product", "producer", "certificate")
        .order_by("producer__name", "product__name", "pk")
    )
    own = own_producer_ids(user)
    invitations = obj.invitations.select_related("producer").order_by("producer__name")
    if not manages:
        invitations = invitations.filter(producer__in=own)
    totals = obj.registrations.aggregate(
        count=Count("pk"), contracts=Sum("contracts_signed"), sales=Sum("sales"), producers=Count("producer", True)
    )
    return render(
        request,
        "backoffice/promotion_fair_detail.html",
        {
            "fair": obj,
            "registrations": [
                {"registration": registration, "form": ResultsForm(instance=registration, prefix=f"r{registration.pk}")}
                if manages
                else {"registration": registration, "form": None}
                for registration in registrations
            ],
            "invitations": invitations,
            "totals": totals,
            "can_edit": manages,
            "invite_form": InviteForm(actor=user) if manages else None,
            "register_form": RegistrationForm(actor=user) if user.has_perm("promotion.register_for_fairs") else None,
            "history": history_of(obj)[:30] if manages else [],
            "breadcrumbs": _fair_crumbs((obj.name, None)),
        },
    )


def _back_to_fair(fair) -> str:
    return reverse("backoffice:fair_detail", args=[fair.pk])


@require_POST
@require_perm("promotion.manage_fairs", load_object=_load_fair)
def fair_invite(request, pk, obj):
    form = InviteForm(request.POST, actor=request.user)
    return act_and_return(
        request,
        form,
        lambda data: fairs.invite_producers(actor=request.user, fair=obj, producers=data["producers"]),
        _("Invitations sent."),
        _back_to_fair(obj),
    )


@require_POST
@require_perm("promotion.register_for_fairs", load_object=_load_fair)
def fair_register(request, pk, obj):
    form = RegistrationForm(request.POST, actor=request.user)
    return act_and_return(
        request,
        form,
        lambda data: fairs.register_product(actor=request.user, fair=obj, **data),
        _("Product registered for the fair."),
        _back_to_fair(obj),
    )


@require_POST
@require_perm("promotion.manage_fairs", load_object=_load_registration)
def fair_results(request, pk, obj):
    form = ResultsForm(request.POST, instance=obj, prefix=f"r{obj.pk}")
    return act_and_return(
        request,
        form,
        lambda data: fairs.record_results(actor=request.user, registration=obj, **data),
        _("Results saved."),
        _back_to_fair(obj.fair),
    )


# Buyer inquiries ----------------------------------------------------------------------------------------------------


def _load_inquiry(request, pk, **_route):
    return get_object_or_404(visible_inquiries(request.user).select_related("province"), pk=pk)


def _inquiry_crumbs(*extra):
    return [(_("Buyer inquiries"), reverse("backoffice:inquiry_list")), *extra]


def _routes_seen(user):
    routes = InquiryRoute.objects.all()
    return routes if sees_every_inquiry(user) else routes.filter(producer__in=own_producer_ids(user))


@require_perm("promotion.view_inquiries")
def inquiry_list(request):
    user = request.user
    rows = visible_inquiries(user).select_related("province").order_by("-received_at", "-pk")
    waiting = Q(routes__state=InquiryState.WAITING)
    if not sees_every_inquiry(user):
        waiting &= Q(routes__producer__in=own_producer_ids(user))
    rows = rows.annotate(routed=Count("routes", distinct=True), waiting=Count("routes", filter=waiting, distinct=True))
    return render(
        request,
        "backoffice/promotion_inquiry_list.html",
        {
            "page": paginate(request, rows),
            "office": sees_every_inquiry(user),
            "rates": inquiries.response_rates(_routes_seen(user)),
            "breadcrumbs": _inquiry_crumbs(),
        },
    )


@require_perm("promotion.view_inquiries", load_object=_load_inquiry)
def inquiry_detail(request, pk, obj):
    user = request.user
    routes = (
        (obj.routes.all() if sees_every_inquiry(user) else own_routes(user, obj))
        .select_related("producer", "answered_by")
        .prefetch_related("products")
        .order_by("producer__name", "pk")
    )
    answers = user.has_perm("promotion.answer_inquiries")
    answerable = [route for route in routes if route.state == InquiryState.WAITING] if answers else []
    return render(
        request,
        "backoffice/promotion_inquiry_detail.html",
        {
            "inquiry": obj,
            "routes": routes,
            "answer_form": AnswerForm() if answerable else None,
            "breadcrumbs": _inquiry_crumbs((obj.product_type, None)),
        },
    )


@require_POST
@require_perm("promotion.answer_inquiries", load_object=_load_inquiry)
def inquiry_answer(request, pk, obj):
    form = AnswerForm(request.POST)
    route = own_routes(request.user, obj).filter(state=InquiryState.WAITING).first()
    back = reverse("backoffice:inquiry_detail", args=[obj.pk])
    if route is None:
        messages.error(request, _("This inquiry has already been answered."))
        return redirect(back)
    return act_and_return(
        request,
        form,
        lambda data: inquiries.answer_inquiry(actor=request.user, route=route, answer=data["answer"]),
        _("Your answer was recorded."),
        back,
    )
