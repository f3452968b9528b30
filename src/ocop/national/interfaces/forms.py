"""The back office's export form: everything or only what changed since a moment, as JSON or Excel."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ocop.common.forms import RadioButtons
from ocop.national.domain.export import check_since
from ocop.national.enums import ExportKind

MOMENT_FORMAT = "%d/%m/%Y %H:%M"


class ExportForm(forms.Form):
    kind = forms.ChoiceField(label=_("What to export"), choices=ExportKind.choices, widget=RadioButtons)
    since = forms.DateTimeField(
        label=_("Changed since"),
        required=False,
        input_formats=[MOMENT_FORMAT],
        widget=forms.DateTimeInput(
            format=MOMENT_FORMAT, attrs={"placeholder": "dd/mm/yyyy hh:mm", "inputmode": "numeric"}
        ),
        help_text=_("Vietnam time, e.g. 01/12/2026 08:00. Only for an export of what changed."),
        error_messages={"invalid": _("Enter the date and time as dd/mm/yyyy hh:mm, e.g. 01/12/2026 08:00.")},
    )
    file_format = forms.ChoiceField(
        label=_("File"),
        choices=[("json", _("JSON (the national schema)")), ("xlsx", _("Excel workbook"))],
        widget=RadioButtons,
    )

    def clean(self):
        data = super().clean()
        if data.get("kind") == ExportKind.INCREMENTAL and data.get("since") is None and "since" not in self.errors:
            self.add_error("since", _("Give the moment from which changes are exported."))
        if data.get("kind") == ExportKind.FULL:
            data["since"] = None
        elif data.get("since") is not None:
            try:
                check_since(data["since"])
            except ValidationError as error:
                self.add_error("since", error)
        return data
