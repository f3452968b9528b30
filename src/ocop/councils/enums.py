from django.db import models
from django.utils.translation import gettext_lazy as _


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice chair")
    SECRETARY = "secretary", _("Secretary")
    MEMBER = "member", _("Member")
    ADVISOR = "advisor", _("Advisory team member")


# Who scores products; advisory team members review dossiers and visit sites but do not score.
SCORING_ROLES = frozenset({MemberRole.CHAIR, MemberRole.VICE_CHAIR, MemberRole.SECRETARY, MemberRole.MEMBER})


class NoteKind(models.TextChoices):
    REVIEW = "review", _("Review note")
    SITE_VISIT = "site_visit", _("Site-visit report")
    LAB_TEST = "lab_test", _("Request for an extra lab test")


class SessionState(models.TextChoices):
    OPEN = "open", _("Scoring")
    CLOSED = "closed", _("Closed: results final")
    DECIDED = "decided", _("Decision approved")
