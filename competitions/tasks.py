"""Background work: sending e-mails, with retries. Tasks load by id and call one function."""

import logging
from datetime import timedelta

from django.utils import timezone
from django_tasks import default_task_backend, task

from competitions import services
from competitions.models import Notification
from competitions.notifications import build_messages
from website.tasks import schedule_next_run

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 6
PURGE_EVERY = timedelta(days=1)


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
    """Queue again every notification that has not gone out (used by a command and the worker)."""
    pending = Notification.objects.filter(sent_at__isnull=True, attempts__lt=max_attempts)
    ids = list(pending.values_list("pk", flat=True))
    for pk in ids:
        deliver_notification.enqueue(pk)
    return len(ids)


def housekeeping():
    """The daily round: the one consent reminder, expired consents, the purge of personal data
    (entries an app above protects are kept: `competitions.retention`), and e-mails to send
    again."""
    return {
        "reminded": services.send_consent_reminders(),
        "expired": services.expire_unconsented(),
        "purged": services.purge_entries(),
        "retried": retry_unsent(),
    }


@task()
def purge_entries_task():
    """Run `housekeeping` and queue the next run a day later (see `website.tasks`)."""
    try:
        return housekeeping()
    finally:
        # Queue the next run even when this one failed; this copy is itself marked running.
        schedule_next_run(purge_entries_task, delay=PURGE_EVERY)


# Queued by `manage.py start_periodic_tasks` (website/tasks.py); each run queues the next.
PERIODIC_TASKS = (purge_entries_task,)
