from django import forms
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from ocop.common.db import vi_ordered
from ocop.common.uploads import check_json_upload
from ocop.producers.domain.queries import visible_products
from ocop.producers.interfaces.forms import ListFilterForm
from ocop.traceability.domain.events import Step
from ocop.traceability.enums import MAX_BATCH, BatchStatus, EventType, ValueChainStep
from ocop.traceability.interfaces.sheets import LABEL_SIZES, MAX_SHEET_STAMPS

MAX_CAPTURE_BYTES = 20 * 1024 * 1024


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


class StepForm(forms.Form):
    """One value-chain step, on a phone: the fields each step needs, nothing else (traceability.domain.events)."""

    when = forms.DateTimeField(
        label=_("When"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    )
    lot = forms.CharField(
        label=_("Lot number"), max_length=60, help_text=_("As printed on the packages, e.g. L2024-07.")
    )
    zone = forms.ModelChoiceField(label=_("Raw-material zone"), queryset=None, empty_label=None)
    input_lot = forms.CharField(label=_("From the harvest lot"), max_length=60, required=False)
    batch = forms.ModelChoiceField(label=_("Stamp batch"), queryset=None, empty_label=None)
    first = forms.IntegerField(label=_("From stamp number"), min_value=1)
    last = forms.IntegerField(label=_("To stamp number"), min_value=1)
    quantity = forms.DecimalField(label=_("Quantity"), min_value=0, max_digits=12, decimal_places=3, required=False)
    unit = forms.ChoiceField(
        label=_("Unit"), choices=[("kg", _("kg")), ("piece", _("pieces")), ("litre", _("litres"))], initial="kg"
    )
    public_place = forms.CharField(
        label=_("Province or city shown to the public"),
        max_length=120,
        help_text=_("Only the province or city is shown on the scan page, never a buyer or a price."),
    )

    FIELDS = {
        ValueChainStep.HARVEST: ("when", "zone", "lot", "quantity", "unit", "public_place"),
        ValueChainStep.PROCESS: ("when", "input_lot", "lot", "quantity", "unit", "public_place"),
        ValueChainStep.PACK: ("when", "batch", "first", "last", "lot", "public_place"),
        ValueChainStep.SHIP: ("when", "lot", "quantity", "unit", "public_place"),
        ValueChainStep.RECEIVE: ("when", "lot", "quantity", "unit", "public_place"),
    }

    def __init__(self, *args, kind: str, product, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind, self.product = kind, product
        for name in set(self.fields) - set(self.FIELDS[kind]):
            del self.fields[name]
        if "zone" in self.fields:
            self.fields["zone"].queryset = product.raw_material_zones.order_by(vi_ordered("name"), "pk")
        if "batch" in self.fields:
            self.fields["batch"].queryset = product.stamp_batches.filter(status=BatchStatus.ISSUED)
        if kind == ValueChainStep.PROCESS:
            self.fields["lot"].label = _("Lot number of the product")

    def clean(self):
        data = super().clean()
        first, last, batch = data.get("first"), data.get("last"), data.get("batch")
        if first and last and batch and not first <= last <= batch.quantity:
            raise forms.ValidationError(
                _("The numbers run from 1 to %(quantity)s, the first not after the last.")
                % {"quantity": batch.quantity}
            )
        return data

    def step(self) -> Step:
        data = dict(self.cleaned_data)
        quantity = data.pop("quantity", None)
        return Step(kind=self.kind, quantity=float(quantity) if quantity is not None else None, **data)


class CaptureUploadForm(forms.Form):
    document = forms.FileField(
        label=_("EPCIS 2.0 document (JSON-LD)"),
        help_text=_("A file of type EPCISDocument; events already stored are recognised and left as they are."),
    )

    def clean_document(self):
        upload = self.cleaned_data["document"]
        self.parsed = check_json_upload(upload, MAX_CAPTURE_BYTES)
        if not isinstance(self.parsed, dict):
            raise forms.ValidationError(_("An EPCIS document is a JSON object."))
        return upload


class TraceEventFilterForm(ListFilterForm):
    # Chosen from the product's page, never from a list of every product in the province.
    product = forms.ModelChoiceField(label=_("Product"), queryset=None, required=False, widget=forms.HiddenInput)
    event_type = forms.ChoiceField(
        label=_("Event type"), choices=[("", _("All event types")), *EventType.choices], required=False
    )

    search_fields = ("product__search_name", "product__code", "lot", "hash_id")
    unit_field = "product__producer__unit"

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, actor=actor, **kwargs)
        self.fields["product"].queryset = visible_products(actor)

    def filter_more(self, queryset, data):
        if data.get("product"):
            queryset = queryset.filter(product=data["product"])
        if data.get("event_type"):
            queryset = queryset.filter(event_type=data["event_type"])
        return queryset

    def chosen_product(self):
        return self.cleaned_data.get("product") if self.is_valid() else None
