"""Loading rule sets (all or nothing, never editing a loaded one) and choosing the one in force on a day."""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ocop.common.domain.activity import log_action, user_or_none
from ocop.evaluation.domain.rule_set_files import prepare_rule_set
from ocop.evaluation.domain.scoring import CouncilScore, MemberAnswers, score_council
from ocop.evaluation.models import CriteriaSheet, RuleSet

BUILTIN_DIR = Path(__file__).resolve().parent.parent / "data"
# Oldest first: QĐ 1048 and QĐ 148 (three levels), QĐ 148 as amended by QĐ 1489 (two levels), QĐ 26/2026 with the
# 26 sheets. The first three carry the procedure only.
BUILTIN_RULE_SET_FILES = ("qd1048_2019.json", "qd148_2023.json", "qd1489_2025.json", "qd26_2026.json")


@dataclass(frozen=True)
class LoadResult:
    rule_set: RuleSet
    created: bool  # False when the same content was already loaded under this identifier


@transaction.atomic
def load_rule_set(
    *, actor, path: Path, identifier: str | None = None, valid_from=None, legal_basis: str | None = None
) -> LoadResult:
    """Check the rule-set file at ``path`` and store it with its sheets, or change nothing.

    Loading the same content again is a no-op; the same identifier with different content is refused, because a
    loaded set is never edited (a corrected set gets a new identifier).
    """
    prepared = prepare_rule_set(path, identifier=identifier, valid_from=valid_from, legal_basis=legal_basis)
    existing = RuleSet.objects.filter(identifier=prepared.identifier).first()
    if existing is not None:
        if existing.content_hash == prepared.content_hash:
            return LoadResult(rule_set=existing, created=False)
        raise ValidationError(
            _(
                "The rule set %(identifier)s is already loaded with different content. A loaded rule set is never "
                "changed: load the corrected set under a new identifier."
            )
            % {"identifier": prepared.identifier},
            code="identifier_taken",
        )
    rule_set = RuleSet.objects.create(
        identifier=prepared.identifier,
        title=prepared.title,
        legal_basis=prepared.legal_basis,
        valid_from=prepared.valid_from,
        valid_to=prepared.valid_to,
        procedure=prepared.procedure,
        star_bands=prepared.star_bands,
        part_maxima=prepared.part_maxima,
        provenance=prepared.provenance,
        content_hash=prepared.content_hash,
        loaded_by=user_or_none(actor),
    )
    CriteriaSheet.objects.bulk_create(
        CriteriaSheet(rule_set=rule_set, no=sheet["no"], title=sheet["title"], document=sheet)
        for sheet in prepared.sheets
    )
    log_action(
        actor=actor,
        verb="evaluation.rule_set_loaded",
        target=rule_set,
        data={
            "identifier": rule_set.identifier,
            "valid_from": rule_set.valid_from,
            "valid_to": rule_set.valid_to,
            "sheets": len(prepared.sheets),
            "corrections": list(prepared.corrections),
            "content_hash": rule_set.content_hash,
        },
    )
    return LoadResult(rule_set=rule_set, created=True)


@transaction.atomic
def load_builtin_rule_sets(*, actor=None) -> list[LoadResult]:
    """The rule sets shipped in ``evaluation/data``; safe to run on every start."""
    return [load_rule_set(actor=actor, path=BUILTIN_DIR / name) for name in BUILTIN_RULE_SET_FILES]


def rule_set_in_force(day: datetime.date) -> RuleSet:
    """The rule set whose validity covers ``day``.

    Where validities overlap the latest ``valid_from`` wins, then the latest load: QĐ 26/2026 applies from
    22/05/2026 although QĐ 148/1489 formally lapse 60 days later (that tail is for dossiers filed before, which
    other apps select by their filing date), and a corrected set loaded later replaces the one it corrects.
    """
    rule_set = RuleSet.objects.covering(day).order_by("-valid_from", "-loaded_at", "-pk").first()
    if rule_set is None:
        raise RuleSet.DoesNotExist(_("No rule set is in force on %(day)s.") % {"day": day.strftime("%d/%m/%Y")})
    return rule_set


def criteria_rule_set(rule_set: RuleSet) -> RuleSet:
    """The rule set whose scoring sheets score a dossier filed under ``rule_set``.

    A set loaded with its sheets scores with them. The earlier decisions are loaded as procedures only (their sheets
    are not in the project's data): their dossiers are scored on the sheets of the latest set that has sheets, and
    every result records which set's sheets it used. Loading the older sheets (``ocop load_ruleset``) ends this.
    """
    if rule_set.sheets.exists():
        return rule_set
    with_sheets = RuleSet.objects.filter(sheets__isnull=False).distinct().order_by("-valid_from", "-loaded_at")
    return with_sheets.first() or rule_set


def rule_set_named(identifier: str) -> RuleSet:
    rule_set = RuleSet.objects.filter(identifier=identifier).first()
    if rule_set is None:
        raise RuleSet.DoesNotExist(_("There is no rule set %(identifier)s.") % {"identifier": identifier})
    return rule_set


def score_under(
    rule_set: RuleSet,
    *,
    sheet_no: int,
    members: list[MemberAnswers],
    allowed_spread: Decimal | None = None,
    disqualifying_findings: int = 0,
) -> CouncilScore:
    """A council's result on one of the rule set's sheets, with its star bands, its rules across members and, unless
    the council was given another, its allowed spread between members."""
    return score_council(
        rule_set.sheet(sheet_no),
        members,
        bands=rule_set.bands,
        allowed_spread=rule_set.max_member_spread if allowed_spread is None else allowed_spread,
        disqualifying_findings=disqualifying_findings,
        minimum_rule=rule_set.minimum_rule,
        disqualification_rule=rule_set.disqualification_rule,
    )
