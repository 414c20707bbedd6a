"""The competitions' e-mail outbox: a `Notification` row is saved with the change that causes
it, and the task here sends it after the transaction commits, with retries. The content is
rendered when sending (competitions/notifications.py), from the entry as it then is.

Services queue with `queue()`; the daily round (competitions/tasks.py) sends again what is left.
"""

import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks import default_task_backend, task

from competitions.models import Notification
from competitions.notifications import build_messages

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 6


def queue(entry, kind, recipient, event=None):
    """Save an e-mail to send; it is handed to the worker after the transaction commits."""
    notification = Notification.objects.create(
        entry=entry, kind=kind, recipient=recipient, event=event
    )
    transaction.on_commit(lambda: deliver_notification.enqueue(notification.pk))
    return notification


@task()
def deliver_notification(notification_id):
    """Send one saved notification. A failure is recorded and retried later; it never touches
    the entry itself, which was saved before this ran."""
    notification = (
        Notification.objects.select_related("entry", "event").filter(pk=notification_id).first()
    )
    if notification is None or notification.sent_at is not None:
        return "skipped"
    try:
        messages = build_messages(notification)
        for message in messages:
            message.send()
    except Exception as error:  # noqa: BLE001 - any mail failure is retried
        notification.attempts += 1
        notification.last_error = f"{type(error).__name__}: {error}"[:300]
        notification.save(update_fields=["attempts", "last_error"])
        logger.warning(
            "Notification %s failed (attempt %s)", notification.pk, notification.attempts
        )
        if notification.attempts < MAX_ATTEMPTS and default_task_backend.supports_defer:
            delay = timedelta(minutes=2**notification.attempts)
            deliver_notification.using(run_after=timezone.now() + delay).enqueue(notification.pk)
        return "failed"
    notification.attempts += 1
    notification.sent_at = timezone.now()
    notification.save(update_fields=["attempts", "sent_at"])
    return "sent"


def retry_unsent(max_attempts=MAX_ATTEMPTS):
    """Queue again every notification that has not gone out (used by the daily round)."""
    pending = Notification.objects.filter(sent_at__isnull=True, attempts__lt=max_attempts)
    ids = list(pending.values_list("pk", flat=True))
    for pk in ids:
        deliver_notification.enqueue(pk)
    return len(ids)
