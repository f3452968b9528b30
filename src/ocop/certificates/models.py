from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ocop.certificates.enums import (
    FindingKind,
    FindingSeverity,
    InspectionConclusion,
    InspectionPlanKind,
    IssueBasis,
    ProposalOutcome,
    RecognitionLevel,
    ReminderStage,
    RevocationGround,
)


def _immutable() -> ValidationError:
    return ValidationError(
        gettext("An issued record is never changed or deleted: a correction is issued as a new record."),
        code="immutable",
    )


class WrittenOnce(models.Model):
    """A record that is written once and never changed or deleted: a correction is a new record."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise _immutable()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise _immutable()


class WrittenOnceQuerySet(models.QuerySet):
    """Bulk updates and deletes would bypass the model's guard: they are refused too."""

    def update(self, **kwargs):
        raise _immutable()

    def delete(self):
        raise _immutable()

    delete.queryset_only = True


class RecognitionDecision(WrittenOnce):
    """A decision (quyết định) recognising one or more products with their stars."""

    number = models.CharField(_("decision number"), max_length=60)
    decided_on = models.DateField(_("decision date"))
    level = models.CharField(_("recognising level"), max_length=10, choices=RecognitionLevel.choices)
    issuing_body = models.CharField(_("issuing body"), max_length=200)
    signer_name = models.CharField(_("signed by"), max_length=150, blank=True)
    signer_title = models.CharField(_("signer's title"), max_length=150, blank=True)
    rule_set = models.CharField(_("rule set"), max_length=40)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_generated = models.BooleanField(_("generated demo record"), default=False)

    objects = WrittenOnceQuerySet.as_manager()

    class Meta:
        verbose_name = _("recognition decision")
        verbose_name_plural = _("recognition decisions")
        constraints = [
            models.UniqueConstraint(fields=["number", "decided_on", "issuing_body"], name="certificates_decision")
        ]

    def __str__(self) -> str:
        return f"{self.number} ({self.decided_on:%d/%m/%Y})"


