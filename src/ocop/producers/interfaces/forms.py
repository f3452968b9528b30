from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ocop.accounts.domain.scope import own_area_units, scope_of, speaks_only_for_a_producer
from ocop.common.forms import DateInput, DomainModelForm
from ocop.common.text import fold
from ocop.geo.domain.queries import scope_unit_ids
from ocop.geo.enums import Era, UnitLevel
from ocop.geo.models import AdministrativeUnit
from ocop.producers import product_sets
from ocop.producers.domain.producers import PRODUCER_FIELDS
from ocop.producers.domain.queries import visible_craft_villages, visible_producers
from ocop.producers.enums import ETHNIC_GROUPS, LegalForm, ProductState
from ocop.producers.models import (
    CraftVillage,
    Producer,
    Product,
    RawMaterialZone,
    SupportingDocument,
    ZoneCertification,
)


class UnitField(forms.ModelChoiceField):
    def label_from_instance(self, unit) -> str:
        era = _("before 1/7/2025") if unit.era == Era.BEFORE_2025 else _("from 1/7/2025")
        parent = f", {unit.parent.name}" if unit.parent_id and unit.level == UnitLevel.COMMUNE else ""
        return f"{unit.name}{parent} – {era}"


def communes_for(user):
    """Communes of the user's province (both eras) a record can be placed in, newest era first, then by name: those
    of an officer's area; for a producer account any of them, since its raw-material zones may lie outside its
    commune."""
    communes = own_area_units(user).filter(level=UnitLevel.COMMUNE)
    if not speaks_only_for_a_producer(user):
        communes = scope_of(user).filter(communes, unit_field="pk")
    return communes.select_related("parent").order_by("-era", "parent__name", "name")


def areas_for(user):
    """Districts and communes a list can be filtered by."""
    units = scope_of(user).filter(own_area_units(user), unit_field="pk").exclude(level=UnitLevel.PROVINCE)
    return units.select_related("parent").order_by("-era", "level", "name")


ETHNICITY_CHOICES = [("", "—"), *[(name, name) for name in ETHNIC_GROUPS]]


class ProducerForm(DomainModelForm):
    representative_ethnicity = forms.ChoiceField(
        label=_("representative's ethnicity"), choices=ETHNICITY_CHOICES, required=False
    )

    class Meta:
        model = Producer
        fields = [name for name in PRODUCER_FIELDS if name != "is_generated"]
        field_classes = {"unit": UnitField}
        widgets = {"registration_date": DateInput()}

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        if speaks_only_for_a_producer(
            actor
        ):  # a producer edits its own record but does not move itself to another commune
            self.fields["unit"].queryset = AdministrativeUnit.objects.filter(pk=self.instance.unit_id)
            villages = CraftVillage.objects.filter(Q(unit=self.instance.unit_id) | Q(pk=self.instance.craft_village_id))
        else:
            self.fields["unit"].queryset = communes_for(actor)
            villages = visible_craft_villages(actor)
        self.fields["craft_village"].queryset = villages.order_by("name")


class ProductForm(DomainModelForm):
    class Meta:
        model = Product
        fields = ["name", "product_set", "origin", "description", "packaging", "shelf_life", "standard", "gtin"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class NewProductForm(ProductForm):
    producer = forms.ModelChoiceField(label=_("Producer"), queryset=Producer.objects.none())

    class Meta(ProductForm.Meta):
        fields = ["producer", *ProductForm.Meta.fields]

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["producer"].queryset = visible_producers(actor).order_by("name")


class ProductZonesForm(forms.Form):
    raw_material_zones = forms.ModelMultipleChoiceField(
        label=_("Raw-material zones"),
        queryset=RawMaterialZone.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, product: Product, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["raw_material_zones"].queryset = product.producer.raw_material_zones.order_by("name")


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=255)


class PhotoForm(forms.Form):
    image = forms.FileField(label=_("Photo (JPEG, PNG or WebP)"))
    caption = forms.CharField(label=_("Caption"), max_length=200, required=False)


class DocumentForm(DomainModelForm):
    upload = forms.FileField(label=_("File (PDF, image or Office document)"), required=False)

    class Meta:
        model = SupportingDocument
        fields = ["kind", "title", "number", "issuer", "issued_on", "valid_until"]
        widgets = {"issued_on": DateInput(), "valid_until": DateInput()}


class ZoneForm(DomainModelForm):
    class Meta:
        model = RawMaterialZone
        fields = ["name", "material", "growing_area_code", "area_hectares", "unit", "location"]
        field_classes = {"unit": UnitField}

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = communes_for(actor)


class NewZoneForm(ZoneForm):
    producer = forms.ModelChoiceField(label=_("Producer"), queryset=Producer.objects.none())

    class Meta(ZoneForm.Meta):
        fields = ["producer", *ZoneForm.Meta.fields]

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, actor=actor, **kwargs)
        self.fields["producer"].queryset = visible_producers(actor).order_by("name")


