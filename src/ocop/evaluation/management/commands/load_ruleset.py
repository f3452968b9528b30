from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from ocop.evaluation.domain.rule_sets import load_rule_set
from ocop.evaluation.management.reporting import problems_report


class Command(BaseCommand):
    help = "Check a rule-set file (criteria sheets, star bands, procedure) and load it, all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="rule-set JSON file, e.g. src/ocop/evaluation/data/qd26_2026.json")
        parser.add_argument("--identifier", help="load under this identifier instead of the file's")
        parser.add_argument("--valid-from", help="first day of validity (2026-05-22 or 22/05/2026)")
        parser.add_argument("--legal-basis", help="the decision the rules come from")

    def handle(self, *args, file, identifier, valid_from, legal_basis, **options):
        try:
            result = load_rule_set(
                actor=None, path=file, identifier=identifier, valid_from=valid_from, legal_basis=legal_basis
            )
        except ValidationError as error:
            raise problems_report(_("The rule set was not loaded:"), error) from error
        rule_set = result.rule_set
        if result.created:
            message = _("Loaded %(identifier)s (valid from %(valid_from)s) with %(sheets)s scoring sheets.")
        else:
            message = _("%(identifier)s is already loaded with the same content; nothing changed.")
        self.stdout.write(
            message
            % {
                "identifier": rule_set.identifier,
                "valid_from": rule_set.valid_from.strftime("%d/%m/%Y"),
                "sheets": rule_set.sheets.count(),
            }
        )
