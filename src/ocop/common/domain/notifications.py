"""Telling people what they must act on: an in-app notification now, an e-mail once the change has committed."""

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from ocop.common.models import Notification


def notify(*, recipients: Iterable, verb: str, message: str, url: str = "") -> list[Notification]:
    """Create one notification per distinct active recipient and mail each of them after commit."""
    seen, created = set(), []
    for user in recipients:
        if user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        created.append(Notification(recipient=user, verb=verb, message=message[:300], url=url))
    Notification.objects.bulk_create(created)  # both databases return the new ids
    ids = [notification.pk for notification in created]
    transaction.on_commit(lambda: send_notification_emails(ids))
    return created


def send_notification_emails(notification_ids: list[int]) -> int:
    """Mail notifications not mailed yet to recipients who have an address; returns how many were sent."""
    sent = 0
    pending = Notification.objects.filter(pk__in=notification_ids, emailed_at__isnull=True).select_related("recipient")
    for notification in pending:
        if notification.recipient.email:
            link = f"\n\n{settings.SITE_URL}{notification.url}" if notification.url else ""
            send_mail(
                subject=f"[OCOP] {notification.message[:80]}",
                message=notification.message + link,
                from_email=None,
                recipient_list=[notification.recipient.email],
            )
            sent += 1
        notification.emailed_at = timezone.now()
        notification.save(update_fields=["emailed_at"])
    return sent


@transaction.atomic
def mark_read(*, user, notification_ids: Iterable[int] | None = None) -> int:
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        unread = unread.filter(pk__in=list(notification_ids))
    return unread.update(read_at=timezone.now())
