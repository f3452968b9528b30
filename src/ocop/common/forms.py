import re

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext_lazy as _

YEAR_FIRST = re.compile(r"\d{4}\D")

# What each integer column holds on PostgreSQL, the narrower of our two databases (SQLite takes any 64-bit number):
# a number within these ranges fits on both.
INTEGER_COLUMN_RANGES = BaseDatabaseOperations.integer_field_ranges


def _number_widget() -> forms.TextInput:
    widget = forms.TextInput(attrs={"inputmode": "decimal"})
    widget.is_localized = True
    return widget


def _grouped(number) -> str:
    """2147483647 → "2.147.483.647", the way the forms read numbers in both languages."""
    return f"{number:,}".replace(",", "_").replace(".", ",").replace("_", ".")


def _range_messages(min_value, max_value) -> dict:
    messages = {"invalid": _("Enter a whole number.")}
    if min_value is not None:
        messages["min_value"] = format_lazy(_("Enter a number no smaller than {}."), _grouped(min_value))
    if max_value is not None:
        messages["max_value"] = format_lazy(_("Enter a number no larger than {}."), _grouped(max_value))
    return messages


class IntegerField(forms.IntegerField):
    """A whole number read the Vietnamese way (1.234), never beyond what its column holds: ``column`` names the
    column type (a plain integer by default); ``min_value`` and ``max_value`` can only narrow its range."""

    def __init__(self, *, column: str = "IntegerField", min_value=None, max_value=None, **kwargs):
        low, high = INTEGER_COLUMN_RANGES[column]
        min_value, max_value = _strictest(max, [low], min_value), _strictest(min, [high], max_value)
        kwargs.setdefault("widget", _number_widget())
        kwargs["error_messages"] = _range_messages(min_value, max_value) | kwargs.get("error_messages", {})
        super().__init__(min_value=min_value, max_value=max_value, localize=True, **kwargs)


class DecimalField(forms.DecimalField):
    """A finite number read the Vietnamese way (1.234,5) with no more digits than its column has: ``1e400`` or a
    23-digit figure is refused with a message instead of being stored and breaking every page that shows it."""

    def __init__(self, *, max_digits: int, decimal_places: int, min_value=None, max_value=None, **kwargs):
        kwargs.setdefault("widget", _number_widget())
        kwargs["error_messages"] = (
            _range_messages(min_value, max_value)
            | {
                "invalid": _("Enter a number."),
                "max_digits": _("Enter a number of at most %(max)s digits."),
                "max_whole_digits": _("Enter a number of at most %(max)s digits before the decimal comma."),
                "max_decimal_places": _("Enter at most %(max)s digits after the decimal comma.")
                if decimal_places
                else _("Enter a whole number."),
            }
            | kwargs.get("error_messages", {})
        )
        super().__init__(
            max_digits=max_digits,
            decimal_places=decimal_places,
            min_value=min_value,
            max_value=max_value,
            localize=True,
            **kwargs,
        )


def column_field(model_field, **kwargs) -> forms.Field:
    """The form field of a number stored in ``model_field``: its label, and the limits of its column and of its own
    validators (3 to 5 stars). ``kwargs`` go to the field (``min_value`` and ``max_value`` only narrow)."""
    kwargs.setdefault("label", capfirst(model_field.verbose_name))
    kwargs.setdefault("required", not model_field.blank)
    lows = [v.limit_value for v in model_field.validators if isinstance(v, MinValueValidator)]
    highs = [v.limit_value for v in model_field.validators if isinstance(v, MaxValueValidator)]
    kwargs["min_value"] = _strictest(max, lows, kwargs.get("min_value"))
    kwargs["max_value"] = _strictest(min, highs, kwargs.get("max_value"))
    return capacity_field(model_field, **kwargs)


def capacity_field(model_field, **kwargs) -> forms.Field:
    """The form field of what ``model_field``'s column can hold at all (its type's range, its digits), leaving the
    field's own rules (3 to 5 stars) to the domain."""
    if isinstance(model_field, models.DecimalField):
        return DecimalField(max_digits=model_field.max_digits, decimal_places=model_field.decimal_places, **kwargs)
    return IntegerField(column=model_field.get_internal_type(), **kwargs)


def _strictest(pick, limits, asked):
    limits = [*limits, *([] if asked is None else [asked])]
    return pick(limits) if limits else None


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
