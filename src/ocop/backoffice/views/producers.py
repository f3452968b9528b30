"""Producers (chủ thể): list, detail, create, edit, and their supporting documents."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ocop.backoffice.access import paginate_keys, require_perm
from ocop.backoffice.files import attachment_response
from ocop.backoffice.forms import form_page, save_form
from ocop.common.db import vi_ordered
from ocop.common.domain.activity import history_of
from ocop.common.xlsx import xlsx_response
from ocop.dossiers.domain.lifecycle import with_lifecycle
from ocop.producers.domain import documents, identity_changes, producers
from ocop.producers.domain.green import missing_for_green_chain
from ocop.producers.domain.queries import visible_producers
from ocop.producers.interfaces.exporters import producers_workbook
from ocop.producers.interfaces.forms import DocumentForm, ProducerFilterForm, ProducerForm
from ocop.producers.models import Producer, SupportingDocument


def _load_producer(request, pk, **_route):
    return get_object_or_404(visible_producers(request.user).select_related("unit__parent", "craft_village"), pk=pk)


def _crumbs(*extra):
    return [(_("Producers"), reverse("backoffice:producer_list")), *extra]


@require_perm("producers.view_registry")
def producer_list(request):
    filters = ProducerFilterForm(request.GET or None, actor=request.user)
    rows = filters.filter(visible_producers(request.user)).select_related("unit__parent", "craft_village")
    rows = rows.order_by(vi_ordered("name"), "pk")
    if request.GET.get("format") == "xlsx":
        return xlsx_response(producers_workbook(rows), "chu-the-ocop.xlsx")
    page = paginate_keys(
        request,
        rows,
        lambda keys: (
            Producer.objects.filter(pk__in=keys)
            .select_related("unit__parent", "craft_village")
            .annotate(product_count=Count("products"))
        ),
    )
    return render(
        request,
        "backoffice/producer_list.html",
        {
            "filters": filters,
            "page": page,
            "breadcrumbs": _crumbs(),
            "can_add": request.user.has_perm("producers.add_producer"),
        },
    )


@require_perm("producers.add_producer")
def producer_create(request):
    form = ProducerForm(request.POST or None, actor=request.user)
    producer = save_form(request, form, lambda data: producers.create_producer(actor=request.user, **data))
    if producer:
        messages.success(request, _("Producer added."))
        return redirect("backoffice:producer_detail", pk=producer.pk)
    return form_page(request, form, title=_("New producer"), breadcrumbs=_crumbs((_("New producer"), None)))


@require_perm("producers.change_producer", load_object=_load_producer)
def producer_edit(request, pk, obj):
    form = ProducerForm(request.POST or None, instance=obj, actor=request.user)
    if save_form(request, form, lambda data: producers.update_producer(actor=request.user, producer=obj, **data)):
        messages.success(request, _("Changes saved."))
        if identity_changes.pending_change(obj) is not None:
            messages.info(request, _("The new name and address are public once the provincial office accepts them."))
        return redirect("backoffice:producer_detail", pk=obj.pk)
    detail = reverse("backoffice:producer_detail", args=[obj.pk])
    return form_page(
        request,
        form,
        title=_("Edit %(name)s") % {"name": obj},
        breadcrumbs=_crumbs((obj.name, detail), (_("Edit"), None)),
        cancel_url=detail,
    )


@require_perm("producers.view_registry", load_object=_load_producer)
def producer_detail(request, pk, obj):
    today = timezone.localdate()
    products = with_lifecycle(obj.products.all(), today).order_by(vi_ordered("name"))
    docs = obj.documents.select_related("checked_by").order_by("kind", "-valid_until")
    return render(
        request,
        "backoffice/producer_detail.html",
        {
            "producer": obj,
            "products": products,
            "documents": [(doc, documents.expiry_status(doc.valid_until, today)) for doc in docs],
            "zones": obj.raw_material_zones.prefetch_related("certifications").order_by("name"),
            "green_chain_missing": missing_for_green_chain(obj, today),
            "accounts": obj.account_roles.filter(revoked_at__isnull=True).select_related("user"),
            "history": history_of(obj)[:30],
            "can_edit": request.user.has_perm("producers.change_producer", obj),
            "can_check": request.user.has_perm("producers.check_document"),
            "identity_change": identity_changes.pending_change(obj),
            "can_decide_identity": request.user.has_perm("producers.decide_identity_change"),
            "breadcrumbs": _crumbs((obj.name, None)),
            **support_of_producer(request.user, obj),
        },
    )


def support_of_producer(user, producer) -> dict:
    """The producer page's "Support received" section: what it received and its IP support cases, as the user may
    see them (None when the user sees neither)."""
    if not user.has_perm("support.view_producer_support"):
        return {"support_received": None}
    return {
        "support_received": producer.support_received.select_related("task__plan").order_by("-received_on", "-pk"),
        "ip_cases": producer.ip_cases.order_by("-created_at", "-pk") if user.has_perm("support.view_ip_cases") else [],
        "can_add_support": user.has_perm("support.manage_producer_support"),
        "can_add_ip_case": user.has_perm("support.manage_ip_cases"),
    }


@require_POST
@require_perm("producers.decide_identity_change", load_object=_load_producer)
def identity_change_decide(request, pk, decision, obj):
    change = identity_changes.pending_change(obj)
    if change is None or decision not in ("accept", "reject"):
        raise Http404
    try:
        if decision == "accept":
            identity_changes.accept(actor=request.user, change=change)
            messages.success(request, _("The new name and address are now public."))
        else:
            identity_changes.reject(actor=request.user, change=change)
            messages.success(request, _("The change was rejected; the name and address stay as they were."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("backoffice:producer_detail", pk=obj.pk)


@require_perm("producers.change_producer", load_object=_load_producer)
def document_create(request, pk, obj):
    form = DocumentForm(request.POST or None, request.FILES or None)
    saved = save_form(
        request,
        form,
        lambda data: documents.add_document(actor=request.user, producer=obj, upload=data.pop("upload"), **data),
    )
    if saved:
        messages.success(request, _("Document added."))
        return redirect("backoffice:producer_detail", pk=obj.pk)
    detail = reverse("backoffice:producer_detail", args=[obj.pk])
    return form_page(
        request,
        form,
        title=_("New supporting document"),
        cancel_url=detail,
        breadcrumbs=_crumbs((obj.name, detail), (_("New supporting document"), None)),
    )


def _load_document(request, pk, document_pk):
    producer = _load_producer(request, pk)
    return get_object_or_404(SupportingDocument, pk=document_pk, producer=producer)


@require_perm("producers.change_producer", load_object=_load_document)
def document_edit(request, pk, document_pk, obj):
    form = DocumentForm(request.POST or None, request.FILES or None, instance=obj)
    saved = save_form(
        request,
        form,
        lambda data: documents.update_document(actor=request.user, document=obj, upload=data.pop("upload"), **data),
    )
    detail = reverse("backoffice:producer_detail", args=[obj.producer_id])
    if saved:
        messages.success(request, _("Changes saved."))
        return redirect(detail)
    return form_page(
        request,
        form,
        title=_("Edit %(name)s") % {"name": obj},
        cancel_url=detail,
        breadcrumbs=_crumbs((obj.producer.name, detail), (str(obj), None)),
    )


@require_POST
@require_perm("producers.check_document", load_object=_load_document)
def document_check(request, pk, document_pk, obj):
    documents.check_document(actor=request.user, document=obj)
    messages.success(request, _("Marked as checked."))
    return redirect("backoffice:producer_detail", pk=obj.producer_id)


@require_perm("producers.view_registry", load_object=_load_document)
def document_download(request, pk, document_pk, obj):
    return attachment_response(obj.file)
