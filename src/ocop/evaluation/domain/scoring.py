"""Scoring one assessor's sheet and a council's result: pure functions on plain data, Decimal throughout.

The official result is the mean of the members' totals. Median, spread and standard deviation are advice only. The
star rule (bands, cumulative minima, disqualification) lives in ``final_star`` and nowhere else; docs/scoring.md
explains it with a worked example.
"""

import re
import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ocop.evaluation.definitions import Leaf, Sheet, StarBands
from ocop.evaluation.enums import MINIMUM_STAR_LEVELS, DisqualificationRule, MinimumRule

Answers = Mapping[str, int]  # leaf code → option number, 1-based in the sheet's printed order
MemberAnswers = tuple[str, Answers]  # (member's name, answers)
UnmetMinima = dict[int, tuple[str, ...]]  # star level (3, 4, 5) → codes of the leaves below that level's marker

ZERO = Decimal(0)
TWO_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class SheetScore:
    parts: dict[str, Decimal]
    total: Decimal
    points: dict[str, Decimal]  # the points of the chosen option of every answered leaf
    unanswered: tuple[str, ...]
    unmet_minima: UnmetMinima
    disqualified: bool


@dataclass(frozen=True)
class MemberScore:
    name: str
    parts: dict[str, Decimal]
    total: Decimal


@dataclass(frozen=True)
class CouncilScore:
    members: tuple[MemberScore, ...]
    mean: Decimal  # the official result, to two places, half up
    band: int  # the stars of the band the mean falls in
    star: int | None  # the final star: None when the product is disqualified (not ranked)
    recognised: bool
    unmet_minima: UnmetMinima  # judged on the members' consensus points (see consensus_points)
    disqualified: bool
    spread: Decimal
    allowed_spread: Decimal
    spread_exceeded: bool
    median: Decimal  # advice
    stdev: Decimal  # advice: population standard deviation of the members' totals

    def as_dict(self) -> dict:
        """The result as JSON-ready data: decimals as strings, star levels as string keys."""
        return {
            "members": [
                {"name": member.name, "parts": _texts(member.parts), "total": str(member.total)}
                for member in self.members
            ],
            "mean": str(self.mean),
            "band": self.band,
            "star": self.star,
            "recognised": self.recognised,
            "unmet_minima": {str(stars): list(codes) for stars, codes in self.unmet_minima.items()},
            "disqualified": self.disqualified,
            "spread": str(self.spread),
            "allowed_spread": str(self.allowed_spread),
            "spread_exceeded": self.spread_exceeded,
            "median": str(self.median),
            "stdev": str(self.stdev),
        }


def _texts(values: dict[str, Decimal]) -> dict[str, str]:
    return {key: str(value) for key, value in values.items()}


def _two_places(value: Decimal) -> Decimal:
    return value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def answer_problems(sheet: Sheet, answers: Answers) -> list[str]:
    """Answers naming a leaf the sheet does not have, or an option the leaf does not have."""
    problems = []
    for code, order in answers.items():
        leaf = sheet.leaves_by_code.get(code)
        if leaf is None:
            problems.append(_("Sheet %(sheet)s has no criterion %(code)s.") % {"sheet": sheet.no, "code": code})
        elif isinstance(order, bool) or not isinstance(order, int) or leaf.option(order) is None:
            problems.append(
                _("Criterion %(code)s has no option %(option)s; choose 1 to %(count)s.")
                % {"code": code, "option": order, "count": len(leaf.options)}
            )
    return problems


# An option number as a form sends it: one to three ASCII digits (no sheet has a hundred options).
_OPTION_NUMBER = re.compile(r"[0-9]{1,3}")


def answers_from_form(sheet: Sheet, data: Mapping[str, object]) -> dict[str, int]:
    """The options ticked on a submitted sheet (``data``: request.POST or a dict), one per criterion named by its
    code. Other fields, and values that are not an option number (empty, ``²``, 5,000 digits…), are left out; an
    option the criterion does not have stays in, for ``answer_problems`` to name."""
    answers = {}
    for code in sheet.leaves_by_code:
        value = data.get(code)
        if isinstance(value, str) and _OPTION_NUMBER.fullmatch(value):
            answers[code] = int(value)
    return answers


def usable_answers(sheet: Sheet, answers: Mapping[str, object]) -> dict[str, int]:
    """Saved answers that fit ``sheet``: a stale one (a criterion or option the sheet does not have, saved before the
    product's set changed under a draft) is left out, so that reading a saved sheet never fails."""
    return {code: order for code, order in answers.items() if not answer_problems(sheet, {code: order})}


def score_sheet(sheet: Sheet, answers: Answers, *, disqualified: bool = False) -> SheetScore:
    """One assessor's sheet: part totals, total, unanswered leaves and the star minima the answers miss.

    Unknown leaves and options raise ``ValidationError``. Unanswered leaves are reported, not scored; an unanswered
    leaf with a star marker counts as missing that minimum.
    """
    problems = answer_problems(sheet, answers)
    if problems:
        raise ValidationError(problems)
    points = {code: sheet.leaves_by_code[code].option(order).points for code, order in answers.items()}
    parts = {
        part: sum((points.get(leaf.code, ZERO) for leaf in sheet.leaves if leaf.part == part), ZERO)
        for part in sheet.parts
    }
    return SheetScore(
        parts=parts,
        total=sum(parts.values(), ZERO),
        points=points,
        unanswered=tuple(leaf.code for leaf in sheet.leaves if leaf.code not in points),
        unmet_minima=unmet_minima(sheet, points),
        disqualified=disqualified,
    )


