import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.evaluation.domain.rule_sets import rule_set_in_force, rule_set_named, score_under
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
                disqualified=council.disqualified,
            )
        except RuleSet.DoesNotExist as error:
            raise problems_report(_("The answers were not scored:"), ValidationError(str(error))) from error
        except ValidationError as error:
            raise problems_report(_("The answers were not scored:"), error) from error
        output = {"rule_set": rule_set.identifier, "sheet": council.sheet} | result.as_dict()
        self.stdout.write(json.dumps(output, ensure_ascii=False, indent=2))
