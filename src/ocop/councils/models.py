from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ocop.councils.enums import MemberRole, NoteKind, SessionState


class Council(models.Model):
    """An evaluation council (Hội đồng đánh giá, phân hạng) of one level and area, with its advisory team."""

    name = models.CharField(_("name"), max_length=200)
    # A central council is the Ministry's. The Ministry's coordination office creates it with no area (it scores the
    # products every province sends up); before the Ministry had accounts the province that sent the products
    # recorded it on the Ministry's behalf, with that province as its area.
    level = models.CharField(
        _("level"),
        max_length=10,
        choices=[("district", _("District")), ("province", _("Province")), ("central", _("Ministry"))],
    )
    unit = models.ForeignKey(
        "geo.AdministrativeUnit",
        verbose_name=_("area"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        help_text=_("None for the Ministry's own council, which takes products from every province."),
    )
    established_by = models.CharField(_("established by decision"), max_length=100, blank=True)
    allowed_spread = models.DecimalField(
        _("largest allowed difference between members' totals"),
        max_digits=5,
        decimal_places=2,
        help_text=_("Above it the council discusses and re-scores; the rules' default is 10 points."),
    )
    quorum_fraction = models.DecimalField(
        _("quorum (share of members, chair included)"), max_digits=3, decimal_places=2
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("council")
        verbose_name_plural = _("councils")

    def __str__(self) -> str:
        return self.name

    @property
    def is_the_ministrys(self) -> bool:
        """The Ministry's own council (created by its coordination office, no area), not one a province records."""
        return self.level == "central" and self.unit_id is None

    @property
    def area_name(self) -> str:
        return self.unit.name if self.unit is not None else str(_("Nationwide"))


class CouncilMember(models.Model):
    council = models.ForeignKey(Council, verbose_name=_("council"), on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.PROTECT, related_name="council_memberships"
    )
    role = models.CharField(_("role"), max_length=15, choices=MemberRole.choices)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("council member")
        verbose_name_plural = _("council members")
        constraints = [models.UniqueConstraint(fields=["council", "user"], name="councils_member_once")]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class ConflictDeclaration(models.Model):
    """A member's declared link to a producer (family business, former employer…): never assigned its products."""

    member = models.ForeignKey(
        CouncilMember, verbose_name=_("member"), on_delete=models.CASCADE, related_name="conflicts"
    )
    producer = models.ForeignKey(
        "producers.Producer", verbose_name=_("producer"), on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=300)
    declared_at = models.DateTimeField(_("declared at"), auto_now_add=True)

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [models.UniqueConstraint(fields=["member", "producer"], name="councils_conflict_once")]

    def __str__(self) -> str:
        return f"{self.member.user} – {self.producer}"


class Session(models.Model):
    """A council's scoring session for the dossiers of a round."""

    council = models.ForeignKey(Council, verbose_name=_("council"), on_delete=models.PROTECT, related_name="sessions")
    round = models.ForeignKey(
        "dossiers.Round", verbose_name=_("round"), on_delete=models.PROTECT, related_name="sessions"
    )
    held_on = models.DateField(_("meeting date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=SessionState.choices, default=SessionState.OPEN)
    attendees = models.ManyToManyField(
        CouncilMember, verbose_name=_("members present"), blank=True, related_name="sessions_attended"
    )
    minutes_number = models.CharField(_("minutes number"), max_length=60, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    decision = models.OneToOneField(
        "certificates.RecognitionDecision",
        verbose_name=_("recognition decision"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="session",
    )

    class Meta:
        verbose_name = _("scoring session")
        verbose_name_plural = _("scoring sessions")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.council} – {self.held_on:%d/%m/%Y}"

    @property
    def is_open(self) -> bool:
        """Members may still score, and the office may still assign, re-score and close."""
        return self.state == SessionState.OPEN


class Assignment(models.Model):
    """A member is to score a dossier in a session: the member's score sheet."""

    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="assignments"
    )
    dossier = models.ForeignKey(
        "dossiers.Dossier", verbose_name=_("dossier"), on_delete=models.PROTECT, related_name="assignments"
    )
    member = models.ForeignKey(
        CouncilMember, verbose_name=_("member"), on_delete=models.PROTECT, related_name="assignments"
    )
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    disqualified = models.BooleanField(_("disqualifying fault found"), default=False)
    comment = models.TextField(_("comment"), blank=True)
    saved_at = models.DateTimeField(_("saved at"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("score sheet")
        verbose_name_plural = _("score sheets")
        constraints = [
            models.UniqueConstraint(fields=["session", "dossier", "member"], name="councils_assignment_once")
        ]

    def __str__(self) -> str:
        return f"{self.member.user} – {self.dossier}"


class RescoreRequest(models.Model):
    """The council asked the members who had submitted a product's sheets to score it again."""

    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="rescore_requests"
    )
    dossier = models.ForeignKey(
        "dossiers.Dossier", verbose_name=_("dossier"), on_delete=models.PROTECT, related_name="rescore_requests"
    )
    reason = models.CharField(_("reason"), max_length=300)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)

    class Meta:
        verbose_name = _("re-score request")
        verbose_name_plural = _("re-score requests")
        ordering = ["requested_at", "pk"]

    def __str__(self) -> str:
        return f"{self.dossier}: {self.reason}"


class SpreadReason(models.Model):
    """The chair's reason for keeping a product's result although its members' totals are further apart than the
    council allows (instead of a re-score); the minutes print it."""

    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="spread_reasons"
    )
    dossier = models.ForeignKey(
        "dossiers.Dossier", verbose_name=_("dossier"), on_delete=models.PROTECT, related_name="spread_reasons"
    )
    spread = models.DecimalField(_("spread"), max_digits=5, decimal_places=2)
    reason = models.CharField(_("reason"), max_length=500)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    class Meta:
        verbose_name = _("reason for a spread above the limit")
        verbose_name_plural = _("reasons for spreads above the limit")
        constraints = [models.UniqueConstraint(fields=["session", "dossier"], name="councils_spread_reason_once")]

    def __str__(self) -> str:
        return f"{self.dossier}: {self.reason}"


class ReviewNote(models.Model):
    """The advisory team's review note, site-visit report or request for an extra lab test."""

    session = models.ForeignKey(Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="notes")
    dossier = models.ForeignKey(
        "dossiers.Dossier", verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="review_notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=15, choices=NoteKind.choices)
    text = models.TextField(_("text"))
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        verbose_name = _("review note")
        verbose_name_plural = _("review notes")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"


class Result(models.Model):
    """A dossier's council result, frozen when the session closes: the mean of the members' totals and the star."""

    session = models.ForeignKey(Session, verbose_name=_("session"), on_delete=models.PROTECT, related_name="results")
    dossier = models.ForeignKey(
        "dossiers.Dossier", verbose_name=_("dossier"), on_delete=models.PROTECT, related_name="results"
    )
    mean = models.DecimalField(_("mean score"), max_digits=5, decimal_places=2)
    band = models.PositiveSmallIntegerField(_("band"))
    star = models.PositiveSmallIntegerField(_("stars"), null=True, blank=True)
    recognised = models.BooleanField(_("recognised"))
    disqualified = models.BooleanField(_("disqualified"))
    spread = models.DecimalField(_("spread"), max_digits=5, decimal_places=2)
    detail = models.JSONField(_("detail"), default=dict)
    # Who acts on the result under the dossier's rules: this level recognises it, or it goes up.
    recognised_by = models.CharField(_("recognised by"), max_length=10, blank=True)

    class Meta:
        verbose_name = _("council result")
        verbose_name_plural = _("council results")
        constraints = [models.UniqueConstraint(fields=["session", "dossier"], name="councils_result_once")]

    def __str__(self) -> str:
        return f"{self.dossier}: {self.mean}"
