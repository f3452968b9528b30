"""Forms of the report screens: the draft's header and narrative, and issuing."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ocop.common.forms import DateInput
from ocop.reports.domain.plan_reports import HEADER_FIELDS, NARRATIVE_KEYS
from ocop.reports.models import PlanReport

NARRATIVE_LABELS = {
    "intro": _("Opening paragraph"),
    "targets": _("Targets: comment under the table"),
    "quotas": _("Products by unit: comment"),
    "tasks": _("Tasks: comment"),
    "assessment": _("General assessment"),
    "next_steps": _("Directions for the next period"),
    "recommendations": _("Recommendations (left out when empty)"),
}


class ReportEditForm(forms.ModelForm):
    class Meta:
        model = PlanReport
        fields = [name for name in HEADER_FIELDS if name not in ("number", "report_date")]
        widgets = {"recipients": forms.Textarea(attrs={"rows": 4}), "subject": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, narrative: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for key in NARRATIVE_KEYS:
            self.fields[f"narrative_{key}"] = forms.CharField(
                label=NARRATIVE_LABELS[key],
                required=False,
                initial=narrative.get(key, ""),
                widget=forms.Textarea(attrs={"rows": 5}),
                help_text=_("Written from the figures; change it or empty it to write it from the figures again."),
            )

    def _post_clean(self):
        pass

    def domain_values(self, automatic: dict[str, str]) -> dict:
        data = dict(self.cleaned_data)
        narrative = {}
        for key in NARRATIVE_KEYS:
            text = data.pop(f"narrative_{key}")
            # Text left as the figures wrote it stays automatic, so it follows the figures until issued.
            narrative[key] = "" if text.strip() == automatic.get(key, "").strip() else text
        data["narrative"] = narrative
        return data


class ReportIssueForm(forms.Form):
    number = forms.CharField(label=_("Number"), max_length=20)
    report_date = forms.DateField(label=_("Date of the report"), widget=DateInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["report_date"].initial = timezone.localdate()
