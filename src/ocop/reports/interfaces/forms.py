"""Forms of the report screens: the draft's header and narrative, and issuing."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ocop.common.forms import DateInput
from ocop.reports.domain.plan_reports import HEADER_FIELDS, NARRATIVE_KEYS
from ocop.reports.models import PlanReport

NARRATIVE_LABELS = {
    "intro": _("Opening paragraph"),
    "direction": _("Direction and coordination"),
    "targets": _("Targets: comment under the table"),
    "evaluation": _("Evaluation and ranking results"),
    "quotas": _("Products by unit: comment"),
    "communication": _("Communication and training"),
    "promotion": _("Trade promotion"),
    "supervision": _("Supervision after certification"),
    "funding": _("Funding"),
    "tasks": _("Tasks: comment"),
    "assessment": _("General assessment"),
    "shortcomings": _("Shortcomings and limitations"),
    "causes": _("Causes (written by the office)"),
    "next_steps": _("Directions for the next period"),
    "recommendations": _("Recommendations (left out when empty)"),
}
# Sections nothing can write from the figures: the form asks the office for them instead.
NARRATIVE_PROMPTS = {
    "causes": _(
        "The causes of the shortcomings listed above, subjective and objective: the figures cannot say them. "
        "Left empty, the report prints the shortcomings without causes."
    ),
    "recommendations": _("What the office asks of the superior bodies; left out of the report when empty."),
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
                help_text=NARRATIVE_PROMPTS.get(
                    key, _("Written from the figures; change it or empty it to write it from the figures again.")
                ),
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
