import datetime

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ocop.geo.enums import Era, UnitLevel


class AdministrativeUnitQuerySet(models.QuerySet):
    def valid_on(self, day: datetime.date):
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day)
        )

    def current(self):
        return self.filter(valid_to__isnull=True)


class AdministrativeUnit(models.Model):
    """A province, district or commune with the GSO code it had while it existed."""

    code = models.CharField(_("GSO code"), max_length=10)
    name = models.CharField(_("name"), max_length=120)
    short_name = models.CharField(_("short name"), max_length=100)
    division_type = models.CharField(_("division type"), max_length=40)
    level = models.CharField(_("level"), max_length=10, choices=UnitLevel.choices)
    era = models.CharField(_("era"), max_length=12, choices=Era.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid until"), null=True, blank=True)
    search_name = models.CharField(max_length=120, editable=False, db_index=True)

    objects = AdministrativeUnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")
        constraints = [models.UniqueConstraint(fields=["era", "level", "code"], name="geo_unit_unique_code")]
        indexes = [models.Index(fields=["era", "level", "parent"])]
        ordering = ["era", "level", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_current(self) -> bool:
        return self.valid_to is None


class UnitSuccession(models.Model):
    """Unit ``predecessor`` became (all or part of) ``successor`` on ``effective_on``."""

    predecessor = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("former unit"), on_delete=models.CASCADE, related_name="successions"
    )
    successor = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("new unit"), on_delete=models.CASCADE, related_name="predecessions"
    )
    partial = models.BooleanField(_("only part of the former unit"), default=False)
    effective_on = models.DateField(_("effective on"))

    class Meta:
        verbose_name = _("unit succession")
        verbose_name_plural = _("unit successions")
        constraints = [models.UniqueConstraint(fields=["predecessor", "successor"], name="geo_succession_unique_pair")]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"
