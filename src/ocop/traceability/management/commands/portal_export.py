import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ocop.producers.models import Product
from ocop.traceability.domain.national_portal import (
    fingerprint,
    mark_pending_changes,
    portal_records,
    record_sent,
    with_trace_data,
)
from ocop.traceability.enums import SyncStatus

STDOUT = "-"


class Command(BaseCommand):
    help = (
        "Write the products' records for the national traceability portal: one JSON file per product in a folder "
        "(<OCOP code>.json), or JSON lines on the screen with --output -, and mark them sent (a connector then "
        "reports the portal's answer with ocop portal_answer). --pending: only the records changed since they were "
        "last sent; --product CODE (repeatable): only these products."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, help="a folder, or - for JSON lines on the screen")
        parser.add_argument("--pending", action="store_true", help="only records changed since they were last sent")
        parser.add_argument("--product", action="append", default=[], help="an OCOP product code (repeatable)")

    def handle(self, *args, output, pending, product, **options):
        products = with_trace_data(Product.objects.all())
        if product:
            products = products.filter(code__in=product)
            if missing := set(product) - set(products.values_list("code", flat=True)):
                raise CommandError(f"no product with trace data has the code {', '.join(sorted(missing))}")
        if pending:
            mark_pending_changes(products=products)
            products = products.filter(portal_sync__status=SyncStatus.PENDING)
        folder = None if output == STDOUT else Path(output)
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)
        sent = [(item, self._write(item, record, folder)) for item, record in portal_records(products)]
        record_sent(actor=None, sent=sent)
        if folder is not None:
            self.stdout.write(f"records written to {folder}: {len(sent)}")

    def _write(self, product: Product, record: dict, folder: Path | None) -> str:
        if folder is None:
            self.stdout.write(json.dumps(record, ensure_ascii=False, sort_keys=True))
        else:
            name = product.code.replace("/", "-") + ".json"
            (folder / name).write_text(json.dumps(record, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
        return fingerprint(record)
