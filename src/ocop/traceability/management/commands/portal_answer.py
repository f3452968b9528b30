from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from ocop.producers.models import Product
from ocop.traceability.domain.national_portal import record_answer


class Command(BaseCommand):
    help = (
        "Record the national traceability portal's answer about a product's record last sent: --ok (taken up) or "
        "--failed with the portal's --message. For the connector that sends the records of ocop portal_export."
    )

    def add_arguments(self, parser):
        parser.add_argument("--product", required=True, help="the product's OCOP code")
        outcome = parser.add_mutually_exclusive_group(required=True)
        outcome.add_argument("--ok", action="store_true", help="the portal took the record up")
        outcome.add_argument("--failed", action="store_true", help="the portal refused it")
        parser.add_argument("--message", default="", help="what the portal said")

    def handle(self, *args, product, ok, message, **options):
        found = Product.objects.filter(code=product).first()
        if found is None:
            raise CommandError(f"no product has the code {product}")
        try:
            sync = record_answer(actor=None, product=found, ok=ok, message=message)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(f"{found.code}: {sync.status}")
