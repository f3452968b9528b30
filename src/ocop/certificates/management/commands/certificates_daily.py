import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from ocop.certificates.domain.expiry import run_daily


class Command(BaseCommand):
    help = (
        "Daily certificate job: expiry notices and reminders, expiries, overdue revocations, suspensions and "
        "corrective actions. Run it once a day from cron or a systemd timer; running it twice sends nothing twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Run as on this day (dd/mm/yyyy), e.g. to catch up; default today.")

    def handle(self, *args, **options):
        day = None
        if options["date"]:
            try:
                day = datetime.datetime.strptime(options["date"], "%d/%m/%Y").date()
            except ValueError as error:
                raise CommandError("--date must be written dd/mm/yyyy") from error
        with translation.override(settings.LANGUAGE_CODE):
            report = run_daily(today=day)
        for name, value in report.as_dict().items():
            self.stdout.write(f"{name}: {value:%d/%m/%Y}" if isinstance(value, datetime.date) else f"{name}: {value}")
