import time

from django.core.management.base import BaseCommand

from ocop.traceability.domain.scan_log import flush_scans


class Command(BaseCommand):
    help = (
        "Store the stamp scans spooled by the scan pages (every minute that has ended), bring each stamp's count and "
        "first scan up to date and flag copied, burst or voided stamps. Run it every minute from cron or a systemd "
        "timer on each machine that serves pages; --all also stores the running minute (when the servers are stopped)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="also the running minute: only with the servers stopped")

    def handle(self, *args, all, **options):
        stored = flush_scans(now=time.time() + 180 if all else None)
        self.stdout.write(f"scans stored: {stored}")