def unmet_minima(sheet: Sheet, points: Mapping[str, Decimal]) -> UnmetMinima:
    """For each star level, the leaves whose points fall below the option marked as that level's minimum.

    The lists are per level; the star rule reads them cumulatively (see ``final_star``).
    """
    return {
        stars: tuple(leaf.code for leaf in sheet.leaves if _misses(leaf, stars, points.get(leaf.code)))
        for stars in MINIMUM_STAR_LEVELS
    }


def _misses(leaf: Leaf, stars: int, points: Decimal | None) -> bool:
    minimum = leaf.minimum_for(stars)
    return minimum is not None and (points is None or points < minimum)


def consensus_points(
    points_by_member: Iterable[Mapping[str, Decimal]], rule: MinimumRule = MinimumRule.MAJORITY
) -> dict[str, Decimal]:
    """Per leaf, the points the council's minima are judged on, by the rule set's ``minimum_rule``.

    By majority, the median of the members' chosen points, taking the lower middle value for an even count, which
    comes to: a minimum is met when more than half of the members chose an option worth at least the marked one (two
    of three, three of four, both of two). By every member, the lowest of the members' points.
    """
    by_leaf = defaultdict(list)
    for points in points_by_member:
        for code, value in points.items():
            by_leaf[code].append(value)
    pick = min if rule == MinimumRule.EVERY_MEMBER else statistics.median_low
    return {code: pick(values) for code, values in by_leaf.items()}


def quorum_needed(council_size: int, fraction: Decimal) -> int:
    """How many of a council's ``council_size`` scoring members must take part (the rule set's quorum fraction)."""
    return int((Decimal(council_size) * fraction).to_integral_value(rounding=ROUND_CEILING))


def council_disqualifies(findings: int, members: int, rule: DisqualificationRule) -> bool:
    """Whether ``findings`` members' findings of a disqualifying fault, of ``members``, disqualify the product."""
    if rule == DisqualificationRule.MAJORITY:
        return findings * 2 > members
    return findings > 0


def final_star(*, score: Decimal, unmet_minima: UnmetMinima, bands: StarBands, disqualified: bool) -> int | None:
    """The star rule, in one place.

    A disqualified product is not ranked (None). Otherwise the product gets the highest band not above the band of
    its score whose minima, and the minima of every lower level, are all met: a 4-star product meets every 3-star and
    4-star minimum. Bands below the lowest marker level (1 and 2 stars) have no minima.
    """
    if disqualified:
        return None
    ceiling = bands.band_for(score).stars
    return max((stars for stars in bands.stars if stars <= ceiling and _minima_met(stars, unmet_minima)), default=None)


def _minima_met(stars: int, unmet: UnmetMinima) -> bool:
    return not any(unmet.get(level) for level in MINIMUM_STAR_LEVELS if level <= stars)


def score_council(
    sheet: Sheet,
    members: list[MemberAnswers],
    *,
    bands: StarBands,
    allowed_spread: Decimal,
    disqualifying_findings: int = 0,
    minimum_rule: MinimumRule = MinimumRule.MAJORITY,
    disqualification_rule: DisqualificationRule = DisqualificationRule.ANY_MEMBER,
) -> CouncilScore:
    """A council's result from every member's complete sheet; incomplete or invalid sheets raise ValidationError.

    ``disqualifying_findings``: how many members found a disqualifying fault; the rule set's rules say how the
    findings and the star minima are decided across members."""
    scores = _member_sheets(sheet, members)
    totals = [score.total for score in scores]
    mean = _two_places(sum(totals, ZERO) / len(totals))
    unmet = unmet_minima(sheet, consensus_points((score.points for score in scores), minimum_rule))
    disqualified = council_disqualifies(disqualifying_findings, len(scores), disqualification_rule)
    star = final_star(score=mean, unmet_minima=unmet, bands=bands, disqualified=disqualified)
    spread = max(totals) - min(totals)
    return CouncilScore(
        members=tuple(
            MemberScore(name=name, parts=score.parts, total=score.total)
            for (name, _answers), score in zip(members, scores, strict=True)
        ),
        mean=mean,
        band=bands.band_for(mean).stars,
        star=star,
        recognised=bands.is_recognised(star),
        unmet_minima=unmet,
        disqualified=disqualified,
        spread=spread,
        allowed_spread=allowed_spread,
        spread_exceeded=spread > allowed_spread,
        median=_two_places(statistics.median(totals)),
        stdev=_two_places(statistics.pstdev(totals)),
    )


def _member_sheets(sheet: Sheet, members: list[MemberAnswers]) -> list[SheetScore]:
    if not members:
        raise ValidationError(_("A council result needs at least one member's answers."), code="no_members")
    problems, scores = [], []
    for name, answers in members:
        try:
            score = score_sheet(sheet, answers)
        except ValidationError as error:
            problems += [_("%(member)s: %(problem)s") % {"member": name, "problem": text} for text in error.messages]
            continue
        if score.unanswered:
            problems.append(
                _("%(member)s has not answered %(codes)s.") % {"member": name, "codes": ", ".join(score.unanswered)}
            )
        scores.append(score)
    if problems:
        raise ValidationError(problems)
    return scores
