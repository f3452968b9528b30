from django.db import models
from django.utils.translation import gettext_lazy as _


class DossierKind(models.TextChoices):
    FIRST = "first", _("First evaluation")
    UPGRADE = "upgrade", _("Upgrade")
    REEVALUATION = "reevaluation", _("Re-evaluation")


class DossierState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted, under commune review")
    SUPPLEMENT_REQUESTED = "supplement_requested", _("Returned for supplements")
    FORWARDED = "forwarded", _("Forwarded for evaluation")
    ACCEPTED = "accepted", _("Accepted into a round")
    SCORED = "scored", _("Scored by the council")
    RECOGNISED = "recognised", _("Recognised")
    NOT_RECOGNISED = "not_recognised", _("Not recognised")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# Dossiers still moving through the procedure (they make the product "registered for evaluation").
ACTIVE_STATES = frozenset(
    {
        DossierState.SUBMITTED,
        DossierState.SUPPLEMENT_REQUESTED,
        DossierState.FORWARDED,
        DossierState.ACCEPTED,
        DossierState.SCORED,
    }
)


class Level(models.TextChoices):
    COMMUNE = "commune", _("Commune")
    DISTRICT = "district", _("District")
    PROVINCE = "province", _("Province")
    CENTRAL = "central", _("Central")


class MilestoneKind(models.TextChoices):
    """Steps of the yearly OCOP cycle before the evaluation dossier."""

    IDEA_REGISTERED = "idea_registered", _("Product idea registered")
    BUSINESS_PLAN_RECEIVED = "business_plan_received", _("Business plan received")
    IMPLEMENTATION_STARTED = "implementation_started", _("Business plan being carried out")


PLAN_MILESTONES = frozenset({MilestoneKind.BUSINESS_PLAN_RECEIVED, MilestoneKind.IMPLEMENTATION_STARTED})


class CycleStage(models.TextChoices):
    """Where a product stands in the OCOP cycle (derived)."""

    IDEA = "idea", _("1–2. Promotion and product idea")
    BUSINESS_PLAN = "business_plan", _("3. Business plan")
    IMPLEMENTATION = "implementation", _("4. Carrying out the plan")
    EVALUATION = "evaluation", _("5. Evaluation and ranking")
    PROMOTION = "promotion", _("6. Certified: trade promotion")


class CommuneFinding(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    NOT_CONFIRMED = "not_confirmed", _("Not confirmed")


class ReviewOutcome(models.TextChoices):
    """How a commune review ended: the workflow action that took the dossier out of the commune's hands."""

    FORWARDED = "forwarded", _("forwarded")
    RETURNED = "supplement_requested", _("returned for supplements")
    REJECTED = "rejected", _("rejected")
    WITHDRAWN = "withdrawn", _("withdrawn by the producer")
