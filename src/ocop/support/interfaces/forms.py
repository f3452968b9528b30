from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from ocop.accounts.domain.scope import own_area_units, province_scope_of
from ocop.accounts.enums import Role
from ocop.common.db import vi_ordered
from ocop.common.forms import DateInput, DomainModelForm
from ocop.common.text import fold
from ocop.geo.domain.queries import home_first
from ocop.planning.domain.queries import tasks_of_province
from ocop.planning.models import Task
from ocop.producers.domain.queries import visible_producers
from ocop.producers.enums import DocumentKind
from ocop.producers.interfaces.forms import UnitField
from ocop.producers.models import Producer, SupportingDocument
from ocop.support.enums import FundingMovement, FundingSource, IPKind, IPStatus, SupportKind
from ocop.support.models import FundingEntry, IPCase, ProducerSupport, TrainingClass


class TaskField(forms.ModelChoiceField):
    def label_from_instance(self, task) -> str:
        return f"{task.plan.reference} – {task.code}. {task.content[:90]}"


def _tasks(actor):
    return (
        tasks_of_province(actor)
        .select_related("plan")
        .order_by("-plan__starts_on", "plan__reference", "position", "pk")
    )


class ProducerChoice(forms.ModelChoiceField):
    def label_from_instance(self, producer) -> str:
        return f"{producer.name} – {producer.unit.name}"


class YearFilterForm(forms.Form):
    """The search box and the year every support list has."""

    q = forms.CharField(label=_("Search"), required=False)
    year = forms.IntegerField(
        label=_("Year"),
        required=False,
        min_value=2000,
        max_value=2100,
        widget=forms.NumberInput(attrs={"placeholder": _("Year")}),
    )

    year_field = ""

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        if raw := (self.cleaned_data.get("q") or "").strip():
            queryset = queryset.filter(search_name__contains=fold(raw))
        if year := self.cleaned_data.get("year"):
            queryset = queryset.filter(**{f"{self.year_field}__year": year})
        return self.filter_more(queryset, self.cleaned_data)

    def filter_more(self, queryset, data):
        return queryset


class TrainingClassForm(DomainModelForm):
    unit = UnitField(label=_("Area served"), queryset=None)
    task = TaskField(label=_("Plan task it serves"), queryset=Task.objects.none(), required=False)

    class Meta:
        model = TrainingClass
        fields = ["topic", "starts_on", "ends_on", "place", "unit", "trainer", "organiser", "task"]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = home_first(own_area_units(actor)).select_related("parent")
        self.fields["task"].queryset = _tasks(actor)


class TrainingClassFilterForm(YearFilterForm):
    year_field = "starts_on"


class EnrolForm(forms.Form):
    users = forms.ModelMultipleChoiceField(
        label=_("Officers"),
        queryset=None,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    producers = forms.ModelMultipleChoiceField(
        label=_("Producers"),
        queryset=Producer.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        officer_roles = [Role.PROVINCE_OFFICE, Role.DEPARTMENT_STAFF, Role.DISTRICT_OFFICER, Role.COMMUNE_OFFICER]
        self.fields["users"].queryset = (
            get_user_model()
            .objects.filter(  # one condition on one role: an officer of this province today
                province_scope_of(actor).q("role_assignments__unit"),
                is_active=True,
                role_assignments__role__in=officer_roles,
                role_assignments__revoked_at__isnull=True,
            )
            .distinct()
            .order_by("last_name", "first_name", "username")
        )
        self.fields["users"].label_from_instance = lambda user: user.get_full_name() or user.username
        self.fields["producers"].queryset = visible_producers(actor).order_by(vi_ordered("name"), "pk")


class IPCaseForm(DomainModelForm):
    producer = ProducerChoice(label=_("Producer"), queryset=Producer.objects.none())
    task = TaskField(label=_("Plan task it serves"), queryset=Task.objects.none(), required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=IPKind.choices)

    class Meta:
        model = IPCase
        fields = [
            "producer",
            "kind",
            "mark",
            "status",
            "application_number",
            "filed_on",
            "granted_on",
            "certificate_number",
            "task",
            "note",
        ]
        widgets = {"filed_on": DateInput(), "granted_on": DateInput(), "note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["producer"].queryset = (
            visible_producers(actor).select_related("unit").order_by(vi_ordered("name"), "pk")
        )
        self.fields["task"].queryset = _tasks(actor)
        self.fields["status"].choices = [
            (value, label) for value, label in IPStatus.choices if value in ("preparing", "filed", "granted")
        ]


class IPStatusForm(DomainModelForm):
    document = forms.ModelChoiceField(
        label=_("IP document in the registry"), queryset=SupportingDocument.objects.none(), required=False
    )

    class Meta:
        model = IPCase
        fields = [
            "status",
            "application_number",
            "filed_on",
            "granted_on",
            "certificate_number",
            "closed_on",
            "document",
        ]
        widgets = {"filed_on": DateInput(), "granted_on": DateInput(), "closed_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = SupportingDocument.objects.filter(
            producer=self.instance.producer_id, kind=DocumentKind.TRADEMARK
        ).order_by("-issued_on", "pk")


class IPCaseFilterForm(YearFilterForm):
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("All statuses")), *IPStatus.choices], required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", _("All kinds")), *IPKind.choices], required=False)

    year_field = "created_at"

    def filter_more(self, queryset, data):
        if data.get("status"):
            queryset = queryset.filter(status=data["status"])
        if data.get("kind"):
            queryset = queryset.filter(kind=data["kind"])
        return queryset


