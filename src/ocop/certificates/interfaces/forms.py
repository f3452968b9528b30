"""Forms of the certificate screens. They only read input: every rule is in certificates.domain."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ocop.accounts.domain.scope import own_area_units, scope_of
from ocop.certificates.domain.supervision import criteria_sheet
from ocop.certificates.enums import (
    RECOGNISED_STARS,
    CertificateStatus,
    FindingKind,
    FindingSeverity,
    InspectionConclusion,
    InspectionPlanKind,
    ProposalOutcome,
    RecognitionLevel,
    RevocationGround,
)
from ocop.certificates.models import Certificate
from ocop.common.column_limits import column_field
from ocop.common.forms import DateInput
from ocop.producers.domain.queries import visible_products
from ocop.producers.interfaces.forms import STAR_CHOICES, ListFilterForm, UnitField
from ocop.producers.models import Product


def _today():
    return timezone.localdate()


class DateField(forms.DateField):
    widget = DateInput


class CertificateFilterForm(ListFilterForm):
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All statuses")), *CertificateStatus.choices], required=False
    )
    stars = forms.TypedChoiceField(label=_("Stars"), coerce=int, choices=STAR_CHOICES, required=False, empty_value=None)
    year = forms.IntegerField(label=_("Year issued"), required=False, min_value=2000, max_value=2100)

    search_fields = ("product__search_name", "producer__search_name", "number", "product__code")
    unit_field = "producer__unit"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].widget.attrs["placeholder"] = _("Year issued")

    def filter_more(self, queryset, data):
        if data.get("status"):
            queryset = queryset.filter(status=data["status"])
        if data.get("stars"):
            queryset = queryset.filter(stars=data["stars"])
        if data.get("year"):
            queryset = queryset.filter(issued_on__year=data["year"])
        return queryset


EXPIRY_TABS = [("expiring", _("Expiring soon")), ("expired", _("Expired"))]


class ExpiryFilterForm(ListFilterForm):
    stars = forms.TypedChoiceField(label=_("Stars"), coerce=int, choices=STAR_CHOICES, required=False, empty_value=None)

    search_fields = ("product__search_name", "producer__search_name", "number", "product__code")
    unit_field = "producer__unit"

    def filter_more(self, queryset, data):
        if data.get("stars"):
            queryset = queryset.filter(stars=data["stars"])
        return queryset


class RegisterForm(forms.Form):
    product = forms.ModelChoiceField(label=_("Product"), queryset=Product.objects.none())
    stars = forms.TypedChoiceField(label=_("Stars"), coerce=int, choices=[(s, f"{s}★") for s in RECOGNISED_STARS])
    decision_number = forms.CharField(label=_("Decision number"), max_length=60)
    decided_on = DateField(label=_("Decision date"))
    level = forms.ChoiceField(label=_("Recognising level"), choices=RecognitionLevel.choices)
    issuing_body = forms.CharField(
        label=_("Issuing body"), max_length=200, required=False, help_text=_("For example: UBND tỉnh Ninh Thuận.")
    )
    score = column_field(Certificate._meta.get_field("score"), label=_("Score"), min_value=0, max_value=100)

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = (
            visible_products(actor).filter(withdrawn_on__isnull=True).select_related("producer").order_by("name")
        )
        self.fields["product"].label_from_instance = lambda p: f"{p.name} – {p.producer.name} ({p.code})"

    def clean_decided_on(self):
        day = self.cleaned_data["decided_on"]
        if day > _today():
            raise forms.ValidationError(_("This date is in the future."))
        return day


class DecisionFields(forms.Form):
    number = forms.CharField(label=_("Decision number"), max_length=60)
    decided_on = DateField(label=_("Decision date"), initial=_today)
    issuing_body = forms.CharField(label=_("Issuing body"), max_length=200)
    signer_name = forms.CharField(label=_("Signed by"), max_length=150, required=False)
    signer_title = forms.CharField(label=_("Signer's title"), max_length=150, required=False)


class CorrectionForm(DecisionFields):
    reason = forms.CharField(label=_("What is corrected"), widget=forms.Textarea(attrs={"rows": 3}))


class SuspendForm(forms.Form):
    starts_on = DateField(label=_("Suspended from"), initial=_today)
    until = DateField(label=_("To be fixed by"))
    reason = forms.CharField(
        label=_("Reason (published)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown on the public check page."),
    )


class LiftForm(forms.Form):
    lifted_on = DateField(label=_("Lifted on"), initial=_today)
    note = forms.CharField(label=_("Why it is lifted"), widget=forms.Textarea(attrs={"rows": 2}))


class ProposeRevocationForm(forms.Form):
    ground = forms.ChoiceField(label=_("Ground"), choices=RevocationGround.choices)
    found_on = DateField(label=_("Found on"), initial=_today)
    finding = forms.CharField(label=_("What was found"), widget=forms.Textarea(attrs={"rows": 4}))


class DecideRevocationForm(DecisionFields):
    public_reason = forms.CharField(
        label=_("Reason (published)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown on the public check page of the certificate."),
    )


class CloseProposalForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[(ProposalOutcome.REJECTED, _("Not revoked")), (ProposalOutcome.WITHDRAWN, _("Proposal withdrawn"))],
    )
    note = forms.CharField(label=_("Why"), widget=forms.Textarea(attrs={"rows": 2}))


class InspectionPlanForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    kind = forms.ChoiceField(label=_("Kind"), choices=InspectionPlanKind.choices)
    year = forms.IntegerField(label=_("Year"), min_value=2019, max_value=2100, initial=lambda: _today().year)
    starts_on = DateField(label=_("From"))
    ends_on = DateField(label=_("To"))
    unit = UnitField(label=_("Area"), queryset=None)
    description = forms.CharField(label=_("Scope and method"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        units = scope_of(actor).filter(own_area_units(actor), unit_field="pk")
        self.fields["unit"].queryset = units.select_related("parent").order_by("-era", "level", "name")


class InspectionForm(forms.Form):
    certificate_number = forms.CharField(label=_("Certificate number"), max_length=60)
    scheduled_on = DateField(label=_("Scheduled for"))
    inspectors = forms.CharField(label=_("Inspectors"), max_length=300, required=False)


class InForceForm(forms.Form):
    scheduled_on = DateField(label=_("Scheduled for"))


class FindingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=FindingKind.choices)
    criterion_code = forms.ChoiceField(label=_("Criterion"), required=False)
    severity = forms.ChoiceField(label=_("Severity"), choices=FindingSeverity.choices)
    description = forms.CharField(label=_("What was found"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, inspection, **kwargs):
        super().__init__(*args, **kwargs)
        sheet = criteria_sheet(inspection.certificate)
        leaves = sheet.leaves if sheet else ()
        self.fields["criterion_code"].choices = [
            ("", _("(not a criterion)")),
            *[(leaf.code, f"{leaf.code} – {leaf.title[:90]}") for leaf in leaves],
        ]


class ActionForm(forms.Form):
    finding = forms.TypedChoiceField(label=_("Finding"), coerce=int)
    description = forms.CharField(label=_("Action required"), widget=forms.Textarea(attrs={"rows": 2}))
    deadline = DateField(label=_("Deadline"))

    def __init__(self, *args, inspection, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["finding"].choices = [
            (finding.pk, f"{index}. {finding.criterion_code or finding.get_kind_display()}: {finding.description[:60]}")
            for index, finding in enumerate(inspection.findings.all(), start=1)
        ]


class ActionDoneForm(forms.Form):
    done_on = DateField(label=_("Done on"), initial=_today)
    note = forms.CharField(label=_("Note"), required=False, max_length=500)


class ConcludeForm(forms.Form):
    inspected_on = DateField(label=_("Inspected on"), initial=_today)
    mark_used_correctly = forms.NullBooleanField(
        label=_("The OCOP mark is used correctly"),
        widget=forms.Select(choices=[("unknown", _("Not checked")), ("true", _("Yes")), ("false", _("No"))]),
        required=False,
    )
    conclusion = forms.ChoiceField(label=_("Conclusion"), choices=InspectionConclusion.choices)
    suspend = forms.BooleanField(
        label=_("Suspend the certificate until the corrective actions are done"), required=False
    )
    ground = forms.ChoiceField(
        label=_("Ground for revocation"),
        choices=[("", _("From the findings")), *RevocationGround.choices],
        required=False,
    )
    note = forms.CharField(label=_("Written conclusion"), widget=forms.Textarea(attrs={"rows": 4}))
