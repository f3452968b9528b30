"""What a number column can hold, as form fields: the same limits for a number typed in a form and a number read
from a file (a plan, a rule set, a workbook). Plain helpers over Django's form fields, usable from the domain."""

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext_lazy as _

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
