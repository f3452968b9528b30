from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanKind(models.TextChoices):
    PROVINCIAL_ANNUAL = "provincial_annual", _("Provincial annual plan")
    PROGRAMME = "programme", _("Multi-year programme")
    DISTRICT = "district", _("District plan")


class Direction(models.TextChoices):
    """Which way a target points: a floor to reach (a range "20–30" is a floor of 20 aiming at 30) or a ceiling."""

    AT_LEAST = "at_least", _("At least")
    AT_MOST = "at_most", _("At most")


class Measure(models.TextChoices):
    COUNT = "count", _("Count")
    PERCENT = "percent", _("Percentage")


class Source(models.TextChoices):
    """Where a target's actual comes from; decided by the indicator registry, never typed in."""

    COMPUTED = "computed", _("Computed from the records")
    REPORTED = "reported", _("Reported by the owning agency")


class TaskStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class Frequency(models.TextChoices):
    SIX_MONTHLY = "six_monthly", _("Every six months")
    ANNUAL = "annual", _("Every year")
    PERIODIC = "periodic", _("Periodically (period not stated)")
    AD_HOC = "ad_hoc", _("When asked")


class Cutoff(models.TextChoices):
    """Which days a period's report covers: the calendar half-year and year, or the days Nghị định 09/2019/NĐ-CP
    (Điều 12) sets for periodic reports of the administration: from 15/12 of the year before to 14/6 (six months)
    or to 14/12 (the year)."""

    CALENDAR = "calendar", _("Calendar half-year and year")
    DECEMBER_15 = "december_15", _("From 15/12 of the year before to 14/6 and 14/12 (Decree 09/2019)")


class Progress(models.TextChoices):
    """How a target stands, computed by planning.domain.assessment.assess()."""

    MET = "met", _("Met")
    EXCEEDED = "exceeded", _("Exceeded")
    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    BEHIND = "behind", _("Behind")
    MISSED = "missed", _("Not met")
    NO_DATA = "no_data", _("No data yet")


class Light(models.TextChoices):
    GREEN = "green", _("Green")
    AMBER = "amber", _("Amber")
    RED = "red", _("Red")
    GREY = "grey", _("Grey")


# Product sets a target may name by a word instead of numbers ("product_sets": "livestock").
NAMED_PRODUCT_SETS = {"livestock"}
