from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from ocop.evaluation.domain.rule_sets import load_builtin_rule_sets
from ocop.evaluation.management.reporting import problems_report


class Command(BaseCommand):
    help = "Load the rule sets shipped with the system (QĐ 148, QĐ 148 as amended by 1489, QĐ 26/2026); idempotent."

    def handle(self, *args, **options):
        try:
            results = load_builtin_rule_sets(actor=None)
        except ValidationError as error:
            raise problems_report(_("The built-in rule sets were not loaded:"), error) from error
        for result in results:
            state = _("loaded") if result.created else _("already loaded")
            self.stdout.write(f"{result.rule_set.identifier}: {state}")