class FundingEntryForm(DomainModelForm):
    task = TaskField(label=_("Plan task"), queryset=Task.objects.none())
    source = forms.ChoiceField(label=_("Funding source"), choices=FundingSource.choices)
    movement = forms.ChoiceField(label=_("Allocated or spent"), choices=FundingMovement.choices)
    evidence = forms.FileField(
        label=_("Evidence"),
        required=False,
        help_text=_("The allocation decision or the payment papers: PDF, image, Word or Excel."),
    )

    class Meta:
        model = FundingEntry
        fields = ["task", "source", "movement", "amount", "entered_on", "note", "evidence"]
        widgets = {"entered_on": DateInput()}

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["task"].queryset = _tasks(actor)


class FundingFilterForm(forms.Form):
    source = forms.ChoiceField(
        label=_("Funding source"), choices=[("", _("All sources")), *FundingSource.choices], required=False
    )
    movement = forms.ChoiceField(
        label=_("Allocated or spent"),
        choices=[("", _("Allocated and spent")), *FundingMovement.choices],
        required=False,
    )
    year = forms.IntegerField(
        label=_("Year"),
        required=False,
        min_value=2000,
        max_value=2100,
        widget=forms.NumberInput(attrs={"placeholder": _("Year")}),
    )

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data.get("source"):
            queryset = queryset.filter(source=data["source"])
        if data.get("movement"):
            queryset = queryset.filter(movement=data["movement"])
        if data.get("year"):
            queryset = queryset.filter(entered_on__year=data["year"])
        return queryset


class ProducerSupportForm(DomainModelForm):
    producer = ProducerChoice(label=_("Producer"), queryset=Producer.objects.none())
    kind = forms.ChoiceField(label=_("Kind of support"), choices=SupportKind.choices)
    source = forms.ChoiceField(label=_("Funding source"), choices=[("", "—"), *FundingSource.choices], required=False)
    task = TaskField(label=_("Plan task it serves"), queryset=Task.objects.none(), required=False)

    class Meta:
        model = ProducerSupport
        fields = ["producer", "kind", "received_on", "description", "amount", "source", "task"]
        widgets = {"received_on": DateInput()}

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["producer"].queryset = (
            visible_producers(actor).select_related("unit").order_by(vi_ordered("name"), "pk")
        )
        self.fields["task"].queryset = _tasks(actor)


class ProducerSupportFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind of support"), choices=[("", _("All kinds")), *SupportKind.choices], required=False
    )
    year = forms.IntegerField(
        label=_("Year"),
        required=False,
        min_value=2000,
        max_value=2100,
        widget=forms.NumberInput(attrs={"placeholder": _("Year")}),
    )

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if raw := (data.get("q") or "").strip():
            queryset = queryset.filter(producer__search_name__contains=fold(raw))
        if data.get("kind"):
            queryset = queryset.filter(kind=data["kind"])
        if data.get("year"):
            queryset = queryset.filter(received_on__year=data["year"])
        return queryset
