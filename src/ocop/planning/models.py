"""Plans, their targets, quotas by administrative unit, tasks with their progress, reporting obligations, reported
values and closed periods. Slim on purpose: every rule is in planning.domain."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ocop.planning.enums import Cutoff, Direction, Frequency, PlanKind, TaskStatus


class Plan(models.Model):
    """A plan as published: the provincial annual plan, the multi-year programme above it, a district's plan."""

    reference = models.CharField(_("number and symbol"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=PlanKind.choices)
    title = models.CharField(_("title"), max_length=400)
    issuing_body = models.CharField(_("issuing body"), max_length=200)
    issued_on = models.DateField(_("issued on"))
    signer_authority = models.CharField(_("signing authority"), max_length=120, blank=True)
    signer_title = models.CharField(_("signer's title"), max_length=120, blank=True)
    signer_name = models.CharField(_("signed by"), max_length=150, blank=True)
    unit = models.ForeignKey(
        "geo.AdministrativeUnit", verbose_name=_("area"), on_delete=models.PROTECT, related_name="+"
    )
    starts_on = models.DateField(_("period from"))
    ends_on = models.DateField(_("period to"))
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent programme"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    office = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("standing office"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The agency that runs the plan and reports on it."),
    )
    legal_basis = models.TextField(_("legal basis"), blank=True, help_text=_("One document per line."))
    general_objective = models.TextField(_("general objective"), blank=True)
    funding_note = models.TextField(_("funding"), blank=True)
    source_note = models.TextField(_("source of the data"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-starts_on", "reference"]

    def __str__(self) -> str:
        return self.reference


class Target(models.Model):
    """A numbered objective of a plan: an indicator, a value or a range, a direction."""

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="targets")
    code = models.CharField(_("code"), max_length=30)
    position = models.PositiveIntegerField(_("position"), default=0)
    section = models.CharField(_("section of the plan"), max_length=60, blank=True)
    text = models.TextField(_("wording in the plan"))
    indicator = models.CharField(_("indicator"), max_length=60, blank=True)
    filters = models.JSONField(_("indicator filters"), default=dict, blank=True)
    unit_label = models.CharField(_("unit"), max_length=40)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices, default=Direction.AT_LEAST)
    low = models.DecimalField(_("target value (from)"), max_digits=14, decimal_places=2)
    high = models.DecimalField(_("target value (to)"), max_digits=14, decimal_places=2, null=True, blank=True)
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2, null=True, blank=True)
    baseline_note = models.CharField(_("baseline note"), max_length=200, blank=True)
    owner = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("reporting agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["plan", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="planning_target_unique_code")]

    def __str__(self) -> str:
        return f"{self.plan} – {self.code}"


class Quota(models.Model):
    """Products expected from one administrative unit at one star level (Appendix I of plan 706)."""

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="quotas")
    unit = models.ForeignKey(
        "geo.AdministrativeUnit", verbose_name=_("administrative unit"), on_delete=models.PROTECT, related_name="+"
    )
    stars = models.PositiveSmallIntegerField(_("stars"), validators=[MinValueValidator(3), MaxValueValidator(5)])
    expected = models.PositiveIntegerField(_("products expected"))
    position = models.PositiveIntegerField(_("position"), default=0)
    agency_text = models.CharField(_("unit as written in the plan"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("quota")
        verbose_name_plural = _("quotas")
        ordering = ["plan", "position", "unit__code", "stars"]
        constraints = [models.UniqueConstraint(fields=["plan", "unit", "stars"], name="planning_quota_unique")]

    def __str__(self) -> str:
        return f"{self.plan} – {self.unit} {self.stars}★"


class Task(models.Model):
    """A task of the plan (Appendix II) or an agency's responsibility (section V), owned by its lead agencies."""

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="tasks")
    code = models.CharField(_("code"), max_length=30)
    section = models.CharField(_("section of the plan"), max_length=60, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    content = models.TextField(_("content"))
    lead_text = models.CharField(_("lead agency as written"), max_length=300, blank=True)
    lead_agencies = models.ManyToManyField(
        "accounts.Organisation", verbose_name=_("lead agencies"), blank=True, related_name="planning_tasks"
    )
    partner_text = models.CharField(_("partner agencies"), max_length=300, blank=True)
    period_text = models.CharField(_("period as written"), max_length=100, blank=True)
    starts_on = models.DateField(_("from"), null=True, blank=True)
    ends_on = models.DateField(_("due by"), null=True, blank=True)
    funding_source = models.CharField(_("funding source"), max_length=300, blank=True)
    budget = models.DecimalField(_("budget (VND)"), max_digits=16, decimal_places=0, null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    source_note = models.CharField(_("source note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["plan", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="planning_task_unique_code")]

    def __str__(self) -> str:
        return f"{self.code}. {self.content[:80]}"


class TaskOutput(models.Model):
    """A quantity a task promises: "04 đợt", "30.000 tem", "05 lớp"."""

    task = models.ForeignKey(Task, verbose_name=_("task"), on_delete=models.CASCADE, related_name="outputs")
    name = models.CharField(_("output"), max_length=200)
    unit_label = models.CharField(_("unit"), max_length=40)
    planned = models.DecimalField(_("planned quantity"), max_digits=14, decimal_places=2)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("task output")
        verbose_name_plural = _("task outputs")
        ordering = ["task", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["task", "name"], name="planning_output_unique_name")]

    def __str__(self) -> str:
        return self.name


def task_evidence_path(instance: "TaskUpdate", filename: str) -> str:
    return f"planning/tasks/{instance.task_id}/{filename}"


class TaskUpdate(models.Model):
    """The owning agency's report on a task: status, quantities done so far, money spent, evidence. Kept forever."""

    task = models.ForeignKey(Task, verbose_name=_("task"), on_delete=models.CASCADE, related_name="updates")
    reported_on = models.DateField(_("situation on"))
    status = models.CharField(_("status"), max_length=15, choices=TaskStatus.choices)
    note = models.TextField(_("what was done"), blank=True)
    spent = models.DecimalField(_("spent so far (VND)"), max_digits=16, decimal_places=0, null=True, blank=True)
    evidence = models.FileField(_("evidence"), upload_to=task_evidence_path, blank=True)
    evidence_type = models.CharField(_("file type"), max_length=100, blank=True)
    is_late = models.BooleanField(_("late correction"), default=False)
    late_reason = models.TextField(_("reason for the late correction"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("entered by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField(_("entered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("task progress update")
        verbose_name_plural = _("task progress updates")
        ordering = ["-reported_on", "-pk"]
        indexes = [models.Index(fields=["task", "-reported_on"])]

    def __str__(self) -> str:
        return f"{self.task.code} {self.reported_on:%d/%m/%Y}"


class TaskOutputProgress(models.Model):
    update = models.ForeignKey(TaskUpdate, verbose_name=_("update"), on_delete=models.CASCADE, related_name="outputs")
    output = models.ForeignKey(TaskOutput, verbose_name=_("output"), on_delete=models.CASCADE, related_name="+")
    achieved = models.DecimalField(_("done so far"), max_digits=14, decimal_places=2)

    class Meta:
        verbose_name = _("output progress")
        verbose_name_plural = _("output progress")
        constraints = [models.UniqueConstraint(fields=["update", "output"], name="planning_output_progress_once")]

    def __str__(self) -> str:
        return f"{self.output}: {self.achieved}"


class ReportingObligation(models.Model):
    """Who reports on the plan to whom, how often and by when, and how that report is headed."""

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="obligations")
    position = models.PositiveIntegerField(_("position"), default=0)
    reporter = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("reporting agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reporter_text = models.CharField(_("reporting agency as written"), max_length=200, blank=True)
    recipient_text = models.CharField(_("reports to"), max_length=200)
    frequency = models.CharField(_("how often"), max_length=15, choices=Frequency.choices)
    due_days = models.PositiveSmallIntegerField(
        _("due days after the period"), null=True, blank=True, help_text=_("Empty when the plan sets no date.")
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    header_superior = models.CharField(_("superior body (header)"), max_length=200, blank=True)
    header_body = models.CharField(_("issuing body (header)"), max_length=200, blank=True)
    symbol = models.CharField(_("report symbol"), max_length=40, blank=True)
    place = models.CharField(_("place of issue"), max_length=80, blank=True)
    signer_authority = models.CharField(_("signing authority"), max_length=120, blank=True)
    signer_title = models.CharField(_("signer's title"), max_length=120, blank=True)
    signer_name = models.CharField(_("signed by"), max_length=150, blank=True)
    recipients = models.TextField(_("recipients"), blank=True, help_text=_("One per line."))
    cutoff = models.CharField(
        _("days the report covers"), max_length=15, choices=Cutoff.choices, default=Cutoff.CALENDAR
    )

    class Meta:
        verbose_name = _("reporting obligation")
        verbose_name_plural = _("reporting obligations")
        ordering = ["plan", "position", "pk"]

    def __str__(self) -> str:
        return f"{self.reporter_text or self.reporter} → {self.recipient_text} ({self.get_frequency_display()})"


def value_evidence_path(instance: "ReportedValue", filename: str) -> str:
    return f"planning/values/{instance.target_id}/{filename}"


class ReportedValue(models.Model):
    """A figure an agency reported for a target nothing can compute yet, with its evidence. Never edited: a
    correction is a newer row (marked late when the period was already closed)."""

    target = models.ForeignKey(
        Target, verbose_name=_("target"), on_delete=models.CASCADE, related_name="reported_values"
    )
    period_key = models.CharField(_("period"), max_length=10)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    note = models.TextField(_("note"), blank=True)
    evidence = models.FileField(_("evidence"), upload_to=value_evidence_path, blank=True)
    evidence_type = models.CharField(_("file type"), max_length=100, blank=True)
    is_late = models.BooleanField(_("late correction"), default=False)
    late_reason = models.TextField(_("reason for the late correction"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("entered by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField(_("entered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reported value")
        verbose_name_plural = _("reported values")
        ordering = ["-entered_at", "-pk"]
        indexes = [models.Index(fields=["target", "period_key", "-entered_at"])]

    def __str__(self) -> str:
        return f"{self.target.code} {self.period_key}: {self.value}"


class PeriodLock(models.Model):
    """A closed period: its figures as they stood at closing; later entries for it are late corrections."""

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="locks")
    period_key = models.CharField(_("period"), max_length=10)
    locked_at = models.DateTimeField(_("closed at"), auto_now_add=True)
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("closed by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    figures = models.JSONField(_("figures at closing"), default=dict)

    class Meta:
        verbose_name = _("closed period")
        verbose_name_plural = _("closed periods")
        ordering = ["plan", "period_key"]
        constraints = [models.UniqueConstraint(fields=["plan", "period_key"], name="planning_period_lock_once")]

    def __str__(self) -> str:
        return f"{self.plan} {self.period_key}"
