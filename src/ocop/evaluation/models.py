import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ocop.evaluation.definitions import (
    CouncilRound,
    ReevaluationWindow,
    Sheet,
    StarBands,
    Transition,
    sheet_from_document,
)
from ocop.evaluation.enums import DisqualificationRule, MinimumRule, RecognitionLevel


class LoadedOnce(models.Model):
    """A record that is written once, when its rule set is loaded, and never changed afterwards.

    A corrected rule set is loaded under a new identifier; certificates and scores keep pointing at the set they were
    made under.
    """

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError(
                gettext("A loaded rule set is never changed: load the corrected set under a new identifier."),
                code="immutable",
            )
        super().save(*args, **kwargs)


class RuleSetQuerySet(models.QuerySet):
    def covering(self, day: datetime.date):
        return self.filter(valid_from__lte=day).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))


class RuleSet(LoadedOnce):
    """One version of the OCOP rules: the scoring sheets (if any), the star bands and the procedure."""

    identifier = models.CharField(_("identifier"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=300)
    legal_basis = models.TextField(_("legal basis"))
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid until"), null=True, blank=True)
    procedure = models.JSONField(_("procedure"))
    star_bands = models.JSONField(_("star bands"))
    part_maxima = models.JSONField(_("maximum points of each part"), null=True, blank=True)
    provenance = models.TextField(_("provenance"), blank=True)
    content_hash = models.CharField(_("content hash"), max_length=64)
    loaded_at = models.DateTimeField(_("loaded at"), auto_now_add=True)
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("loaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = RuleSetQuerySet.as_manager()

    class Meta:
        verbose_name = _("rule set")
        verbose_name_plural = _("rule sets")
        ordering = ["-valid_from", "-loaded_at"]

    def __str__(self) -> str:
        # People read the title (which decision); the identifier is the key commands and files use.
        return self.title

    def all_sheets(self) -> list[Sheet]:
        """Every scoring sheet of the set as plain data, in number order, in one query."""
        return [
            sheet_from_document(document) for document in self.sheets.order_by("no").values_list("document", flat=True)
        ]

    def sheet(self, no: int) -> Sheet:
        """Scoring sheet ``no`` (1–26) as plain data, in one query."""
        document = self.sheets.filter(no=no).values_list("document", flat=True).first()
        if document is not None:
            return sheet_from_document(document)
        if not self.sheets.exists():
            message = gettext("The rule set %(identifier)s holds the procedure only, no scoring sheets.")
        else:
            message = gettext("The rule set %(identifier)s has no scoring sheet %(sheet)s.")
        raise ValidationError(message % {"identifier": self.identifier, "sheet": no}, code="unknown_sheet")

    @property
    def bands(self) -> StarBands:
        return StarBands.from_document(self.star_bands)

    # The procedure, read through named accessors so that other apps never hard-code a deadline or a level.

    @property
    def evaluation_level(self) -> str:
        return self.procedure["evaluation_level"]

    def recognition_level_for(self, stars: int) -> str | None:
        """Who recognises ``stars`` (a ``RecognitionLevel`` value), or None for ratings that are not recognised."""
        return self.procedure["recognition_level"].get(str(stars))

    @property
    def forward_to_central_min_score(self) -> Decimal:
        return Decimal(self.procedure["forward_to_central_min_score"])

    @property
    def certificate_validity_months(self) -> int:
        return self.procedure["certificate_validity_months"]

    def reevaluation_window(self) -> ReevaluationWindow | None:
        """When the producer files for re-evaluation before expiry; None where the office notifies instead."""
        window = self.procedure["reevaluation_window_days"]
        return ReevaluationWindow(earliest_days=window["earliest"], latest_days=window["latest"]) if window else None

    @property
    def transition(self) -> Transition | None:
        """How this set takes over from the earlier ones; None where it sets no transition.

        The set that brought the re-evaluation window (QĐ 26/2026) carries Điều 12: sets loaded before the
        transition could be written are read with its figures (60 and 30 days, 180 days of grace).
        """
        default = QD26_TRANSITION if self.reevaluation_window() else None
        document = self.procedure.get("transition", default)
        return Transition(starts_on=self.valid_from, **document) if document else None

    @property
    def expiry_notice_days(self) -> int:
        return self.procedure["expiry_notice_days"]

    @property
    def commune_review_working_days(self) -> int:
        return self.procedure["commune_review_working_days"]

    @property
    def revocation_decision_days(self) -> int:
        return self.procedure["revocation_decision_days"]

    @property
    def reevaluation_decision_days(self) -> int:
        return self.procedure["reevaluation_decision_days"]

    def rounds(self, year: int, level: str = RecognitionLevel.PROVINCE) -> tuple[CouncilRound, ...]:
        """The rounds of ``year`` at ``level``, by cut-off: receipt cut-off and decision date of each.

        The Ministry (central level, 5★) has its own rounds; sets loaded before they could be set are read with the
        Ministry's published ones (received by 30/01 decided by 30/03, by 30/07 by 30/09). District and province
        councils share the provincial rounds.
        """
        prefix = "central_" if level == RecognitionLevel.CENTRAL else ""
        cutoffs, decisions = (
            self.procedure.get(key, CENTRAL_ROUNDS.get(key))
            for key in (f"{prefix}round_cutoffs", f"{prefix}round_decision_dates")
        )
        return tuple(
            sorted(
                (
                    CouncilRound(cutoff=_month_day(year, cutoff), decision_by=_month_day(year, decision))
                    for cutoff, decision in zip(cutoffs, decisions, strict=True)
                ),
                key=lambda planned: planned.cutoff,
            )
        )

    @property
    def max_member_spread(self) -> Decimal:
        return Decimal(self.procedure["max_member_spread"])

    @property
    def quorum_fraction(self) -> Decimal:
        return Decimal(self.procedure["quorum_fraction"])

    @property
    def minimum_rule(self) -> MinimumRule:
        """Sets loaded before the rule could be set are read as councils applied them: by majority."""
        return MinimumRule(self.procedure.get("minimum_rule", MinimumRule.MAJORITY))

    @property
    def disqualification_rule(self) -> DisqualificationRule:
        """Sets loaded before the rule could be set are read as councils applied them: one member's finding."""
        return DisqualificationRule(self.procedure.get("disqualification_rule", DisqualificationRule.ANY_MEMBER))


# QĐ 26/2026, Điều 12, where a set with the re-evaluation window does not give its transition.
QD26_TRANSITION = {"first_days": 60, "reevaluation_days": 30, "grace_days": 180}
# The Ministry's rounds where a rule set does not give them (QĐ 148 and QĐ 26: decided by 30/03 and 30/09).
CENTRAL_ROUNDS = {"central_round_cutoffs": ["01-30", "07-30"], "central_round_decision_dates": ["03-30", "09-30"]}


def _month_day(year: int, month_day: str) -> datetime.date:
    month, day = month_day.split("-")
    return datetime.date(year, int(month), int(day))


class CriteriaSheet(LoadedOnce):
    """One of a rule set's scoring sheets (one per product set), stored as one validated JSON tree."""

    rule_set = models.ForeignKey(RuleSet, verbose_name=_("rule set"), on_delete=models.CASCADE, related_name="sheets")
    no = models.PositiveSmallIntegerField(_("product set number"))
    title = models.CharField(_("title"), max_length=300)
    document = models.JSONField(_("criteria"))

    class Meta:
        verbose_name = _("scoring sheet")
        verbose_name_plural = _("scoring sheets")
        ordering = ["rule_set", "no"]
        constraints = [models.UniqueConstraint(fields=["rule_set", "no"], name="evaluation_sheet_unique_no")]

    def __str__(self) -> str:
        return f"{self.rule_set} – {self.no}. {self.title}"
