"""Which kind of dossier a product may file, and when: first evaluation, upgrade, re-evaluation."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ocop.certificates.domain.validity import current_certificate
from ocop.dossiers.domain.transition import reevaluation_filing_dates
from ocop.dossiers.enums import ACTIVE_STATES, DossierKind
from ocop.evaluation.models import RuleSet


def check_kind_allowed(product, kind: str, *, on: datetime.date, rule_set: RuleSet, exclude=None) -> None:
    """Refuse a dossier the rules do not allow: a second open dossier, an upgrade without a certificate, a
    re-evaluation outside the window the rule set gives (180 to 120 days before expiry under QĐ 26, widened by its
    transition)."""
    open_dossiers = product.dossiers.filter(state__in=ACTIVE_STATES)
    if exclude is not None:
        open_dossiers = open_dossiers.exclude(pk=exclude.pk)
    if open_dossiers.exists():
        raise ValidationError(_("This product already has a dossier in progress."), code="already_open")
    certificate = current_certificate(product, on)
    if kind == DossierKind.FIRST and certificate is not None:
        raise ValidationError(
            _("The product holds a valid certificate: file an upgrade or a re-evaluation."), code="certified"
        )
    if kind in (DossierKind.UPGRADE, DossierKind.REEVALUATION) and certificate is None:
        raise ValidationError(
            _("Only a product with a valid certificate can file this kind of dossier."), code="not_certified"
        )
    if kind == DossierKind.UPGRADE and certificate.stars >= 5:
        raise ValidationError(_("A 5-star product cannot be upgraded."), code="top")
    if kind == DossierKind.REEVALUATION:
        dates = reevaluation_filing_dates(rule_set, certificate.valid_until)
        if dates is not None:
            first, last = dates
            if not first <= on <= last:
                raise ValidationError(
                    _("A re-evaluation can be filed from %(first)s to %(last)s (certificate valid until %(expiry)s).")
                    % {
                        "first": first.strftime("%d/%m/%Y"),
                        "last": last.strftime("%d/%m/%Y"),
                        "expiry": certificate.valid_until.strftime("%d/%m/%Y"),
                    },
                    code="outside_window",
                )
