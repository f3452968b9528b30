"""The decision deadlines of dossiers still undecided, and the transition of QĐ 26/2026 (Điều 12) for certificates.

- A re-evaluation is decided within the rule set's ``reevaluation_decision_days`` (45) of its filing.
- A dossier filed before a rule set with a transition (QĐ 26/2026 from 22/5/2026) and still undecided finishes under
  the earlier rules, decided within 60 days (first evaluation, upgrade) or 30 days (re-evaluation) of that day.
- A certificate whose re-evaluation window (180 to 120 days before expiry) opened before that day, still in force on
  it, whose re-evaluation was filed from that day until its expiry, stays valid past its expiry while the
  re-evaluation is undecided, at most 180 days: registered with ``certificates.domain.validity`` so that the status,
  the public check, the registry and the indicators all read it.
"""

import datetime

from django.core.cache import cache
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from ocop.dossiers.enums import ACTIVE_STATES, DossierKind
from ocop.dossiers.models import Dossier
from ocop.evaluation.definitions import ReevaluationWindow, Transition
from ocop.evaluation.models import RuleSet


def _taking_over() -> list[tuple[Transition, ReevaluationWindow | None]]:
    """The transitions of the loaded rule sets, oldest first, with each set's re-evaluation window.

    Remembered for the day in the cache, as the expiry notice is: the certificate status asks on every page.
    """
    key = f"ocop:dossiers:transitions:{timezone.localdate().isoformat()}"
    found = cache.get(key)
    if found is None:
        rule_sets = RuleSet.objects.order_by("valid_from", "loaded_at")
        found = [(r.transition, r.reevaluation_window()) for r in rule_sets if r.transition is not None]
        cache.set(key, found, 24 * 3600)
    return found


def _transition_for(filed_on: datetime.date, taking_over: list) -> Transition | None:
    """The first transition that took over a dossier filed on ``filed_on``."""
    return next((transition for transition, _window in taking_over if transition.starts_on > filed_on), None)


def _decision_due(dossier: Dossier, taking_over: list) -> datetime.date | None:
    if dossier.filed_on is None:
        return None
    reevaluation = dossier.kind == DossierKind.REEVALUATION
    if (transition := _transition_for(dossier.filed_on, taking_over)) is not None:
        return transition.decision_due(reevaluation)
    if reevaluation:
        return dossier.filed_on + datetime.timedelta(days=dossier.rule_set.reevaluation_decision_days)
    return None


def decision_deadlines(dossiers) -> dict[int, datetime.date | None]:
    """By dossier id: the day the decision is due by law, where the law sets one (None otherwise, and before
    filing)."""
    taking_over = _taking_over()
    return {dossier.pk: _decision_due(dossier, taking_over) for dossier in dossiers}


def reevaluation_filing_dates(rule_set: RuleSet, expiry: datetime.date) -> tuple[datetime.date, datetime.date] | None:
    """The first and last day a re-evaluation of a certificate expiring on ``expiry`` may be filed under
    ``rule_set``; None where the rules set no window. A window that opened before the rules took over could not be
    used: the re-evaluation may then be filed from their first day until the expiry."""
    window = rule_set.reevaluation_window()
    if window is None:
        return None
    first, last = window.dates_for(expiry)
    transition = rule_set.transition
    if transition is not None and first < transition.starts_on <= expiry:
        return transition.starts_on, expiry
    return first, last


def _undecided_reevaluation(day: datetime.date, filed_from: datetime.date) -> Exists:
    """On a Certificate queryset: its product's re-evaluation filed from ``filed_from`` until the expiry, by ``day``,
    and still undecided on ``day``."""
    return Exists(
        Dossier.objects.filter(
            product=OuterRef("product_id"),
            kind=DossierKind.REEVALUATION,
            filed_on__gte=filed_from,
            filed_on__lte=OuterRef("valid_until"),
        )
        .filter(filed_on__lte=day)
        .filter(Q(state__in=ACTIVE_STATES, closed_on__isnull=True) | Q(closed_on__gt=day))
    )


def kept_valid_by_transition(day: datetime.date) -> Q:
    """On a Certificate queryset: past its expiry on ``day`` but kept valid by a transition's grace."""
    condition = Q(pk__in=[])
    for transition, window in _taking_over():
        if window is None:
            continue
        window_opened_before = transition.starts_on + datetime.timedelta(days=window.earliest_days)
        condition |= (
            Q(valid_until__gte=transition.starts_on, valid_until__lt=window_opened_before)
            & Q(valid_until__gte=day - datetime.timedelta(days=transition.grace_days))
            & _undecided_reevaluation(day, transition.starts_on)
        )
    return condition
