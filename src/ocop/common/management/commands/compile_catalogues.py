from django.core.management.base import BaseCommand

from ocop.common.i18n import compile_catalogues


class Command(BaseCommand):
    help = "Compile the Vietnamese and English translation catalogues (.po → .mo) without GNU gettext."

    def handle(self, *args, **options):
        written = compile_catalogues()
        self.stdout.write(f"{len(written)} catalogue(s) compiled")
