"""Registry import: download the template, upload a workbook, read the dry-run report, apply all or nothing."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ocop.backoffice.access import require_perm
from ocop.common.uploads import SPREADSHEET_TYPES, check_upload
from ocop.common.xlsx import xlsx_response
from ocop.producers.models import ImportBatch
from ocop.registry_import.domain.import_parsing import WorkbookError
from ocop.registry_import.domain.importing import apply_import, check_import
from ocop.registry_import.interfaces.import_template import registry_template


class ImportForm(forms.Form):
    workbook = forms.FileField(label=gettext_lazy("Workbook (.xlsx) made from the template"))


def _crumbs(*extra):
    return [(_("Import from Excel"), reverse("backoffice:import_start")), *extra]


def _own_batch(request, pk):
    return get_object_or_404(ImportBatch, pk=pk, uploaded_by=request.user)


@require_perm("producers.import_registry")
def import_start(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["workbook"]
        try:
            check_upload(upload, SPREADSHEET_TYPES)
            batch = check_import(actor=request.user, upload=upload)
        except (ValidationError, WorkbookError) as error:
            form.add_error("workbook", error.messages if isinstance(error, ValidationError) else str(error))
        else:
            return redirect("backoffice:import_report", pk=batch.pk)
    return render(
        request,
        "backoffice/import_start.html",
        {
            "form": form,
            "recent": ImportBatch.objects.filter(uploaded_by=request.user)[:10],
            "breadcrumbs": _crumbs(),
        },
    )


@require_perm("producers.import_registry")
def import_template(request):
    return xlsx_response(registry_template(), "mau-nhap-chu-the-san-pham-ocop.xlsx")


@require_perm("producers.import_registry", load_object=_own_batch)
def import_report(request, pk, obj):
    return render(
        request,
        "backoffice/import_report.html",
        {
            "batch": obj,
            "counts": obj.report.get("counts", {}),
            "errors": obj.report.get("errors", []),
            "stopped": obj.report.get("stopped", False),
            "breadcrumbs": _crumbs((obj.original_name, None)),
        },
    )


@require_POST
@require_perm("producers.import_registry", load_object=_own_batch)
def import_apply(request, pk, obj):
    try:
        plan = apply_import(actor=request.user, batch=obj)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if plan.ok:
            messages.success(request, _("The workbook was imported."))
        else:
            messages.error(request, _("The registry changed since the check; the file now has errors."))
    return redirect("backoffice:import_report", pk=obj.pk)
