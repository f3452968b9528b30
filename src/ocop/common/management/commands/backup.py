from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ocop.common.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Back up the database (TOTP secrets included) and the uploaded files into one archive, while running."

    def add_arguments(self, parser):
        parser.add_argument("destination", help="a folder (a dated file is written in it) or the archive's path")

    def handle(self, *args, destination, **options):
        try:
            archive = create_backup(Path(destination))
        except (BackupError, OSError) as error:
            raise CommandError(f"Sao lưu không thành công / backup failed: {error}") from error
        self.stdout.write(f"Đã sao lưu / backed up: {archive}")
