import re

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from ocop.common.column_limits import column_field

YEAR_FIRST = re.compile(r"\d{4}\D")


def _is_number_column(model_field) -> bool:
    return isinstance(model_field, models.IntegerField | models.DecimalField) and not model_field.is_relation


class DomainModelForm(forms.ModelForm):
    """Labels and widgets come from the model; validation and saving go through the app's domain function.

    The model-level checks (uniqueness, constraints) are the domain function's job, so they are not run twice here.
    Numbers are read and shown the Vietnamese way (1.234,5), and only within what their column holds.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name in self.declared_fields or type(field) not in (forms.IntegerField, forms.DecimalField):
                continue
            model_field = self._meta.model._meta.get_field(name)
            if _is_number_column(model_field):
                self.fields[name] = column_field(
                    model_field, label=field.label, required=field.required, help_text=field.help_text
                )

    def _post_clean(self):
        pass


class DateInput(forms.DateInput):
    """Dates typed day first (25/12/2024), whatever the browser's own date picker would do."""

    input_type = "text"

    def __init__(self, attrs=None):
        super().__init__(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric", **(attrs or {})})


class RadioButtons(forms.RadioSelect):
    """One radio button per real choice. A model field with choices and no default gives its form field an empty
    choice ("- Select an option -"), which a drop-down needs but a radio group must not offer: it would show as a
    pre-selected blank answer. Nothing ticked is the empty answer, refused by a required field."""

    def optgroups(self, name, value, attrs=None):
        return [
            (group, options, index)
            for group, options, index in super().optgroups(name, value, attrs)
            if any(option["value"] != "" for option in options)
        ]


class DayFirstDateField(forms.DateField):
    """A date as a Vietnamese officer types it, day first (25/12/2024), read with the project's input formats; a
    year-first date (2024-12-25, what a browser's date picker sends) is refused rather than guessed."""

    widget = DateInput
    default_error_messages = {"invalid": _("Enter the date day first: dd/mm/yyyy.")}

    def to_python(self, value):
        if isinstance(value, str) and YEAR_FIRST.match(value.strip()):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)
