"""Who a send goes to, and the start of scheduled sends.

A send's deliveries are made when it starts: at once for a send started by hand, at its time
for a scheduled one (so a scheduled send reaches the subscribers confirmed by then, in the
language they chose by then). The worker runs `start_due_sends` every minute
(`tasks.start_scheduled_sends`), so a send starts at most a minute after its time; times are
entered and shown in the site's time zone, Europe/Tirane.
"""

import logging

from django.db import transaction
from django.utils import timezone

from newsletter import queries
from newsletter.enums import SendState
from newsletter.models import BulletinSend, Delivery

logger = logging.getLogger(__name__)


def make_deliveries(send):
    """One QUEUED delivery per recipient of the send's segment (`queries.recipients`), in the
    language each subscriber chose. Returns how many."""
    topic_ids = list(send.topics.values_list("pk", flat=True))
    rows = queries.recipients(topic_ids).values_list("pk", "language")
    created = Delivery.objects.bulk_create(
        [
            Delivery(send=send, subscriber_id=pk, language=language)
            for pk, language in rows.iterator(chunk_size=2000)
        ],
        batch_size=1000,
    )
    return len(created)


def start_due_sends(*, now=None):
    """Starts every SCHEDULED send whose time has come: its deliveries are made, it becomes
    SENDING (its `started_at` the time it started). A send whose bulletin is no longer
    published waits (the e-mail links to the page). Returns the ids of the sends started; the
    caller queues their jobs."""
    now = now or timezone.now()
    due = BulletinSend.objects.filter(
        state=SendState.SCHEDULED, scheduled_for__lte=now, page__live=True
    ).order_by("scheduled_for", "pk")
    started = []
    for send_id in list(due.values_list("pk", flat=True)):
        with transaction.atomic():
            # Conditional: a send cancelled (deleted) or started meanwhile is left alone.
            taken = BulletinSend.objects.filter(pk=send_id, state=SendState.SCHEDULED).update(
                state=SendState.SENDING, started_at=now
            )
            if not taken:
                continue
            count = make_deliveries(BulletinSend.objects.get(pk=send_id))
        started.append(send_id)
        logger.info("Scheduled send %s started for %s recipients", send_id, count)
    return started
