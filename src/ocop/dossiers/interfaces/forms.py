from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ocop.common.forms import DateInput, DomainModelForm, RadioButtons
from ocop.dossiers import checklist
from ocop.dossiers.enums import DossierKind, DossierState, MilestoneKind
from ocop.dossiers.models import CommuneReport, Dossier
from ocop.producers.domain.queries import visible_products


class DossierForm(DomainModelForm):
    """Mẫu 01 (registration) and the texts of Mẫu 02 (self-assessment report)."""

    class Meta:
        model = Dossier
        fields = [
            "contact_name",
            "contact_phone",
            "samples_count",
            "producer_summary",
            "business_plan_results",
            "future_plan",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 4})
            for name in ("producer_summary", "business_plan_results", "future_plan")
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["samples_count"].help_text = self.samples_help()

    def samples_help(self) -> str:
        """How many product samples go with the dossier, as the checklist of its product set says."""
        needed = checklist.samples_required(self.instance.product.product_set)
        if needed == 0:
            return _("Community tourism services (set 26) hand in no product samples.")
        return _("Hand in %(count)s product samples with the dossier.") % {"count": needed}


class NewDossierForm(DossierForm):
    product = forms.ModelChoiceField(label=_("Product"), queryset=None, empty_label=_("– choose the product –"))
    kind = forms.ChoiceField(label=_("Kind of evaluation"), choices=DossierKind.choices)

    class Meta(DossierForm.Meta):
        fields = ["product", "kind", *DossierForm.Meta.fields]

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        products = visible_products(actor).filter(withdrawn_on__isnull=True).select_related("producer")
        self.fields["product"].queryset = products.order_by("name")
        self.fields["product"].label_from_instance = lambda p: f"{p.name} – {p.producer.name} ({p.code})"
        # Left empty, the dossier gets the number its product set needs (drafting.create_dossier).
        self.fields["samples_count"].required = False
        self.initial["samples_count"] = None

    def samples_help(self) -> str:
        return _(
            "%(count)s product samples go with the dossier, none for community tourism (set 26): leave empty for "
            "the number the product needs."
        ) % {"count": checklist.SAMPLES_REQUIRED}


class SubmitForm(forms.Form):
    filed_on = forms.DateField(
        label=_("Received on"),
        required=False,
        widget=DateInput(),
        help_text=_("For a paper dossier received earlier; leave empty to file today."),
    )

    def clean_filed_on(self):
        return self.cleaned_data["filed_on"] or timezone.localdate()


class SupplementForm(forms.Form):
    items = forms.MultipleChoiceField(
        label=_("Missing checklist items"), required=False, widget=forms.CheckboxSelectMultiple
    )
    message = forms.CharField(
        label=_("What is missing or must be corrected"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One item a line: the producer sees them as a list."),
    )
    deadline = forms.DateField(label=_("Deadline"), widget=DateInput())

    def __init__(self, *args, dossier: Dossier, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["items"].choices = [
            (r.code, r.label) for r in checklist.requirements_for(dossier.filed_product_set)
        ]


class RejectForm(forms.Form):
    reasons = forms.CharField(
        label=_("Reasons for the rejection"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One item a line: the producer sees them as a list."),
    )


class EvidenceForm(forms.Form):
    requirement = forms.ChoiceField(label=_("Checklist item"))
    upload = forms.FileField(label=_("File (PDF, image or Office document, up to 20 MB)"))
    title = forms.CharField(label=_("Title"), max_length=200, required=False)

    def __init__(self, *args, dossier: Dossier, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["requirement"].choices = [
            (r.code, r.label) for r in checklist.requirements_for(dossier.filed_product_set)
        ]


class MarkForm(forms.Form):
    requirement = forms.CharField()
    ok = forms.TypedChoiceField(
        coerce=lambda value: value == "1", choices=[("1", _("acceptable")), ("0", _("not acceptable"))]
    )
    note = forms.CharField(required=False, max_length=300)


class CommuneReportForm(DomainModelForm):
    class Meta:
        model = CommuneReport
        fields = [
            "local_origin",
            "local_origin_note",
            "local_labour",
            "local_labour_note",
            "idea_origin",
            "idea_origin_note",
            "local_identity",
            "local_identity_note",
        ]
        widgets = {name: RadioButtons for name in ("local_origin", "local_labour", "idea_origin", "local_identity")}


class MilestoneForm(forms.Form):
    kind = forms.ChoiceField(label=_("Step"), choices=MilestoneKind.choices)
    reached_on = forms.DateField(label=_("Date"), widget=DateInput())
    note = forms.CharField(label=_("Note"), max_length=300, required=False)
    upload = forms.FileField(label=_("File (e.g. the business plan)"), required=False)


class DossierFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    state = forms.ChoiceField(label=_("State"), required=False, choices=[("", _("All states")), *DossierState.choices])
