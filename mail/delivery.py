"""Handing queued e-mails to the mail server: one attempt per call, waits that grow between
attempts, and the periodic round that sends what is due.

- `deliver(id)` takes a lease on the message (MAIL_LEASE_SECONDS; two workers never send the
  same message, a killed worker lets go when the lease runs out), hands it to the real backend
  (MAIL_DELIVERY_BACKEND; SMTP waits at most EMAIL_TIMEOUT seconds for the server) and marks it
  SENT. A message the server accepted is never sent again; only a worker killed between the
  server's "250" and the SENT mark can send it twice, after its lease.
- A failed attempt is counted and recorded (`last_error`). A 5xx answer (`errors.classify`) makes
  the message FAILED at once; anything else (refused connection, timeout, "421 try later", a bug)
  queues it again after 1, 2, 4… minutes, at most an hour apart, until MAIL_MAX_ATTEMPTS (30,
  about a day); then it is FAILED too. Staff see FAILED messages in the admin and may send them
  again (`outbox.send_again`).
- `send_due()` (every minute, `mail.tasks.send_due_messages`) sends the messages whose wait is
  over. While the server is unreachable it stops at the first message that could not reach it:
  one probe a round, not one timeout per message. Once a message goes through, the messages
  still waiting because of the outage go at once instead of at the end of their wait.
"""

import logging
from collections import Counter
from datetime import timedelta

from django.core.mail import get_connection
from django.db.models import F, Q
from django.utils import timezone
from wagtail import hooks

from mail import conf, retention
from mail.enums import FailureKind, MessageState
from mail.errors import classify, is_mail_error, is_unreachable
from mail.models import Message

logger = logging.getLogger(__name__)

SENT = "sent"
RETRY = "retry"
UNREACHABLE = "unreachable"
FAILED = "failed"
SKIPPED = "skipped"


def delivery_connection(**kwargs):
    """A connection of the backend that really sends (EMAIL_BACKEND is the outbox itself)."""
    return get_connection(conf.get("MAIL_DELIVERY_BACKEND"), **kwargs)


def retry_delay(attempts):
    """The wait after the `attempts`-th failed attempt: 1, 2, 4… minutes, at most an hour."""
    first = conf.get("MAIL_RETRY_FIRST_SECONDS")
    longest = conf.get("MAIL_RETRY_MAX_SECONDS")
    return timedelta(seconds=min(first * 2 ** max(attempts - 1, 0), longest))


def _claim(message_id, now):
    until = now + timedelta(seconds=conf.get("MAIL_LEASE_SECONDS"))
    return (
        Message.objects.filter(pk=message_id, state=MessageState.QUEUED)
        .filter(Q(lease_until__isnull=True) | Q(lease_until__lt=now))
        .update(lease_until=until)
    )


def deliver(message_id, *, connection=None):
    """One attempt to send the message; returns SENT, RETRY, UNREACHABLE (queued again: the
    server could not be reached), FAILED or SKIPPED (sent, failed, gone or held by another
    worker)."""
    if not _claim(message_id, timezone.now()):
        return SKIPPED
    message = Message.objects.filter(pk=message_id).first()
    if message is None:
        return SKIPPED
    email = message.as_email(connection or delivery_connection())
    try:
        email.send()
    except Exception as error:  # noqa: BLE001 - every failure is recorded and tried again
        return _record_failure(message, error)
    # An anymail backend tells the provider's id of the message, which its webhooks name.
    # (A set of ids when recipients got different ones: none is kept.)
    provider_id = getattr(getattr(email, "anymail_status", None), "message_id", None)
    if provider_id is None or isinstance(provider_id, set):
        provider_id = ""
    Message.objects.filter(pk=message.pk).update(
        provider_message_id=str(provider_id)[:255],
        state=MessageState.SENT,
        sent_at=timezone.now(),
        attempts=F("attempts") + 1,
        lease_until=None,
        next_attempt_at=None,
        last_error="",
    )
    return SENT


def _record_failure(message, error):
    now = timezone.now()
    if is_mail_error(error):
        permanent, reason = classify(error)
    else:
        logger.exception("E-mail %s could not be sent (not a mail server error)", message.pk)
        permanent, reason = False, f"{type(error).__name__}: {error}"[:255]
    attempts = message.attempts + 1
    values = {"attempts": attempts, "last_error": reason[:300], "lease_until": None}
    if permanent or attempts >= conf.get("MAIL_MAX_ATTEMPTS"):
        failure = FailureKind.REFUSED if permanent else FailureKind.GAVE_UP
        values.update(state=MessageState.FAILED, failure=failure, failed_at=now)
        outcome = FAILED
    else:
        values.update(next_attempt_at=now + retry_delay(attempts))
        outcome = UNREACHABLE if is_unreachable(error) else RETRY
    Message.objects.filter(pk=message.pk).update(**values)
    logger.warning("E-mail %s: attempt %s failed: %s", message.pk, attempts, reason)
    if outcome == FAILED:
        announce_failure(message.pk)
    return outcome


# --- Telling the apps above that an e-mail failed for good --------------------------------------
# A Wagtail hook: a function `(message) -> None`, registered in an app's wagtail_hooks.py, called
# once a message is FAILED (refused by the mail server, too many attempts, or bounced after it was
# sent: `mail/bounces.py`), e.g. competitions
# tells an entrant that their guardian's consent e-mail did not arrive. A hook that raises is
# logged and the outbox goes on.
MESSAGE_FAILED = "mail_message_failed"


def announce_failure(message_id):
    message = Message.objects.filter(pk=message_id).first()
    if message is None:
        return
    for hook in hooks.get_hooks(MESSAGE_FAILED):
        try:
            hook(message)
        except Exception:
            logger.exception("E-mail %s: a failure hook raised", message_id)


def due(now):
    return (
        Message.objects.filter(state=MessageState.QUEUED)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .filter(Q(lease_until__isnull=True) | Q(lease_until__lt=now))
    )


def _send_all(ids, counts):
    for pk in ids:
        outcome = deliver(pk)
        counts[outcome] += 1
        if outcome == UNREACHABLE:
            return False
    return True


def send_due(now=None):
    """The periodic round: deletes the e-mails past their time (`mail.retention.purge`), sends
    what is due. Returns the counts of outcomes."""
    now = now or timezone.now()
    retention.purge(now)
    size = conf.get("MAIL_ROUND_SIZE")
    counts = Counter()
    ids = list(due(now).order_by("next_attempt_at", "pk").values_list("pk", flat=True)[:size])
    reachable = _send_all(ids, counts)
    if reachable and counts[SENT]:
        # The server answers again: what waited for it goes now.
        waiting = Message.objects.filter(state=MessageState.QUEUED, next_attempt_at__gt=now)
        ids = list(waiting.order_by("next_attempt_at", "pk").values_list("pk", flat=True)[:size])
        _send_all(ids, counts)
    return dict(counts)
