from django.core.management.base import BaseCommand

from ocop.geo.domain.loader import load_administrative_units


class Command(BaseCommand):
    help = "Load or refresh Vietnam's administrative units (before and after 1/7/2025) and their succession."

    def handle(self, *args, **options):
        report = load_administrative_units()
        if options["verbosity"] < 1:
            return
        self.stdout.write(
            f"units: {report.created} created, {report.updated} updated; "
            f"successions: {report.successions_created} created, {report.successions_skipped} skipped "
            "(codes the package lists without a matching unit)"
        )
