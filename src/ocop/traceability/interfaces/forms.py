from django import forms
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from ocop.common.db import vi_ordered
from ocop.producers.domain.queries import visible_products
from ocop.producers.interfaces.forms import ListFilterForm
from ocop.traceability.enums import MAX_BATCH, BatchStatus
from ocop.traceability.interfaces.sheets import LABEL_SIZES, MAX_SHEET_STAMPS


class StampBatchFilterForm(ListFilterForm):
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All statuses")), *BatchStatus.choices], required=False
    )

    search_fields = ("product__search_name", "product__code", "product__producer__search_name")
    unit_field = "product__producer__unit"

    def filter_more(self, queryset, data):
        return queryset.filter(status=data["status"]) if data.get("status") else queryset


class StampRequestForm(forms.Form):
    product = forms.ModelChoiceField(label=_("Product"), queryset=None, empty_label=None)
    quantity = forms.IntegerField(label=_("Number of stamps"), min_value=1, max_value=MAX_BATCH)

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = (
            visible_products(actor)
            .filter(withdrawn_on__isnull=True)
            .select_related("producer")
            .order_by(vi_ordered("name"), "pk")
        )
        self.fields["product"].label_from_instance = lambda product: f"{product.name} – {product.producer.name}"


class RefusalForm(forms.Form):
    reason = forms.CharField(label=_("Reason for refusal"), widget=forms.Textarea(attrs={"rows": 2}))


class StampRangeForm(forms.Form):
    """A run of stamps by their numbers in the batch."""

    first = forms.IntegerField(label=_("From number"), min_value=1)
    last = forms.IntegerField(label=_("To number"), min_value=1)

    def __init__(self, *args, batch, **kwargs):
        super().__init__(*args, **kwargs)
        self.batch = batch
        self.fields["first"].max_value = self.fields["last"].max_value = batch.quantity

    def clean(self):
        data = super().clean()
        first, last = data.get("first"), data.get("last")
        if first and last and (first > last or last > self.batch.quantity):
            raise forms.ValidationError(
                _("The numbers run from 1 to %(quantity)s, the first not after the last.")
                % {"quantity": self.batch.quantity}
            )
        return data


class VoidForm(StampRangeForm):
    reason = forms.CharField(label=_("Reason for voiding"), max_length=255)


class SheetForm(StampRangeForm):
    label = forms.ChoiceField(label=_("Label size"), choices=[(key, size.label) for key, size in LABEL_SIZES.items()])

    def clean(self):
        data = super().clean()
        first, last = data.get("first"), data.get("last")
        if first and last and last - first + 1 > MAX_SHEET_STAMPS:
            raise forms.ValidationError(
                _("One file holds at most %(most)s stamps: print a longer run in several files.")
                % {"most": number_format(MAX_SHEET_STAMPS, force_grouping=True)}
            )
        return data
