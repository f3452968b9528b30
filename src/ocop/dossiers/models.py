from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ocop.dossiers.enums import CommuneFinding, DossierKind, DossierState, Level, MilestoneKind, ReviewOutcome


class Round(models.Model):
    """An evaluation round (đợt đánh giá) of one level in one area, with its cut-off and decision dates."""

    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    # None for the Ministry's own rounds (the central level once the Ministry takes part), which gather every
    # province's dossiers; a central round recorded by a province has that province as its area.
    unit = models.ForeignKey(
        "geo.AdministrativeUnit", verbose_name=_("area"), on_delete=models.PROTECT, related_name="+", null=True
    )
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveSmallIntegerField(_("round"))
    cutoff = models.DateField(_("dossiers received by"))
    decision_due = models.DateField(_("decided by"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("evaluation round")
        verbose_name_plural = _("evaluation rounds")
        constraints = [
            models.UniqueConstraint(fields=["level", "unit", "year", "number"], name="dossiers_round_unique_number"),
            models.UniqueConstraint(
                fields=["level", "year", "number"],
                condition=models.Q(unit__isnull=True),
                name="dossiers_round_unique_national_number",
            ),
        ]
        ordering = ["-cutoff"]

    def __str__(self) -> str:
        return _("Round %(number)s/%(year)s – %(unit)s") % {
            "number": self.number,
            "year": self.year,
            "unit": self.unit.name if self.unit is not None else _("the Ministry"),
        }


class Dossier(models.Model):
    """An evaluation dossier: Mẫu 01 registration, Mẫu 02 self-assessment, evidence, and where it stands."""

    product = models.ForeignKey(
        "producers.Product", verbose_name=_("product"), on_delete=models.PROTECT, related_name="dossiers"
    )
    producer = models.ForeignKey(
        "producers.Producer", verbose_name=_("producer"), on_delete=models.PROTECT, related_name="dossiers"
    )
    kind = models.CharField(_("kind"), max_length=15, choices=DossierKind.choices)
    state = models.CharField(_("state"), max_length=25, choices=DossierState.choices, default=DossierState.DRAFT)
    # Set when the dossier is filed, from the rules in force that day; it keeps them to the end.
    filed_on = models.DateField(_("filed on"), null=True, blank=True)
    rule_set = models.ForeignKey(
        "evaluation.RuleSet",
        verbose_name=_("rule set"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # What the dossier is checked and scored on, fixed when it is filed: the product's set that day and the rule set
    # whose scoring sheets apply (its own, or the latest with sheets for rules loaded as procedures only). Editing the
    # product later changes neither; a draft follows its product.
    product_set = models.PositiveSmallIntegerField(_("product set scored on"), null=True, blank=True)
    sheets_rule_set = models.ForeignKey(
        "evaluation.RuleSet",
        verbose_name=_("rule set of the scoring sheet"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    receipt_number = models.CharField(_("receipt number"), max_length=60, blank=True, db_index=True)
    commune = models.ForeignKey(
        "geo.AdministrativeUnit",
        verbose_name=_("receiving commune"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    evaluation_level = models.CharField(_("evaluation level"), max_length=10, choices=Level.choices, blank=True)
    evaluation_unit = models.ForeignKey(
        "geo.AdministrativeUnit",
        verbose_name=_("evaluating area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    current_level = models.CharField(_("with"), max_length=10, choices=Level.choices, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    # The day the procedure ended for the dossier: the recognition decision, the rejection or the withdrawal.
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    round = models.ForeignKey(
        Round, verbose_name=_("round"), null=True, blank=True, on_delete=models.PROTECT, related_name="dossiers"
    )
    rejection_reason = models.TextField(_("reasons for rejection"), blank=True)
    # Mẫu 01 – registration form
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    current_stars = models.PositiveSmallIntegerField(_("stars held now"), null=True, blank=True)
    samples_count = models.PositiveSmallIntegerField(_("number of samples"), default=0)
    # Mẫu 02 – self-assessment report
    producer_summary = models.TextField(_("about the producer"), blank=True)
    business_plan_results = models.TextField(_("results of the business plan"), blank=True)
    future_plan = models.TextField(_("plan for the coming years"), blank=True)
    self_score_answers = models.JSONField(_("self-score answers"), default=dict, blank=True)
    self_score_evidence = models.JSONField(_("evidence per criterion"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("evaluation dossier")
        verbose_name_plural = _("evaluation dossiers")
        indexes = [models.Index(fields=["state", "deadline"]), models.Index(fields=["commune", "state"])]

    def __str__(self) -> str:
        return self.receipt_number or _("Dossier of %(product)s (draft)") % {"product": self.product}

    @property
    def filed_product_set(self) -> int:
        """The product set the dossier is checked and scored on: fixed at filing; a draft follows its product."""
        return self.product_set or self.product.product_set


class ReceiptSequence(models.Model):
    """The last receipt number given by a commune in a year."""

    commune_code = models.CharField(max_length=5)
    province_code = models.CharField(max_length=2)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["province_code", "commune_code", "year"], name="dossiers_receipt_sequence")
        ]

    def __str__(self) -> str:
        return f"{self.province_code}-{self.commune_code}-{self.year}: {self.last}"


def evidence_path(instance: "Evidence", filename: str) -> str:
    return f"dossiers/{instance.dossier_id}/{filename}"


class Evidence(models.Model):
    """A file for one checklist item, uploaded or reused from the producer's registry documents."""

    dossier = models.ForeignKey(Dossier, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="evidence")
    requirement = models.CharField(_("checklist item"), max_length=40)
    title = models.CharField(_("title"), max_length=200, blank=True)
    file = models.FileField(_("file"), upload_to=evidence_path, blank=True)
    mime_type = models.CharField(_("file type"), max_length=100, blank=True)
    size = models.PositiveIntegerField(_("size"), default=0)
    document = models.ForeignKey(
        "producers.SupportingDocument",
        verbose_name=_("registry document"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["requirement", "uploaded_at"]

    def __str__(self) -> str:
        return self.title or self.file.name.rsplit("/", 1)[-1]


class ChecklistMark(models.Model):
    """An officer's tick on a checklist item: the item is there and acceptable (or not, with a note)."""

    dossier = models.ForeignKey(Dossier, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="marks")
    requirement = models.CharField(_("checklist item"), max_length=40)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    ok = models.BooleanField(_("acceptable"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("checked by"), on_delete=models.PROTECT, related_name="+"
    )
    marked_at = models.DateTimeField(_("checked at"), auto_now=True)

    class Meta:
        verbose_name = _("checklist mark")
        verbose_name_plural = _("checklist marks")
        constraints = [
            models.UniqueConstraint(fields=["dossier", "requirement", "level"], name="dossiers_mark_once_per_level")
        ]

    def __str__(self) -> str:
        return f"{self.requirement}: {'✓' if self.ok else '✗'}"


class SupplementRequest(models.Model):
    """A return of the dossier to the producer, listing what is missing, with a deadline."""

    dossier = models.ForeignKey(
        Dossier, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="supplement_requests"
    )
    level = models.CharField(_("requested by level"), max_length=10, choices=Level.choices)
    items = models.JSONField(_("missing checklist items"), default=list)
    message = models.TextField(_("what is missing"))
    deadline = models.DateField(_("deadline"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("supplement request")
        verbose_name_plural = _("supplement requests")
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return self.message[:80]


class CommuneReview(models.Model):
    """One pass of the commune's review, from filing (or refiling after supplements) until the commune forwards,
    returns or rejects the dossier, against its working-day deadline. The "processed on time" indicator counts these."""

    dossier = models.ForeignKey(
        Dossier, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="commune_reviews"
    )
    started_on = models.DateField(_("started on"))
    due_on = models.DateField(_("due by"))
    finished_on = models.DateField(_("finished on"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=30, choices=ReviewOutcome.choices, blank=True)

    class Meta:
        verbose_name = _("commune review")
        verbose_name_plural = _("commune reviews")
        ordering = ["started_on", "pk"]
        indexes = [models.Index(fields=["due_on"])]

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.started_on:%d/%m/%Y}–{self.due_on:%d/%m/%Y}"

    @property
    def on_time(self) -> bool | None:
        return None if self.finished_on is None else self.finished_on <= self.due_on


class CommuneReport(models.Model):
    """Mẫu 03: the commune's confirmation of the four local facts before forwarding the dossier."""

    dossier = models.OneToOneField(
        Dossier, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="commune_report"
    )
    local_origin = models.CharField(
        _("product or raw material of local origin"), max_length=15, choices=CommuneFinding.choices
    )
    local_origin_note = models.CharField(_("note"), max_length=300, blank=True)
    local_labour = models.CharField(_("local labour"), max_length=15, choices=CommuneFinding.choices)
    local_labour_note = models.CharField(_("note"), max_length=300, blank=True)
    idea_origin = models.CharField(_("origin of the product idea"), max_length=15, choices=CommuneFinding.choices)
    idea_origin_note = models.CharField(_("note"), max_length=300, blank=True)
    local_identity = models.CharField(_("local identity"), max_length=15, choices=CommuneFinding.choices)
    local_identity_note = models.CharField(_("note"), max_length=300, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reported by"), on_delete=models.PROTECT, related_name="+"
    )
    reported_at = models.DateTimeField(_("reported at"), auto_now=True)

    class Meta:
        verbose_name = _("commune report (form 03)")
        verbose_name_plural = _("commune reports (form 03)")

    def __str__(self) -> str:
        return str(self.dossier)


def milestone_path(instance: "Milestone", filename: str) -> str:
    return f"products/{instance.product_id}/cycle/{filename}"


class Milestone(models.Model):
    """A step of the OCOP cycle reached by a product: idea registered, business plan received, carried out."""

    product = models.ForeignKey(
        "producers.Product", verbose_name=_("product"), on_delete=models.CASCADE, related_name="milestones"
    )
    kind = models.CharField(_("step"), max_length=30, choices=MilestoneKind.choices)
    reached_on = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    file = models.FileField(_("file"), upload_to=milestone_path, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("cycle step")
        verbose_name_plural = _("cycle steps")
        ordering = ["reached_on", "id"]
        constraints = [models.UniqueConstraint(fields=["product", "kind"], name="dossiers_milestone_once_per_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.reached_on:%d/%m/%Y}"
