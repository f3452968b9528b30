"""The national OCOP database export: the office (or the administrator) downloads everything it sees, or what
changed since a moment, as JSON following the national schema or as Excel; the last exports are listed from the
audit trail. The command ocop national_export writes the same files."""

import datetime
import json

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from ocop.backoffice.access import require_perm
from ocop.common.xlsx import xlsx_response
from ocop.national.domain.export import build_export, issuing_province, recent_exports
from ocop.national.interfaces.forms import ExportForm
from ocop.national.interfaces.workbook import export_workbook


@require_perm("national.export")
def national_export(request):
    form = ExportForm(request.POST or None, initial={"kind": "full", "file_format": "json"})
    if request.method == "POST" and form.is_valid():
        document = build_export(actor=request.user, since=form.cleaned_data["since"])
        return _download(document, form.cleaned_data["file_format"])
    return render(
        request,
        "backoffice/national_export.html",
        {
            "form": form,
            "province": issuing_province(request.user),
            "recent": recent_exports(request.user),
            "breadcrumbs": [(_("National database export"), None)],
        },
    )


def _download(document: dict, file_format: str):
    header = document["header"]
    moment = timezone.localtime(datetime.datetime.fromisoformat(header["generated_at"]))
    name = f"ocop-{header['province']['code']}-{header['kind']}-{moment:%Y%m%d-%H%M}"
    if file_format == "xlsx":
        return xlsx_response(export_workbook(document), f"{name}.xlsx")
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = content_disposition_header(True, f"{name}.json")
    return response
