from django.core.management.base import BaseCommand, CommandError

from ocop.accounts.domain.users import reset_password
from ocop.accounts.models import User


class Command(BaseCommand):
    help = "Give a user a new one-time password and print it (it must be changed at the next login)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = User.objects.filter(username__iexact=username).first()
        if user is None:
            raise CommandError(f"no user named {username!r}")
        self.stdout.write(reset_password(actor=None, user=user))
