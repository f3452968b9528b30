from django.core.management.base import BaseCommand, CommandError

from ocop.demo.loader import demo_loaded, load_demo, refuse_in_production


class Command(BaseCommand):
    help = "Load the Ninh Thuận demo data (once) and print the demo accounts' password."

    def handle(self, *args, **options):
        refuse_in_production()
        if demo_loaded():
            raise CommandError("the demo data is already loaded")
        self.stdout.write(load_demo())
