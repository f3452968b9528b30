"""Value-chain events: the list of a user's events, the phone screens that record one step, the upload and the
endpoint that capture an EPCIS 2.0 document, and the export of the events as one."""

import json

from django.contrib import messages
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ocop.backoffice.access import paginate, require_perm
from ocop.backoffice.forms import form_page, save_form
from ocop.producers.domain.queries import visible_products
from ocop.traceability.domain.epcis_document import document_of, parse
from ocop.traceability.domain.events import (
    CaptureRefused,
    capture_document,
    export_body,
    province_of,
    record_step,
)
from ocop.traceability.domain.queries import visible_events
from ocop.traceability.domain.timeline import step_label
from ocop.traceability.enums import ValueChainStep
from ocop.traceability.interfaces.forms import CaptureUploadForm, StepForm, TraceEventFilterForm

EXPORT_LIMIT = 10_000  # events in one exported document; narrow by product for more
JSON_LD = "application/ld+json"


def _crumbs(*extra):
    return [(_("Value-chain events"), reverse("backoffice:trace_event_list")), *extra]


@require_perm("traceability.view_events")
def trace_event_list(request):
    filters = TraceEventFilterForm(request.GET or None, actor=request.user)
    events = filters.filter(visible_events(request.user)).select_related("product", "zone")
    page = paginate(request, events.order_by("-event_time", "-pk"))
    product = filters.chosen_product()
    return render(
        request,
        "backoffice/trace_event_list.html",
        {
            "filters": filters,
            "page": page,
            "rows": [{"event": event, "step": step_label(event)} for event in page.object_list],
            "product": product,
            "steps": ValueChainStep.choices if product and request.user.has_perm("traceability.record_events") else [],
            "can_capture": request.user.has_perm("traceability.record_events"),
            "export_query": request.GET.urlencode(),
            "breadcrumbs": _crumbs(),
        },
    )


@require_perm("traceability.view_events")
def trace_event_detail(request, pk):
    event = get_object_or_404(visible_events(request.user).select_related("product", "zone", "captured_by"), pk=pk)
    return render(
        request,
        "backoffice/trace_event_detail.html",
        {
            "event": event,
            "step": step_label(event),
            "document": json.dumps(export_body(event), ensure_ascii=False, indent=2),
            "breadcrumbs": _crumbs((step_label(event), None)),
        },
    )


@require_perm("traceability.record_events")
def trace_step_create(request, product_pk, kind):
    product = get_object_or_404(visible_products(request.user).select_related("producer__unit"), pk=product_pk)
    if kind not in ValueChainStep.values:
        return redirect(f"{reverse('backoffice:trace_event_list')}?product={product.pk}")
    initial = {"when": timezone.localtime().replace(second=0, microsecond=0), "public_place": province_of(product)}
    form = StepForm(request.POST or None, kind=kind, product=product, initial=initial)
    event = save_form(request, form, lambda data: record_step(actor=request.user, product=product, step=form.step()))
    if event:
        messages.success(request, _("The step was recorded: the product's scan page shows it."))
        return redirect(f"{reverse('backoffice:trace_event_list')}?product={product.pk}")
    label = ValueChainStep(kind).label
    return form_page(
        request,
        form,
        title=label,
        breadcrumbs=_crumbs(
            (product.name, f"{reverse('backoffice:trace_event_list')}?product={product.pk}"), (label, None)
        ),
        submit_label=_("Record this step"),
        intro=product.name,
    )


@require_perm("traceability.record_events")
def trace_capture_upload(request):
    form = CaptureUploadForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            capture = capture_document(
                actor=request.user, document=form.parsed, may_capture_any=_may_capture_any(request)
            )
        except CaptureRefused as refused:
            errors = refused.errors
        else:
            messages.success(request, _capture_message(capture))
            return redirect("backoffice:trace_event_list")
    return render(
        request,
        "backoffice/trace_capture.html",
        {
            "form": form,
            "errors": errors,
            "capture_url": request.build_absolute_uri(reverse("backoffice:epcis_capture")),
            "breadcrumbs": _crumbs((_("Capture an EPCIS document"), None)),
        },
    )


def _may_capture_any(request) -> bool:
    return request.user.has_perm("traceability.capture_any_event")


def _capture_message(capture) -> str:
    return _("%(stored)s new events stored, %(there)s already there, %(declared)s declared errors.") % {
        "stored": len(capture.stored),
        "there": capture.already_there,
        "declared": capture.declared_errors,
    }


@require_POST
@require_perm("traceability.record_events")
def epcis_capture(request):
    """EPCIS 2.0 capture (JSON-LD in the body): 201 with what was stored, or 400 with every fault by field."""
    document, errors = parse(request.body)
    if not errors:
        try:
            capture = capture_document(actor=request.user, document=document, may_capture_any=_may_capture_any(request))
        except CaptureRefused as refused:
            errors = refused.errors
        else:
            return JsonResponse(
                {
                    "stored": [event.hash_id for event in capture.stored],
                    "alreadyThere": capture.already_there,
                    "declaredErrors": capture.declared_errors,
                    "message": _capture_message(capture),
                },
                status=201,
            )
    return JsonResponse({"errors": [error.as_dict() for error in errors]}, status=400)


@require_perm("traceability.view_events")
def epcis_export(request):
    """The events the user sees (narrowed like the list) as one EPCIS 2.0 document."""
    filters = TraceEventFilterForm(request.GET or None, actor=request.user)
    events = list(filters.filter(visible_events(request.user)).order_by("event_time", "pk")[:EXPORT_LIMIT])
    document = document_of(
        [(export_body(event), event.namespaces) for event in events],
        created=timezone.now().isoformat(timespec="milliseconds"),
    )
    response = HttpResponse(json.dumps(document, ensure_ascii=False, indent=1), content_type=JSON_LD)
    response["Content-Disposition"] = 'attachment; filename="epcis-events.jsonld"'
    return response
