import json
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from ocop.planning.domain.loader import PLAN_706_FILE, load_plan_file


class Command(BaseCommand):
    help = (
        "Load plans from a plan file (JSON, format ocop-plan/1, see docs/planning.md): targets, quotas, tasks and "
        "reporting obligations. Checks the whole file first; loading it again changes nothing. Without a file, "
        "loads plan 706/KH-UBND (Ninh Thuận, 2024) and its parent programme 4056/KH-UBND."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", type=Path, default=PLAN_706_FILE, help="plan file (.json)")

    def handle(self, *args, file, **options):
        with translation.override(settings.LANGUAGE_CODE):
            try:
                result = load_plan_file(file)
            except ValidationError as error:
                lines = ["Không nạp được kế hoạch / the plan was not loaded:", *error.messages]
                raise CommandError("\n".join(lines)) from error
        self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