class ZoneCertificationForm(DomainModelForm):
    class Meta:
        model = ZoneCertification
        fields = ["kind", "number", "issuer", "issued_on", "valid_until"]
        widgets = {"issued_on": DateInput(), "valid_until": DateInput()}


class CraftVillageForm(DomainModelForm):
    class Meta:
        model = CraftVillage
        fields = ["name", "craft", "unit", "recognition_number", "recognition_date", "recognised_by"]
        field_classes = {"unit": UnitField}
        widgets = {"recognition_date": DateInput()}

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = communes_for(actor)


class ListFilterForm(forms.Form):
    """The search box and the area filter every registry list has; subclasses add their own filters."""

    q = forms.CharField(label=_("Search"), required=False)
    area = UnitField(label=_("Area"), queryset=None, required=False, empty_label=_("Whole area"))

    search_fields: tuple[str, ...] = ("search_name",)
    unit_field = "unit"

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas_for(actor)

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if raw := (data.get("q") or "").strip():
            queryset = queryset.filter(self._search(raw))
        if data.get("area"):
            queryset = queryset.filter(**{f"{self.unit_field}__in": scope_unit_ids(data["area"])})
        return self.filter_more(queryset, data)

    def _search(self, raw: str) -> Q:
        """Names match without accents anywhere in them; numbers and codes match exactly."""
        condition = Q()
        for field in self.search_fields:
            if field.endswith("search_name"):
                condition |= Q(**{f"{field}__contains": fold(raw)})
            else:
                condition |= Q(**{f"{field}__iexact": raw})
        return condition

    def filter_more(self, queryset, data):
        return queryset


class ProducerFilterForm(ListFilterForm):
    legal_form = forms.ChoiceField(
        label=_("Legal form"), choices=[("", _("All forms")), *LegalForm.choices], required=False
    )
    circular = forms.BooleanField(label=_("Circular-economy chain only"), required=False)

    search_fields = ("search_name", "registration_number", "tax_code")

    def filter_more(self, queryset, data):
        if data.get("legal_form"):
            queryset = queryset.filter(legal_form=data["legal_form"])
        if data.get("circular"):
            queryset = queryset.filter(circular_economy=True)
        return queryset


STAR_CHOICES = [("", _("Any stars")), ("3", "3★"), ("4", "4★"), ("5", "5★")]


class ProductFilterForm(ListFilterForm):
    """Filters products annotated by dossiers.domain.lifecycle.with_lifecycle (stars and state come from it)."""

    product_set = forms.TypedChoiceField(
        label=_("Product set"),
        coerce=int,
        choices=[("", _("All product sets")), *product_sets.CHOICES],
        required=False,
        empty_value=None,
    )
    stars = forms.TypedChoiceField(label=_("Stars"), coerce=int, choices=STAR_CHOICES, required=False, empty_value=None)
    state = forms.ChoiceField(label=_("State"), choices=[("", _("All states")), *ProductState.choices], required=False)
    legal_form = forms.ChoiceField(
        label=_("Legal form"), choices=[("", _("All forms")), *LegalForm.choices], required=False
    )

    search_fields = ("search_name", "code", "producer__search_name")
    unit_field = "producer__unit"

    def filter_more(self, queryset, data):
        if data.get("product_set"):
            queryset = queryset.filter(product_set=data["product_set"])
        if data.get("stars"):
            queryset = queryset.filter(stars=data["stars"])
        if data.get("state"):
            queryset = queryset.filter(state=data["state"])
        if data.get("legal_form"):
            queryset = queryset.filter(producer__legal_form=data["legal_form"])
        return queryset
