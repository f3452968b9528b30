"""The national traceability portal (Cổng truy xuất quốc gia): the products with trace data and where each record
stands with the portal; a product's record to read or download; the office looks for changed records, marks a record
sent (handed to the portal by hand) and records the portal's answer. The connector does the same from the command
line (ocop portal_export, ocop portal_answer)."""

import json

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from ocop.backoffice.access import paginate, require_perm
from ocop.backoffice.forms import act_and_return
from ocop.common.db import vi_ordered
from ocop.common.domain.activity import history_of
from ocop.common.xlsx import xlsx_response
from ocop.producers.domain.queries import visible_products
from ocop.traceability.domain import national_portal
from ocop.traceability.interfaces.portal import PortalAnswerForm, PortalFilterForm, portal_workbook, standing

HISTORY_SHOWN = 20


def _traced(user):
    return national_portal.with_trace_data(visible_products(user)).select_related("producer", "portal_sync")


def _load_product(request, pk, **_route):
    return get_object_or_404(_traced(request.user), pk=pk)


def _crumbs(*extra):
    return [(_("National traceability portal"), reverse("backoffice:portal_list")), *extra]


@require_perm("traceability.view_portal")
def portal_list(request):
    filters = PortalFilterForm(request.GET or None, actor=request.user)
    rows = filters.filter(_traced(request.user)).order_by(vi_ordered("name"), "pk")
    if request.GET.get("format") == "xlsx":
        return xlsx_response(portal_workbook(rows.iterator()), "cong-truy-xuat-quoc-gia.xlsx")
    page = paginate(request, rows)
    return render(
        request,
        "backoffice/portal_list.html",
        {
            "filters": filters,
            "export": True,
            "page": page,
            "rows": [{"product": product, **standing(product)} for product in page.object_list],
            "can_export": request.user.has_perm("traceability.export_portal"),
            "breadcrumbs": _crumbs(),
        },
    )


@require_perm("traceability.view_portal", load_object=_load_product)
def portal_detail(request, pk, obj):
    record = national_portal.portal_record(obj)
    sync = standing(obj)["sync"]
    can_export = request.user.has_perm("traceability.export_portal")
    return render(
        request,
        "backoffice/portal_detail.html",
        {
            "product": obj,
            **standing(obj),
            "record": json.dumps(record, ensure_ascii=False, indent=2),
            "changed_since_sent": sync is not None
            and sync.sent_at is not None
            and sync.fingerprint != national_portal.fingerprint(record),
            "answer_form": PortalAnswerForm() if can_export and sync is not None and sync.sent_at else None,
            "can_export": can_export,
            "history": history_of(obj).filter(verb__startswith="traceability.portal")[:HISTORY_SHOWN],
            "breadcrumbs": _crumbs((obj.name, None)),
        },
    )


@require_perm("traceability.view_portal", load_object=_load_product)
def portal_record_json(request, pk, obj):
    record = national_portal.portal_record(obj)
    response = HttpResponse(
        json.dumps(record, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = content_disposition_header(True, f"{obj.code.replace('/', '-')}.json")
    return response


@require_POST
@require_perm("traceability.export_portal")
def portal_refresh(request):
    changed = national_portal.mark_pending_changes(actor=request.user, products=visible_products(request.user))
    messages.success(
        request,
        ngettext(
            "%(count)s record changed since it was last sent.",
            "%(count)s records changed since they were last sent.",
            changed,
        )
        % {"count": changed},
    )
    return redirect("backoffice:portal_list")


@require_POST
@require_perm("traceability.export_portal", load_object=_load_product)
def portal_mark_sent(request, pk, obj):
    sent = national_portal.fingerprint(national_portal.portal_record(obj))
    national_portal.record_sent(actor=request.user, sent=[(obj, sent)])
    messages.success(request, _("The record is marked sent: record the portal's answer when it comes."))
    return redirect("backoffice:portal_detail", pk=obj.pk)


@require_POST
@require_perm("traceability.export_portal", load_object=_load_product)
def portal_answer(request, pk, obj):
    return act_and_return(
        request,
        PortalAnswerForm(request.POST),
        lambda data: national_portal.record_answer(
            actor=request.user, product=obj, ok=data["outcome"] == "ok", message=data["message"]
        ),
        _("The portal's answer was recorded."),
        reverse("backoffice:portal_detail", args=[obj.pk]),
    )
