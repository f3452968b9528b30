"""Forms of the plan screens. They only read input: every rule is in planning.domain (and reports.domain)."""

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ocop.accounts.domain.scope import own_area_units, province_scope_of
from ocop.accounts.enums import OrganisationKind
from ocop.accounts.interfaces.forms import OrganisationChoiceField, OrganisationMultipleChoiceField
from ocop.accounts.models import Organisation
from ocop.common.column_limits import column_field
from ocop.common.forms import DateInput, DomainModelForm
from ocop.common.uploads import check_json_upload
from ocop.geo.domain.queries import scope_unit_ids
from ocop.geo.enums import UnitLevel
from ocop.geo.models import AdministrativeUnit
from ocop.planning.domain import indicators
from ocop.planning.domain.plans import OBLIGATION_FIELDS, OUTPUT_FIELDS, PLAN_FIELDS, QUOTA_FIELDS, TASK_FIELDS
from ocop.planning.domain.progress import plan_periods
from ocop.planning.domain.queries import visible_plans
from ocop.planning.enums import NAMED_PRODUCT_SETS, Direction, TaskStatus
from ocop.planning.models import (
    Plan,
    Quota,
    ReportedValue,
    ReportingObligation,
    Target,
    Task,
    TaskOutput,
    TaskOutputProgress,
    TaskUpdate,
)
from ocop.producers.interfaces.forms import UnitField

AGENCY_KINDS = (
    OrganisationKind.PROVINCIAL_COMMITTEE,
    OrganisationKind.DEPARTMENT,
    OrganisationKind.DISTRICT_COMMITTEE,
    OrganisationKind.COMMUNE_COMMITTEE,
    OrganisationKind.MINISTRY,
)


def agencies(actor):
    """The bodies of the user's province, and those of no unit (the Ministry), that may lead or report on a plan."""
    placed = province_scope_of(actor).q() | Q(unit__isnull=True)
    return (
        Organisation.objects.filter(placed, kind__in=AGENCY_KINDS, is_active=True)
        .select_related("unit")
        .order_by("kind", "name")
    )


def period_choices(plan: Plan) -> list[tuple[str, str]]:
    return [(period.key, period.label_vi) for period in plan_periods(plan)]


class DateField(forms.DateField):
    widget = DateInput


class PlanForm(DomainModelForm):
    class Meta:
        model = Plan
        fields = list(PLAN_FIELDS)
        field_classes = {"unit": UnitField, "issued_on": DateField, "starts_on": DateField, "ends_on": DateField}
        widgets = {
            "legal_basis": forms.Textarea(attrs={"rows": 4}),
            "general_objective": forms.Textarea(attrs={"rows": 4}),
            "funding_note": forms.Textarea(attrs={"rows": 3}),
            "source_note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = (
            own_area_units(actor).exclude(level=UnitLevel.COMMUNE).select_related("parent").order_by("-era", "level")
        )
        self.fields["parent"].queryset = visible_plans(actor).exclude(pk=self.instance.pk).order_by("-starts_on")
        self.fields["office"].queryset = agencies(actor)


class TargetForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=30, help_text=_("As numbered in the plan, e.g. I.2.1."))
    position = column_field(Target._meta.get_field("position"), label=_("Position"), required=False)
    section = forms.CharField(label=_("Section of the plan"), max_length=60, required=False)
    text = forms.CharField(label=_("Wording in the plan"), widget=forms.Textarea(attrs={"rows": 3}))
    indicator = forms.ChoiceField(label=_("Indicator"), required=False)
    stars = forms.TypedMultipleChoiceField(
        label=_("Only products with these stars"),
        coerce=int,
        choices=[(3, "3★"), (4, "4★"), (5, "5★")],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    product_sets = forms.CharField(
        label=_("Only these product sets"),
        required=False,
        help_text=_("Numbers 1–26 separated by commas, or “livestock”."),
    )
    unit_label = forms.CharField(label=_("Unit"), max_length=40, required=False, help_text=_("Empty: the indicator's."))
    direction = forms.ChoiceField(label=_("Direction"), choices=Direction.choices)
    low = column_field(Target._meta.get_field("low"), label=_("Target value (from)"), min_value=0)
    high = column_field(
        Target._meta.get_field("high"),
        label=_("Target value (to)"),
        min_value=0,
        help_text=_("For a range such as 20–30."),
    )
    baseline = column_field(Target._meta.get_field("baseline"), label=_("Baseline"))
    baseline_note = forms.CharField(label=_("Baseline note"), max_length=200, required=False)
    owner = OrganisationChoiceField(label=_("Reporting agency"), required=False)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, actor, target=None, **kwargs):
        if target is not None and "initial" not in kwargs:
            filters = target.filters or {}
            sets = filters.get("product_sets", "")
            kwargs["initial"] = {
                **{name: getattr(target, name) for name in ("code", "position", "section", "text", "indicator")},
                **{name: getattr(target, name) for name in ("unit_label", "direction", "low", "high", "baseline")},
                "baseline_note": target.baseline_note,
                "owner": target.owner,
                "note": target.note,
                "stars": filters.get("stars", []),
                "product_sets": sets if isinstance(sets, str) else ", ".join(str(s) for s in sets),
            }
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = [("", _("— none: reported by the agency —")), *indicators.choices()]
        self.fields["owner"].queryset = agencies(actor)

    def clean_product_sets(self):
        value = self.cleaned_data["product_sets"].strip()
        if not value:
            return None
        if value in NAMED_PRODUCT_SETS:
            return value
        try:
            return [int(part) for part in value.replace(";", ",").split(",") if part.strip()]
        except ValueError as error:
            raise forms.ValidationError(_("Numbers 1–26 separated by commas, or “livestock”.")) from error

    def domain_values(self) -> dict:
        data = dict(self.cleaned_data)
        filters = {}
        if data.pop("stars"):
            filters["stars"] = self.cleaned_data["stars"]
        sets = data.pop("product_sets")
        if sets:
            filters["product_sets"] = sets
        data["filters"] = filters
        data["position"] = data.get("position") or 0
        return data


class QuotaForm(DomainModelForm):
    class Meta:
        model = Quota
        fields = list(QUOTA_FIELDS)
        field_classes = {"unit": UnitField}

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = (
            AdministrativeUnit.objects.filter(pk__in=scope_unit_ids(plan.unit))
            .exclude(level=UnitLevel.PROVINCE)
            .select_related("parent")
            .order_by("-era", "level", "code")
        )
        self.fields["stars"] = forms.TypedChoiceField(
            label=_("Stars"), coerce=int, choices=[(3, "3★"), (4, "4★"), (5, "5★")]
        )