class Certificate(WrittenOnce):
    """An OCOP certificate. Issued certificates are never edited: a correction issues a replacement.

    What the certificate says about the product and its producer is copied when it is issued, so that later edits
    of the registry never change a certificate already handed out.
    """

    number = models.CharField(_("certificate number"), max_length=60, unique=True)
    decision = models.ForeignKey(
        RecognitionDecision, verbose_name=_("decision"), on_delete=models.PROTECT, related_name="certificates"
    )
    product = models.ForeignKey(
        "producers.Product", verbose_name=_("product"), on_delete=models.PROTECT, related_name="certificates"
    )
    producer = models.ForeignKey(
        "producers.Producer", verbose_name=_("producer"), on_delete=models.PROTECT, related_name="certificates"
    )
    stars = models.PositiveSmallIntegerField(_("stars"), validators=[MinValueValidator(3), MaxValueValidator(5)])
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2, null=True, blank=True)
    issued_on = models.DateField(_("issued on"))
    valid_until = models.DateField(_("valid until"))
    replaces = models.OneToOneField(
        "self", verbose_name=_("replaces"), null=True, blank=True, on_delete=models.PROTECT, related_name="replaced_by"
    )
    basis = models.CharField(_("issued on the basis of"), max_length=15, choices=IssueBasis, default="recognition")
    correction_reason = models.TextField(_("what was corrected"), blank=True)
    product_name = models.CharField(_("product name on the certificate"), max_length=255, blank=True)
    product_set = models.PositiveSmallIntegerField(_("product set on the certificate"), null=True, blank=True)
    producer_name = models.CharField(_("producer name on the certificate"), max_length=255, blank=True)
    producer_address = models.CharField(_("producer address on the certificate"), max_length=400, blank=True)
    registered_from_records = models.BooleanField(
        _("registered from earlier records"),
        default=False,
        help_text=_("Issued before the system, entered from its decision."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    is_generated = models.BooleanField(_("generated demo record"), default=False)

    objects = WrittenOnceQuerySet.as_manager()

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        indexes = [models.Index(fields=["product", "-issued_on"]), models.Index(fields=["valid_until"])]

    def __str__(self) -> str:
        return self.number


class Suspension(models.Model):
    """The certificate may not be relied on until the producer has fixed what an inspection found, by ``until``."""

    certificate = models.ForeignKey(
        Certificate, verbose_name=_("certificate"), on_delete=models.PROTECT, related_name="suspensions"
    )
    starts_on = models.DateField(_("suspended from"))
    until = models.DateField(_("to be fixed by"))
    reason = models.TextField(_("reason (published)"))
    inspection = models.ForeignKey(
        "Inspection",
        verbose_name=_("inspection"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="suspensions",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("suspended by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    lifted_on = models.DateField(_("lifted on"), null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lifted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lift_note = models.TextField(_("why it was lifted"), blank=True)

    class Meta:
        verbose_name = _("suspension")
        verbose_name_plural = _("suspensions")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["certificate"], condition=Q(lifted_on__isnull=True), name="cert_one_active_suspension"
            )
        ]

    def __str__(self) -> str:
        return f"{self.certificate} ({self.starts_on:%d/%m/%Y})"


class RevocationProposal(models.Model):
    """A finding that one of the six grounds applies; the recognising level decides within the rule set's days."""

    certificate = models.ForeignKey(
        Certificate, verbose_name=_("certificate"), on_delete=models.PROTECT, related_name="revocation_proposals"
    )
    ground = models.CharField(_("ground"), max_length=20, choices=RevocationGround)
    finding = models.TextField(_("what was found"))
    found_on = models.DateField(_("found on"))
    due_on = models.DateField(_("to be decided by"))
    deciding_level = models.CharField(_("decided by"), max_length=10, choices=RecognitionLevel)
    inspection = models.ForeignKey(
        "Inspection",
        verbose_name=_("inspection"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="revocation_proposals",
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("proposed by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    proposed_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=ProposalOutcome, default="open")
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    close_note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("revocation proposal")
        verbose_name_plural = _("revocation proposals")
        ordering = ["-found_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["certificate"], condition=Q(outcome="open"), name="cert_one_open_proposal")
        ]
        indexes = [models.Index(fields=["outcome", "due_on"], name="cert_proposal_due")]

    def __str__(self) -> str:
        return f"{self.certificate} – {self.get_ground_display()}"


class Revocation(WrittenOnce):
    """The decision revoking a certificate; its reason is published on the public check page."""

    proposal = models.OneToOneField(
        RevocationProposal, verbose_name=_("proposal"), on_delete=models.PROTECT, related_name="revocation"
    )
    certificate = models.OneToOneField(
        Certificate, verbose_name=_("certificate"), on_delete=models.PROTECT, related_name="revocation"
    )
    number = models.CharField(_("decision number"), max_length=60)
    decided_on = models.DateField(_("decision date"))
    issuing_body = models.CharField(_("issuing body"), max_length=200)
    signer_name = models.CharField(_("signed by"), max_length=150, blank=True)
    signer_title = models.CharField(_("signer's title"), max_length=150, blank=True)
    public_reason = models.TextField(_("reason (published)"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = WrittenOnceQuerySet.as_manager()

    class Meta:
        verbose_name = _("revocation")
        verbose_name_plural = _("revocations")

    def __str__(self) -> str:
        return f"{self.number} ({self.decided_on:%d/%m/%Y})"


class InspectionPlan(models.Model):
    """A post-certification supervision plan (hậu kiểm): periodic (yearly) or ad hoc (after a complaint…)."""

    title = models.CharField(_("title"), max_length=255)
    kind = models.CharField(_("kind"), max_length=10, choices=InspectionPlanKind)
    year = models.PositiveSmallIntegerField(_("year"))
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    unit = models.ForeignKey(
        "geo.AdministrativeUnit", verbose_name=_("area"), on_delete=models.PROTECT, related_name="+"
    )
    description = models.TextField(_("scope and method"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("inspection plan")
        verbose_name_plural = _("inspection plans")
        ordering = ["-starts_on", "-pk"]

    def __str__(self) -> str:
        return self.title


class Inspection(models.Model):
    """One visit checking a certified product: does it still meet what was scored, is the mark used correctly."""

    plan = models.ForeignKey(
        InspectionPlan, verbose_name=_("plan"), on_delete=models.PROTECT, related_name="inspections"
    )
    certificate = models.ForeignKey(
        Certificate, verbose_name=_("certificate"), on_delete=models.PROTECT, related_name="inspections"
    )
    scheduled_on = models.DateField(_("scheduled for"))
    inspected_on = models.DateField(_("inspected on"), null=True, blank=True)
    inspectors = models.CharField(_("inspectors"), max_length=300, blank=True)
    mark_used_correctly = models.BooleanField(_("the OCOP mark is used correctly"), null=True, blank=True)
    conclusion = models.CharField(_("conclusion"), max_length=20, choices=InspectionConclusion, blank=True)
    conclusion_note = models.TextField(_("conclusion"), blank=True)
    concluded_at = models.DateTimeField(_("concluded at"), null=True, blank=True)
    concluded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("concluded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        ordering = ["scheduled_on", "pk"]
        constraints = [models.UniqueConstraint(fields=["plan", "certificate"], name="cert_inspection_once_per_plan")]

    def __str__(self) -> str:
        return f"{self.certificate} ({self.scheduled_on:%d/%m/%Y})"


class Finding(models.Model):
    """What an inspection found, against one of the criteria the product was scored on where it can."""

    inspection = models.ForeignKey(
        Inspection, verbose_name=_("inspection"), on_delete=models.CASCADE, related_name="findings"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=FindingKind)
    severity = models.CharField(_("severity"), max_length=10, choices=FindingSeverity)
    criterion_code = models.CharField(_("criterion"), max_length=20, blank=True)
    criterion_title = models.CharField(_("criterion title"), max_length=500, blank=True)
    description = models.TextField(_("what was found"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.criterion_code or self.get_kind_display()


class CorrectiveAction(models.Model):
    """What the producer must do about a finding, by a deadline; an officer checks it was done."""

    finding = models.ForeignKey(Finding, verbose_name=_("finding"), on_delete=models.CASCADE, related_name="actions")
    description = models.TextField(_("action required"))
    deadline = models.DateField(_("deadline"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("corrective action")
        verbose_name_plural = _("corrective actions")
        ordering = ["deadline", "pk"]

    def __str__(self) -> str:
        return self.description[:80]


class CertificateReminder(models.Model):
    """A notice the daily job sent, so that it is sent once even when the job runs twice or catches up."""

    certificate = models.ForeignKey(
        Certificate, verbose_name=_("certificate"), on_delete=models.CASCADE, related_name="reminders"
    )
    stage = models.CharField(_("stage"), max_length=20, choices=ReminderStage)
    reference = models.CharField(_("about"), max_length=40, blank=True, default="")
    sent_on = models.DateField(_("sent on"))

    class Meta:
        verbose_name = _("certificate reminder")
        verbose_name_plural = _("certificate reminders")
        constraints = [models.UniqueConstraint(fields=["certificate", "stage", "reference"], name="cert_reminder_once")]

    def __str__(self) -> str:
        return f"{self.certificate} – {self.get_stage_display()}"
