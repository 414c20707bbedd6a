"""The competitions' e-mails go through the site's one outbox (mail/): `queue()` renders them
now, from the entry as it is in the caller's transaction, each in its recipient's language
(competitions/notifications.py), and saves them in that transaction; the worker sends them
after the commit and tries again while the mail server is down (mail/delivery.py).

E-mails to the entrant and the guardian are filed under the entry (`topic`): erasing the
entry's personal data deletes them (`discard`). Alerts to safeguarding officers carry only
the reference and an admin link and are filed apart, so they survive a withdrawal.

`Notification` rows are no longer written. Rows saved before the outbox existed and not sent
yet are moved into it (`move_pending`: by the daily round, and by the old
`deliver_notification` tasks still in the queue).
"""

from django.db import transaction
from django_tasks import task

from competitions.models import Notification
from competitions.notifications import build_messages
from mail import outbox as mail_outbox

MAX_ATTEMPTS = 6


def entry_topic(entry_or_id):
    return f"competitions.entry:{getattr(entry_or_id, 'pk', entry_or_id)}"


def safeguarding_topic(entry_or_id):
    return f"competitions.safeguarding:{getattr(entry_or_id, 'pk', entry_or_id)}"


def _enqueue(notification):
    topic = (
        safeguarding_topic(notification.entry_id)
        if notification.recipient == Notification.Recipient.SAFEGUARDING
        else entry_topic(notification.entry_id)
    )
    return [
        mail_outbox.enqueue(
            to=rendered.to,
            subject=rendered.subject,
            body=rendered.body,
            language=rendered.language,
            kind=f"competitions.{notification.kind}",
            topic=topic,
        )
        for rendered in build_messages(notification)
    ]


def queue(entry, kind, recipient, event=None):
    """Render the e-mails of a notice about `entry` and save them in the outbox (inside the
    caller's transaction; sent after it commits). Returns the outbox rows ([] when there is
    nobody to write to)."""
    notification = Notification(entry=entry, kind=kind, recipient=recipient, event=event)
    return _enqueue(notification)


def discard(entry):
    """The entry's personal data is being erased: its e-mails to the entrant and the guardian
    go too (sent or not); safeguarding alerts stay."""
    Notification.objects.filter(entry=entry, sent_at__isnull=True).exclude(
        recipient=Notification.Recipient.SAFEGUARDING
    ).delete()
    return mail_outbox.discard(entry_topic(entry))


def move_pending(notification_ids=None):
    """Move the unsent `Notification` rows saved before the outbox existed into it (rendered
    now), then delete them. Returns how many rows were moved."""
    pending = Notification.objects.select_related("entry", "event").filter(
        sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS
    )
    if notification_ids is not None:
        pending = pending.filter(pk__in=notification_ids)
    moved = 0
    for notification in pending:
        with transaction.atomic():
            _enqueue(notification)
            notification.delete()
        moved += 1
    return moved


def retry_unsent():
    """The daily round's share: pending legacy rows into the outbox (the outbox retries its
    own messages every minute, `mail.tasks.send_due_messages`)."""
    return move_pending()


@task()
def deliver_notification(notification_id):
    """Tasks queued before the outbox existed: their notification moves into it."""
    return "moved" if move_pending([notification_id]) else "skipped"
