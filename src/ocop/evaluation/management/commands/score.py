import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.evaluation.domain.rule_sets import rule_set_in_force, rule_set_named, score_under
from ocop.evaluation.domain.scoring import quorum_needed
from ocop.evaluation.interfaces.answer_files import read_council_answers
from ocop.evaluation.management.reporting import problems_report
from ocop.evaluation.models import RuleSet


class Command(BaseCommand):
    help = "Score a council's answers from a JSON or Excel file and print the result as JSON (see docs/scoring.md)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="answers file (.json or .xlsx)")

    def handle(self, *args, file, **options):
        try:
            council = read_council_answers(file)
            rule_set = rule_set_named(council.rule_set) if council.rule_set else rule_set_in_force(timezone.localdate())
            result = score_under(
                rule_set,
                sheet_no=council.sheet,
                members=council.members,
                allowed_spread=council.allowed_spread,
                disqualifying_findings=len(council.members) if council.disqualified else 0,
            )
        except RuleSet.DoesNotExist as error:
            raise problems_report(_("The answers were not scored:"), ValidationError(str(error))) from error
        except ValidationError as error:
            raise problems_report(_("The answers were not scored:"), error) from error
        quorum = _quorum(council, rule_set)
        if not quorum["reached"]:
            self.stderr.write(_quorum_warning(quorum))
        output = {"rule_set": rule_set.identifier, "sheet": council.sheet} | result.as_dict() | {"quorum": quorum}
        self.stdout.write(json.dumps(output, ensure_ascii=False, indent=2))


def _quorum(council, rule_set: RuleSet) -> dict:
    """How many members scored against how many the rule set's quorum needs of the council (when its size is given)."""
    needed = quorum_needed(council.council_size, rule_set.quorum_fraction) if council.council_size else None
    return {
        "scored": len(council.members),
        "council_size": council.council_size,
        "needed": needed,
        "reached": None if needed is None else len(council.members) >= needed,
    }


def _quorum_warning(quorum: dict) -> str:
    if quorum["reached"] is None:
        return (
            _(
                "The quorum was not checked: %(scored)s member(s) scored; give council_size (the council's scoring "
                "members) in the file to check it."
            )
            % quorum
        )
    return _("Quorum not reached: %(scored)s of %(council_size)s members scored, %(needed)s needed.") % quorum
