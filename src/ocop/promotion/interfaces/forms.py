from django import forms
from django.utils.translation import gettext_lazy as _

from ocop.accounts.domain.scope import own_area_units, province_scope_of
from ocop.common.db import vi_ordered
from ocop.common.forms import DateInput, DomainModelForm
from ocop.common.text import fold
from ocop.geo.domain.queries import home_first
from ocop.geo.enums import Era, UnitLevel
from ocop.geo.models import AdministrativeUnit
from ocop.planning.domain.queries import tasks_of_province
from ocop.planning.models import Task
from ocop.producers import product_sets
from ocop.producers.domain.queries import visible_producers, visible_products
from ocop.producers.interfaces.forms import ListFilterForm, UnitField
from ocop.producers.models import Producer, Product
from ocop.promotion.enums import SalesPointStatus
from ocop.promotion.models import BuyerInquiry, Fair, FairRegistration, SalesPoint


class TaskField(forms.ModelChoiceField):
    def label_from_instance(self, task) -> str:
        return f"{task.plan.reference} – {task.code}. {task.content[:90]}"


def _tasks(actor):
    return (
        tasks_of_province(actor)
        .select_related("plan")
        .order_by("-plan__starts_on", "plan__reference", "position", "pk")
    )


class ProductChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, product) -> str:
        return f"{product.name} – {product.producer.name}"


class SalesPointForm(DomainModelForm):
    unit = UnitField(label=_("Commune or ward (today's map)"), queryset=AdministrativeUnit.objects.none())
    operator = forms.ModelChoiceField(
        label=_("Operated by (producer)"), queryset=Producer.objects.none(), required=False
    )
    task = TaskField(label=_("Plan task it serves"), queryset=Task.objects.none(), required=False)
    products = ProductChoices(
        label=_("Products stocked"),
        queryset=Product.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    class Meta:
        model = SalesPoint
        fields = ["name", "unit", "address", "operator", "operator_name", "opened_on", "closed_on", "status", "task"]
        widgets = {"opened_on": DateInput(), "closed_on": DateInput()}

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = (
            own_area_units(actor)
            .filter(level=UnitLevel.COMMUNE, era=Era.FROM_2025, valid_to__isnull=True)
            .select_related("parent")
            .order_by("name")
        )
        self.fields["operator"].queryset = visible_producers(actor).order_by(vi_ordered("name"), "pk")
        self.fields["task"].queryset = _tasks(actor)
        self.fields["products"].queryset = (
            province_scope_of(actor)
            .filter(Product.objects.filter(withdrawn_on__isnull=True), "producer__unit")
            .select_related("producer")
            .order_by(vi_ordered("name"))
        )
        if self.instance.pk:
            self.initial["products"] = list(self.instance.products.values_list("pk", flat=True))


class SalesPointFilterForm(ListFilterForm):
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All statuses")), *SalesPointStatus.choices], required=False
    )

    search_fields = ("search_name", "operator__search_name")

    def filter_more(self, queryset, data):
        return queryset.filter(status=data["status"]) if data.get("status") else queryset


class FairForm(DomainModelForm):
    unit = UnitField(label=_("Administrative unit"), queryset=AdministrativeUnit.objects.none(), required=False)
    task = TaskField(label=_("Plan task it serves"), queryset=Task.objects.none(), required=False)

    class Meta:
        model = Fair
        fields = ["name", "place", "unit", "venue", "starts_on", "ends_on", "organiser", "task", "budget"]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = home_first(
            AdministrativeUnit.objects.filter(level=UnitLevel.PROVINCE, era=Era.FROM_2025), own_area_units(actor)
        ).select_related("parent")
        self.fields["task"].queryset = _tasks(actor)


class FairFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        if raw := (self.cleaned_data.get("q") or "").strip():
            queryset = queryset.filter(search_name__contains=fold(raw))
        if year := self.cleaned_data.get("year"):
            queryset = queryset.filter(starts_on__year=year)
        return queryset


class InviteForm(forms.Form):
    producers = forms.ModelMultipleChoiceField(
        label=_("Producers to invite"), queryset=Producer.objects.none(), widget=forms.SelectMultiple(attrs={"size": 6})
    )

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["producers"].queryset = visible_producers(actor).order_by(vi_ordered("name"), "pk")


class RegistrationForm(forms.Form):
    product = forms.ModelChoiceField(label=_("Product"), queryset=Product.objects.none())
    booth = forms.CharField(label=_("Booth"), max_length=20, required=False)

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = (
            visible_products(actor)
            .filter(withdrawn_on__isnull=True)
            .select_related("producer")
            .order_by(vi_ordered("name"), "pk")
        )
        self.fields["product"].label_from_instance = lambda product: f"{product.name} – {product.producer.name}"


class ResultsForm(DomainModelForm):
    class Meta:
        model = FairRegistration
        fields = ["booth", "contracts_signed", "sales"]


class InquiryForm(DomainModelForm):
    """The public form. ``website`` is a honeypot: hidden from people, filled in by robots."""

    website = forms.CharField(label=_("Leave this field empty"), required=False)
    product_set = forms.TypedChoiceField(
        label=_("Product set (optional)"),
        choices=[("", "—"), *[(number, f"{number}. {item.label}") for number, item in product_sets.BY_NUMBER.items()]],
        coerce=int,
        empty_value=None,
        required=False,
    )
    province = forms.ModelChoiceField(
        label=_("Area (province or city)"), queryset=AdministrativeUnit.objects.none(), required=False
    )

    class Meta:
        model = BuyerInquiry
        fields = ["buyer_name", "contact", "product_type", "product_set", "volume", "province", "message"]
        widgets = {"message": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].queryset = home_first(
            AdministrativeUnit.objects.filter(level=UnitLevel.PROVINCE, era=Era.FROM_2025)
        )
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Your answer to the buyer"), widget=forms.Textarea(attrs={"rows": 3}))