class TaskForm(DomainModelForm):
    lead_agencies = OrganisationMultipleChoiceField(
        label=_("Lead agencies"),
        required=False,
        help_text=_("Their staff report the task's progress."),
    )

    class Meta:
        model = Task
        fields = list(TASK_FIELDS)
        field_classes = {"starts_on": DateField, "ends_on": DateField}
        widgets = {
            "content": forms.Textarea(attrs={"rows": 4}),
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_agencies"].queryset = agencies(actor)
        self.fields["lead_agencies"].widget.attrs["size"] = 8
        if self.instance.pk:
            self.fields["lead_agencies"].initial = list(self.instance.lead_agencies.all())


class TaskOutputForm(DomainModelForm):
    class Meta:
        model = TaskOutput
        fields = list(OUTPUT_FIELDS)


class ObligationForm(DomainModelForm):
    class Meta:
        model = ReportingObligation
        fields = list(OBLIGATION_FIELDS)
        field_classes = {"reporter": OrganisationChoiceField}
        widgets = {"recipients": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reporter"].queryset = agencies(actor)


class TaskProgressForm(forms.Form):
    reported_on = DateField(label=_("Situation on"))
    status = forms.ChoiceField(label=_("Status"), choices=TaskStatus.choices)
    note = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    spent = column_field(TaskUpdate._meta.get_field("spent"), label=_("Spent so far (VND)"), min_value=0)
    evidence = forms.FileField(label=_("Evidence (PDF, image, Word, Excel)"), required=False)
    late_reason = forms.CharField(
        label=_("Reason for a late correction"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Only when the period is already closed."),
    )

    def __init__(self, *args, task: Task, **kwargs):
        super().__init__(*args, **kwargs)
        self.outputs = list(task.outputs.all())
        for output in self.outputs:
            self.fields[f"output_{output.pk}"] = column_field(
                TaskOutputProgress._meta.get_field("achieved"),
                label=_("%(output)s done so far (planned %(planned)s %(unit)s)")
                % {"output": output.name, "planned": f"{output.planned.normalize():f}", "unit": output.unit_label},
                min_value=0,
                required=False,
            )
        self.fields["reported_on"].initial = timezone.localdate()
        self.order_fields(["reported_on", "status", *[f"output_{o.pk}" for o in self.outputs], "note", "spent"])

    def domain_values(self) -> dict:
        data = dict(self.cleaned_data)
        achieved = {output.pk: data.pop(f"output_{output.pk}") for output in self.outputs}
        data["achieved"] = {key: value for key, value in achieved.items() if value is not None}
        return data


class ValueForm(forms.Form):
    period_key = forms.ChoiceField(label=_("Period"))
    value = column_field(ReportedValue._meta.get_field("value"), label=_("Figure"), min_value=0)
    note = forms.CharField(label=_("How it was counted"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    evidence = forms.FileField(label=_("Evidence (PDF, image, Word, Excel)"), required=False)
    late_reason = forms.CharField(
        label=_("Reason for a late correction"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Only when the period is already closed."),
    )

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period_key"].choices = period_choices(plan)


PLAN_FILE_MAX_BYTES = 5 * 1024 * 1024


class PlanFileForm(forms.Form):
    file = forms.FileField(label=_("Plan file (JSON, format ocop-plan/1)"))

    def clean_file(self):
        """The file's content, parsed: empty, oversized and non-JSON files are refused by what they contain."""
        return check_json_upload(self.cleaned_data["file"], PLAN_FILE_MAX_BYTES)


class ClosePeriodForm(forms.Form):
    period_key = forms.ChoiceField(label=_("Period"))

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period_key"].choices = period_choices(plan)


class ReportCreateForm(forms.Form):
    period_key = forms.ChoiceField(label=_("Period"))
    obligation = forms.ModelChoiceField(
        label=_("Reporting obligation"),
        queryset=ReportingObligation.objects.none(),
        required=False,
        help_text=_("Its header, recipients and signature become the report's defaults."),
    )

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period_key"].choices = period_choices(plan)
        self.fields["obligation"].queryset = plan.obligations.select_related("reporter")


class TaskFilterForm(forms.Form):
    section = forms.ChoiceField(label=_("Section"), required=False)
    lead = forms.ChoiceField(label=_("Lead agency"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All statuses")), *TaskStatus.choices], required=False
    )
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    mine = forms.BooleanField(label=_("My organisation's"), required=False)

    def __init__(self, *args, tasks, **kwargs):
        super().__init__(*args, **kwargs)
        sections = sorted({task.section for task in tasks if task.section})
        self.fields["section"].choices = [("", _("All sections")), *[(s, s) for s in sections]]
        leads = {org.pk: org.name for task in tasks for org in task.lead_agencies.all()}
        self.fields["lead"].choices = [
            ("", _("All agencies")),
            *sorted(((str(k), v) for k, v in leads.items()), key=lambda c: c[1]),
        ]

    def matching(self, rows, user) -> list:
        """The task figures the filters let through (all of them when the filters are not valid)."""
        if not self.is_valid():
            return rows
        data = self.cleaned_data
        organisation_id = user.organisation_id
        return [
            row
            for row in rows
            if (not data["section"] or row.task.section == data["section"])
            and (not data["lead"] or any(str(org.pk) == data["lead"] for org in row.task.lead_agencies.all()))
            and (not data["status"] or row.status == data["status"])
            and (not data["overdue"] or row.overdue)
            and (not data["mine"] or any(org.pk == organisation_id for org in row.task.lead_agencies.all()))
        ]
