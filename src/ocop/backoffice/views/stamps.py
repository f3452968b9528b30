"""OCOP stamps: a producer (or an officer for it) asks for a batch, the provincial office issues or refuses it; the
batch page prints its labels (PDF at a label size, SVG or PNG per stamp) and voids a lost run in one action."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ocop.backoffice.access import paginate, require_perm
from ocop.backoffice.files import pdf_response
from ocop.backoffice.forms import act_and_return, form_page, save_form
from ocop.common.domain.activity import history_of
from ocop.traceability.domain import stamps
from ocop.traceability.domain.queries import flagged_stamps, stamps_of, visible_stamp_batches
from ocop.traceability.domain.scan import digital_link
from ocop.traceability.domain.serials import printed
from ocop.traceability.enums import BatchStatus
from ocop.traceability.interfaces.forms import RefusalForm, SheetForm, StampBatchFilterForm, StampRequestForm, VoidForm
from ocop.traceability.interfaces.sheets import MAX_SHEET_STAMPS, sheet_pdf, stamp_png, stamp_svg

STAMPS_SHOWN = 50  # the batch page lists its stamps a page at a time
VOID_PREFIX = "void"  # the batch page also holds the sheet's form, whose fields have the same names


def _load_batch(request, pk, **_route):
    return get_object_or_404(visible_stamp_batches(request.user).select_related("product__producer"), pk=pk)


def _crumbs(*extra):
    return [(_("Stamps"), reverse("backoffice:stamp_batch_list")), *extra]


@require_perm("traceability.view_stamps")
def stamp_batch_list(request):
    filters = StampBatchFilterForm(request.GET or None, actor=request.user)
    rows = filters.filter(visible_stamp_batches(request.user)).select_related("product__producer")
    return render(
        request,
        "backoffice/stamp_batch_list.html",
        {
            "filters": filters,
            "page": paginate(request, rows.order_by("-requested_at", "-pk")),
            "breadcrumbs": _crumbs(),
            "can_request": request.user.has_perm("traceability.request_stamps"),
            "alerts": flagged_stamps(request.user).count(),
        },
    )


@require_perm("traceability.view_stamps")
def stamp_alert_list(request):
    page = paginate(request, flagged_stamps(request.user))
    return render(
        request,
        "backoffice/stamp_alert_list.html",
        {
            "page": page,
            "rows": [{"stamp": stamp, "printed": printed(stamp.serial)} for stamp in page.object_list],
            "breadcrumbs": _crumbs((_("Flagged stamps"), None)),
        },
    )


@require_perm("traceability.request_stamps")
def stamp_batch_create(request):
    form = StampRequestForm(request.POST or None, actor=request.user, initial={"product": request.GET.get("product")})
    batch = save_form(request, form, lambda data: stamps.request_stamps(actor=request.user, **data))
    if batch:
        messages.success(request, _("Your request for stamps was sent to the OCOP office."))
        return redirect("backoffice:stamp_batch_detail", pk=batch.pk)
    return form_page(
        request,
        form,
        title=_("Ask for stamps"),
        breadcrumbs=_crumbs((_("Ask for stamps"), None)),
        submit_label=_("Send the request"),
        intro=_("Each stamp has its own serial and QR code; whoever scans it sees the product and its OCOP status."),
    )


@require_perm("traceability.view_stamps", load_object=_load_batch)
def stamp_batch_detail(request, pk, obj):
    user = request.user
    issued = obj.status == BatchStatus.ISSUED
    stamp_page = paginate(request, obj.stamps.order_by("position"), per_page=STAMPS_SHOWN)
    return render(
        request,
        "backoffice/stamp_batch_detail.html",
        {
            "batch": obj,
            "stamps": [
                {"stamp": stamp, "printed": printed(stamp.serial), "link": digital_link(obj.product, stamp.serial)}
                for stamp in stamp_page.object_list
            ],
            "page": stamp_page,
            "voided_count": obj.stamps.filter(voided_at__isnull=False).count() if issued else 0,
            "can_decide": user.has_perm("traceability.decide_batch", obj),
            "refusal_form": RefusalForm(),
            "void_form": VoidForm(batch=obj, prefix=VOID_PREFIX)
            if issued and user.has_perm("traceability.void_stamps")
            else None,
            "sheet_form": SheetForm(batch=obj, initial=_first_sheet(obj))
            if issued and user.has_perm("traceability.print_stamps")
            else None,
            "history": history_of(obj),
            "breadcrumbs": _crumbs((str(obj), None)),
        },
    )


def _first_sheet(batch) -> dict:
    return {"first": 1, "last": min(batch.quantity, MAX_SHEET_STAMPS), "label": "30"}


@require_POST
@require_perm("traceability.decide_stamps", load_object=_load_batch)
def stamp_batch_issue(request, pk, obj):
    try:
        stamps.issue_stamps(actor=request.user, batch=obj)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The stamps were issued: the producer can print them now."))
    return redirect("backoffice:stamp_batch_detail", pk=obj.pk)


@require_POST
@require_perm("traceability.decide_stamps", load_object=_load_batch)
def stamp_batch_refuse(request, pk, obj):
    return act_and_return(
        request,
        RefusalForm(request.POST),
        lambda data: stamps.refuse_stamps(actor=request.user, batch=obj, **data),
        _("The request was refused."),
        reverse("backoffice:stamp_batch_detail", args=[obj.pk]),
    )


@require_POST
@require_perm("traceability.void_stamps", load_object=_load_batch)
def stamp_batch_void(request, pk, obj):
    return act_and_return(
        request,
        VoidForm(request.POST, batch=obj, prefix=VOID_PREFIX),
        lambda data: stamps.void_stamps(actor=request.user, batch=obj, **data),
        _("The stamps were voided: a scan of them now says so."),
        reverse("backoffice:stamp_batch_detail", args=[obj.pk]),
    )


@require_perm("traceability.print_stamps", load_object=_load_batch)
def stamp_sheet(request, pk, obj):
    form = SheetForm(request.GET or None, batch=obj)
    if obj.status != BatchStatus.ISSUED or not form.is_valid():
        problems = [str(error) for errors in form.errors.values() for error in errors]
        messages.error(request, " ".join(problems) or _("These stamps cannot be printed."))
        return redirect("backoffice:stamp_batch_detail", pk=obj.pk)
    data = form.cleaned_data
    run = stamps_of(obj, data["first"], data["last"]).filter(voided_at__isnull=True)
    content = sheet_pdf(obj, run, data["label"])
    return pdf_response(content, f"tem-ocop-{obj.pk}-{data['first']}-{data['last']}.pdf", inline=False)


@require_perm("traceability.print_stamps", load_object=_load_batch)
def stamp_qr(request, pk, obj, serial: str, kind: str):
    if kind not in ("svg", "png"):
        raise Http404
    stamp = get_object_or_404(obj.stamps, serial=serial, voided_at__isnull=True)
    if kind == "svg":
        response = HttpResponse(stamp_svg(obj.product, stamp.serial), content_type="image/svg+xml")
    else:
        response = HttpResponse(stamp_png(obj.product, stamp.serial), content_type="image/png")
    response["Content-Disposition"] = f'attachment; filename="tem-{stamp.serial}.{kind}"'
    return response
