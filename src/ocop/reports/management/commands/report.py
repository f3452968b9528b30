from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from ocop.planning.domain.progress import plan_period
from ocop.planning.models import Plan
from ocop.reports.domain.plan_reports import live_payload, report_payload, unsaved_draft
from ocop.reports.interfaces import files
from ocop.reports.models import PlanReport, ReportStatus


class Command(BaseCommand):
    help = (
        "Write a plan's implementation report for a period as JSON, Excel, Word or PDF, e.g. "
        "ocop report --plan 706/KH-UBND --period 2024-H1 --format docx --output bao-cao.docx. "
        "By default the figures are today's (as a new draft would show them); --issued writes the latest issued "
        "report of that period with its frozen figures."
    )

    def add_arguments(self, parser):
        parser.add_argument("--plan", required=True, help="the plan's number and symbol, e.g. 706/KH-UBND")
        parser.add_argument("--period", required=True, help="a year (2024) or a half year (2024-H1)")
        parser.add_argument("--format", dest="fmt", choices=list(files.FORMATS), default="json")
        parser.add_argument("--output", type=Path, help="file to write; JSON goes to the screen without it")
        parser.add_argument("--issued", action="store_true", help="the latest issued report, frozen figures")

    def handle(self, *args, plan, period, fmt, output, issued, **options):
        with translation.override(settings.LANGUAGE_CODE):
            found = Plan.objects.filter(reference__iexact=plan.strip()).first()
            if found is None:
                raise CommandError(f"Không có kế hoạch / no plan {plan}")
            try:
                key = plan_period(found, period).key
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from error
            if issued:
                report = (
                    PlanReport.objects.filter(plan=found, period_key=key, status=ReportStatus.ISSUED)
                    .order_by("-issued_at", "-pk")
                    .first()
                )
                if report is None:
                    raise CommandError(f"Chưa có báo cáo đã ban hành / no issued report for {found} {key}")
                payload = report_payload(report)
            else:
                obligation = found.obligations.order_by("position", "pk").first()
                payload = live_payload(unsaved_draft(found, key, obligation))
            content = files.render(payload, fmt)
        if output is None:
            if fmt != "json":
                raise CommandError("--output is required for docx, pdf and xlsx")
            self.stdout.write(content.decode("utf-8"), ending="")
            return
        output.write_bytes(content)
        self.stdout.write(f"{output} ({len(content)} bytes)")
