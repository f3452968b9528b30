"""The self-assessment calculator: one person's sheet scored with the same module as councils, with the band, the
star the answers would reach, and the minima still missing for each star level."""

from dataclasses import dataclass

from ocop.evaluation.definitions import Leaf, Sheet
from ocop.evaluation.domain.scoring import Answers, SheetScore, final_star, score_sheet
from ocop.evaluation.models import RuleSet


@dataclass(frozen=True)
class Estimate:
    rule_set: str
    sheet: Sheet
    score: SheetScore
    band: int
    star: int | None
    recognised: bool
    missing: dict[int, tuple[Leaf, ...]]  # star level → criteria below that level's minimum (or unanswered)

    def as_dict(self) -> dict:
        return {
            "rule_set": self.rule_set,
            "sheet": self.sheet.no,
            "parts": {part: str(points) for part, points in self.score.parts.items()},
            "total": str(self.score.total),
            "band": self.band,
            "star": self.star,
            "recognised": self.recognised,
            "unanswered": list(self.score.unanswered),
            "missing_minima": {str(level): [leaf.code for leaf in leaves] for level, leaves in self.missing.items()},
        }


def estimate(rule_set: RuleSet, sheet_no: int, answers: Answers) -> Estimate:
    """Score answers as one assessor would; unknown criteria or options raise ValidationError."""
    sheet = rule_set.sheet(sheet_no)
    score = score_sheet(sheet, answers)
    bands = rule_set.bands
    star = final_star(score=score.total, unmet_minima=score.unmet_minima, bands=bands, disqualified=False)
    return Estimate(
        rule_set=rule_set.identifier,
        sheet=sheet,
        score=score,
        band=bands.band_for(score.total).stars,
        star=star,
        recognised=bands.is_recognised(star),
        missing={
            level: tuple(sheet.leaves_by_code[code] for code in codes) for level, codes in score.unmet_minima.items()
        },
    )
