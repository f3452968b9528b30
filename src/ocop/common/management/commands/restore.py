from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ocop.common.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "Restore the database and the uploaded files from an archive made by ocop backup (replaces them)."

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--yes", action="store_true", help="confirm that the current data is to be replaced")

    def handle(self, *args, archive, yes, **options):
        if not yes:
            raise CommandError(
                "Khôi phục sẽ thay toàn bộ dữ liệu hiện có; thêm --yes để xác nhận / add --yes: this replaces all data"
            )
        try:
            manifest = restore_backup(Path(archive))
        except (BackupError, OSError) as error:
            raise CommandError(f"Khôi phục không thành công / restore failed: {error}") from error
        self.stdout.write(f"Đã khôi phục bản sao lưu ngày / restored the backup of {manifest['created_at']}")
