from django.db import models
from django.utils.translation import gettext_lazy as _


class EvaluationLevel(models.TextChoices):
    """Where a dossier is first evaluated by a council."""

    DISTRICT = "district", _("district council")
    PROVINCE = "province", _("provincial council")


class RecognitionLevel(models.TextChoices):
    """Who recognises a star rating and issues the certificate."""

    DISTRICT = "district", _("district People's Committee")
    PROVINCE = "province", _("provincial People's Committee")
    CENTRAL = "central", _("Ministry")


class MinimumRule(models.TextChoices):
    """How a council decides that a star level's minimum (a marked option) is met, across its members' sheets."""

    MAJORITY = "majority", _("met when more than half of the members' sheets meet it")
    EVERY_MEMBER = "every_member", _("met only when every member's sheet meets it")


class DisqualificationRule(models.TextChoices):
    """How many members' findings of a disqualifying fault disqualify the product."""

    ANY_MEMBER = "any_member", _("one member's finding disqualifies the product")
    MAJORITY = "majority", _("disqualified when more than half of the members find the fault")


# The star markers printed on the sheets: (***), (****) and (*****) mark the minimum for 3, 4 and 5 stars.
MINIMUM_STAR_LEVELS = (3, 4, 5)

# The 26 product sets ("bộ sản phẩm"); the ordinal is the sheet number and the only official code.
SHEET_NUMBERS = range(1, 27)

FULL_MARKS = 100
