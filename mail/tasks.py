"""Background work of the outbox: each queued e-mail's first attempt, and the round that sends
again what is due (queued by `manage.py start_periodic_tasks`, then every minute)."""

from datetime import timedelta

from django_tasks import task

from mail import delivery
from website.tasks import schedule_next_run

SEND_DUE_EVERY = timedelta(seconds=60)


@task()
def send_message(message_id):
    return delivery.deliver(message_id)


@task()
def send_due_messages():
    """Send the e-mails whose wait is over; queue the next round a minute later."""
    try:
        return delivery.send_due()
    finally:
        # Queue the next run even when this one failed; this copy is itself marked running.
        schedule_next_run(send_due_messages, delay=SEND_DUE_EVERY)


PERIODIC_TASKS = (send_due_messages,)
