"""Query parameters of the list endpoints. A text search ignores accents and “đ”, as on the screens."""

import datetime

import django_filters as filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ocop.certificates.enums import CertificateStatus
from ocop.common.text import fold
from ocop.dossiers.enums import DossierState
from ocop.geo.enums import Era, UnitLevel
from ocop.traceability.enums import EventType


class FoldedSearch(filters.CharFilter):
    """Every word of the query, without accents, in the record's folded name."""

    def __init__(self, *args, fields: tuple[str, ...] = ("search_name",), **kwargs):
        kwargs.setdefault("max_length", 100)
        super().__init__(*args, **kwargs)
        self.folded_fields = fields

    def filter(self, queryset, value):
        for word in fold(value).split():
            condition = Q()
            for field in self.folded_fields:
                condition |= Q(**{f"{field}__contains": word})
            queryset = queryset.filter(condition)
        return queryset


class WholeNumberFilter(filters.NumberFilter):
    """A whole number within what a database column holds: a decimal or a number past 2⁶³ is refused with 400
    instead of reaching the database (SQLite's driver cannot bind it)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", 2**63 - 1)
        super().__init__(*args, **kwargs)


class SinceFilter(filters.IsoDateTimeFilter):
    """Records at or after a moment, given with any offset ISO 8601 allows: compared in UTC, since PostgreSQL refuses
    offsets beyond ±15:59. A moment after the last one a date can hold matches nothing."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("lookup_expr", "gte")
        super().__init__(*args, **kwargs)

    def filter(self, queryset, value):
        if value is None:
            return queryset
        try:
            value = value.astimezone(datetime.UTC)
        except OverflowError:
            return queryset.none()
        return super().filter(queryset, value)


class UnitFilter(filters.FilterSet):
    level = filters.ChoiceFilter(choices=UnitLevel.choices)
    era = filters.ChoiceFilter(choices=Era.choices)
    parent = filters.CharFilter(field_name="parent__code", max_length=10, help_text=_("code of the unit above"))
    q = FoldedSearch(help_text=_("words of the name, with or without accents"))


class ProducerFilter(filters.FilterSet):
    q = FoldedSearch(help_text=_("words of the name, with or without accents"))
    unit = filters.CharFilter(field_name="unit__code", max_length=10, help_text=_("code of the commune"))
    updated_since = SinceFilter(field_name="updated_at")


class ProductFilter(filters.FilterSet):
    q = FoldedSearch(help_text=_("words of the name, with or without accents"))
    code = filters.CharFilter(max_length=40)
    producer = WholeNumberFilter(field_name="producer_id")
    product_set = WholeNumberFilter(min_value=1, max_value=26)
    updated_since = SinceFilter(field_name="updated_at")


class CertificateFilter(filters.FilterSet):
    stars = WholeNumberFilter(min_value=1, max_value=5)
    status = filters.ChoiceFilter(choices=CertificateStatus.choices, field_name="status")
    product = filters.CharFilter(field_name="product__code", max_length=40, help_text=_("OCOP code of the product"))
    issued_since = filters.DateFilter(field_name="issued_on", lookup_expr="gte")


class CatalogueFilter(filters.FilterSet):
    q = FoldedSearch(fields=("product__search_name", "producer__search_name"))
    stars = WholeNumberFilter(min_value=1, max_value=5)
    product_set = WholeNumberFilter(field_name="product__product_set", min_value=1, max_value=26)


class DossierFilter(filters.FilterSet):
    state = filters.ChoiceFilter(choices=DossierState.choices)
    product = filters.CharFilter(field_name="product__code", max_length=40, help_text=_("OCOP code of the product"))
    updated_since = SinceFilter(field_name="updated_at")


class EventFilter(filters.FilterSet):
    product = filters.CharFilter(field_name="product__code", max_length=40, help_text=_("OCOP code of the product"))
    lot = filters.CharFilter(max_length=60)
    event_type = filters.ChoiceFilter(choices=EventType.choices)
    recorded_since = SinceFilter(field_name="record_time")
