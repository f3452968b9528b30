"""ocop issue_api_token USERNAME --name "Sàn TMĐT" --scope public:read [--scope …] [--days 365]: a token for an
account (a partner system's account made by the administrator), its key printed once."""

import datetime

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ocop.accounts.domain.tokens import issue_token
from ocop.accounts.enums import TokenScope
from ocop.accounts.models import User


class Command(BaseCommand):
    help = "Issue an API token for an account and print its key (shown only once)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", required=True, help="which system uses the token")
        parser.add_argument("--scope", action="append", required=True, choices=[s.value for s in TokenScope])
        parser.add_argument("--days", type=int, help="valid for this many days (no end date if omitted)")

    def handle(self, *args, username, name, scope, days, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Không có tài khoản “{username}”.")
        expires_at = timezone.now() + datetime.timedelta(days=days) if days else None
        try:
            token, key = issue_token(actor=None, user=user, name=name, scopes=scope, expires_at=expires_at)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(f"{token.name} ({', '.join(token.scopes)}): {key}")
