import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ocop.common.domain.calendar import days_off, record_exception, remove_exception


def _day(text: str) -> datetime.date:
    try:
        return datetime.datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError:
        raise CommandError(f"ngày không hợp lệ / not a date (dd/mm/yyyy): {text}") from None


class Command(BaseCommand):
    help = (
        "Working-day calendar: list a year's holidays and announced exceptions, record a day off or a make-up "
        "working day the government announced, or remove one. Deadlines in working days follow it."
    )

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        listing = actions.add_parser("list", help="holidays and exceptions of a year")
        listing.add_argument("--year", type=int, default=timezone.localdate().year)
        for name, text in (("day-off", "record an announced day off"), ("working-day", "record a make-up working day")):
            action = actions.add_parser(name, help=text)
            action.add_argument("day", help="dd/mm/yyyy")
            action.add_argument("note", help="the announcement, e.g. “Nghỉ bù Quốc khánh theo Thông báo …”")
        removal = actions.add_parser("remove", help="forget a recorded exception")
        removal.add_argument("day", help="dd/mm/yyyy")

    def handle(self, *args, action, **options):
        if action == "list":
            for day, name, working in days_off(options["year"]):
                self.stdout.write(f"{day:%d/%m/%Y}  {'làm việc' if working else 'nghỉ'}  {name}")
        elif action == "remove":
            if not remove_exception(actor=None, day=_day(options["day"])):
                raise CommandError(f"không có ngoại lệ nào ngày / nothing recorded on {options['day']}")
        else:
            if not options["note"].strip():
                raise CommandError("ghi rõ căn cứ / say which announcement")
            record_exception(
                actor=None, day=_day(options["day"]), is_working_day=action == "working-day", note=options["note"]
            )
