"""Training classes and their participants, trademark and IP support cases, funding entries of plan tasks and the
support producers received. Slim on purpose: every rule is in support.domain."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ocop.support.enums import FundingMovement, FundingSource, IPKind, IPStatus, SupportKind


class TrainingClass(models.Model):
    """A training class (lớp tập huấn, đào tạo) for officers and producers."""

    topic = models.CharField(_("topic"), max_length=255)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    place = models.CharField(_("place"), max_length=255)
    unit = models.ForeignKey(
        "geo.AdministrativeUnit",
        verbose_name=_("area served"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The province, district or commune whose officers and producers the class trains."),
    )
    trainer = models.CharField(_("trainer"), max_length=200)
    organiser = models.CharField(_("organiser"), max_length=200, blank=True)
    task = models.ForeignKey(
        "planning.Task",
        verbose_name=_("plan task it serves"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="training_classes",
    )
    search_name = models.CharField(max_length=255, editable=False, db_index=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("training class")
        verbose_name_plural = _("training classes")
        ordering = ["-starts_on", "pk"]

    def __str__(self) -> str:
        return self.topic


class Participant(models.Model):
    """An officer (a user) or a producer enrolled in a class, and whether they attended."""

    training_class = models.ForeignKey(
        TrainingClass, verbose_name=_("training class"), on_delete=models.CASCADE, related_name="participants"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("officer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="training_participations",
    )
    producer = models.ForeignKey(
        "producers.Producer",
        verbose_name=_("producer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="training_participations",
    )
    attended = models.BooleanField(_("attended"), default=False)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["training_class", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(user__isnull=False, producer__isnull=True)
                | models.Q(user__isnull=True, producer__isnull=False),
                name="support_participant_one_kind",
            ),
            models.UniqueConstraint(fields=["training_class", "user"], name="support_participant_user_once"),
            models.UniqueConstraint(fields=["training_class", "producer"], name="support_participant_producer_once"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        if self.producer_id:
            return self.producer.name
        return self.user.get_full_name() or self.user.username


class IPCase(models.Model):
    """Support for a producer's trademark, certification or collective mark, or geographical indication."""

    producer = models.ForeignKey(
        "producers.Producer", verbose_name=_("producer"), on_delete=models.PROTECT, related_name="ip_cases"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=IPKind.choices)
    mark = models.CharField(_("mark or indication"), max_length=200)
    status = models.CharField(_("status"), max_length=12, choices=IPStatus.choices, default=IPStatus.PREPARING)
    application_number = models.CharField(_("application number"), max_length=60, blank=True)
    filed_on = models.DateField(_("filed on"), null=True, blank=True)
    granted_on = models.DateField(_("granted on"), null=True, blank=True)
    certificate_number = models.CharField(_("certificate number"), max_length=60, blank=True)
    closed_on = models.DateField(
        _("refused or withdrawn on"), null=True, blank=True, help_text=_("For a refused or withdrawn application.")
    )
    document = models.ForeignKey(
        "producers.SupportingDocument",
        verbose_name=_("IP document in the registry"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ip_cases",
    )
    task = models.ForeignKey(
        "planning.Task",
        verbose_name=_("plan task it serves"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ip_cases",
    )
    note = models.TextField(_("note"), blank=True)
    search_name = models.CharField(max_length=200, editable=False, db_index=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("IP support case")
        verbose_name_plural = _("IP support cases")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.mark


def funding_evidence_path(instance: "FundingEntry", filename: str) -> str:
    return f"support/funding/{instance.task_id}/{filename}"


class FundingEntry(models.Model):
    """Money of a plan task from one source: allocated (planned) or spent, on a date, with its evidence."""

    task = models.ForeignKey(
        "planning.Task", verbose_name=_("plan task"), on_delete=models.PROTECT, related_name="funding_entries"
    )
    source = models.CharField(_("funding source"), max_length=20, choices=FundingSource.choices)
    movement = models.CharField(_("allocated or spent"), max_length=10, choices=FundingMovement.choices)
    amount = models.DecimalField(_("amount (VND)"), max_digits=16, decimal_places=0)
    entered_on = models.DateField(_("dated"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    evidence = models.FileField(_("evidence"), upload_to=funding_evidence_path, blank=True)
    evidence_type = models.CharField(_("file type"), max_length=100, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("entered by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField(_("entered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("funding entry")
        verbose_name_plural = _("funding entries")
        ordering = ["-entered_on", "-pk"]
        indexes = [models.Index(fields=["task", "entered_on"])]

    def __str__(self) -> str:
        return f"{self.task.code} {self.get_source_display()} {self.amount}"


class ProducerSupport(models.Model):
    """Support a producer received: stamps, packaging, a fair, training…, its value and where the money came from."""

    producer = models.ForeignKey(
        "producers.Producer", verbose_name=_("producer"), on_delete=models.PROTECT, related_name="support_received"
    )
    kind = models.CharField(_("kind of support"), max_length=20, choices=SupportKind.choices)
    received_on = models.DateField(_("received on"))
    amount = models.DecimalField(_("value (VND)"), max_digits=16, decimal_places=0, null=True, blank=True)
    source = models.CharField(_("funding source"), max_length=20, choices=FundingSource.choices, blank=True)
    task = models.ForeignKey(
        "planning.Task",
        verbose_name=_("plan task it serves"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="producer_support",
    )
    description = models.CharField(_("what was given"), max_length=300)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("entered by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField(_("entered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("support received")
        verbose_name_plural = _("support received")
        ordering = ["-received_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.producer} – {self.get_kind_display()}"
