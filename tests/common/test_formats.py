import datetime
from decimal import Decimal

from django import forms
from django.template import Context, Template
from django.utils import formats, translation


class _DateAndAmount(forms.Form):
    day = forms.DateField()
    amount = forms.DecimalField(localize=True)


def test_day_first_dates_are_accepted_and_shown_day_first():
    with translation.override("vi"):
        form = _DateAndAmount({"day": "25/12/2024", "amount": "1.234.567,5"})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["day"] == datetime.date(2024, 12, 25)
        assert form.cleaned_data["amount"] == Decimal("1234567.5")
        assert formats.date_format(datetime.date(2024, 12, 25), "SHORT_DATE_FORMAT") == "25/12/2024"


def test_ambiguous_dates_are_read_day_first():
    with translation.override("vi"):
        form = _DateAndAmount({"day": "05/06/2024", "amount": "1"})
        assert form.is_valid()
        assert form.cleaned_data["day"] == datetime.date(2024, 6, 5)


def test_numbers_use_dot_for_thousands_and_comma_for_decimals():
    with translation.override("vi"):
        rendered = Template("{{ amount }} {{ day }}").render(
            Context({"amount": Decimal("1234567.5"), "day": datetime.date(2024, 12, 25)})
        )
    assert rendered == "1.234.567,5 25/12/2024"


def test_month_first_input_is_rejected_in_vietnamese():
    with translation.override("vi"):
        assert not _DateAndAmount({"day": "12/25/2024", "amount": "1"}).is_valid()
