from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ocop.certificates.enums import RecognitionLevel


class RecognitionDecision(models.Model):
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

    class Meta:
        verbose_name = _("recognition decision")
        verbose_name_plural = _("recognition decisions")
        constraints = [
            models.UniqueConstraint(fields=["number", "decided_on", "issuing_body"], name="certificates_decision")
        ]

    def __str__(self) -> str:
        return f"{self.number} ({self.decided_on:%d/%m/%Y})"


class Certificate(models.Model):
    """An OCOP certificate. Issued certificates are never edited: a correction issues a replacement."""

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
    registered_from_records = models.BooleanField(
        _("registered from earlier records"),
        default=False,
        help_text=_("Issued before the system, entered from its decision."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    is_generated = models.BooleanField(_("generated demo record"), default=False)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        indexes = [models.Index(fields=["product", "-issued_on"]), models.Index(fields=["valid_until"])]

    def __str__(self) -> str:
        return self.number
