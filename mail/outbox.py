"""The platform's one outbox. Every e-mail is saved here, rendered, in the caller's transaction
and sent by the worker after the transaction commits (`mail/delivery.py`: retries with growing
waits, permanent failures kept for staff).

- `enqueue(...)`: an e-mail already rendered (in its recipient's language).
- `enqueue_rendered(template, context, ...)`: renders `<template>_subject.txt` and
  `<template>.txt` with `website.emails.render_email` in `language`, then queues it.
- `enqueue_email(email_message, ...)`: a Django `EmailMessage` (`mail.backends.OutboxBackend`
  uses it for Django's and Wagtail's own e-mails: password reset, workflow notices).
- `discard(topic)`: deletes the e-mails about someone whose personal data is erased.
- `send_again(message, by=...)`: staff put a FAILED e-mail back in the queue.
"""

from django.db import transaction
from django.utils import timezone

from mail.enums import MessageState
from mail.models import Message
from mail.tasks import send_message
from website.emails import language_of, render_email, sender


def _queue_send(message):
    transaction.on_commit(lambda: send_message.enqueue(message.pk))


def enqueue(
    *,
    to,
    subject,
    body,
    html="",
    from_email=None,
    cc=(),
    bcc=(),
    reply_to=(),
    headers=None,
    language="",
    kind="",
    topic="",
):
    """Save one e-mail to send; it is handed to the worker after the transaction commits.
    `to` is an address or a list of addresses. It gets its Message-ID now (the caller's own
    `Message-ID` header if it gives one), so a later bounce can name it."""
    from_email = from_email or sender(language)
    headers = dict(headers or {})
    given_id = next((v for k, v in headers.items() if k.lower() == "message-id"), "")
    message = Message.objects.create(
        kind=kind,
        topic=topic,
        language=language,
        from_email=from_email,
        to=[to] if isinstance(to, str) else list(to),
        cc=list(cc),
        bcc=list(bcc),
        reply_to=list(reply_to),
        headers=headers,
        subject=" ".join(str(subject).split()),
        body=body,
        html=html,
        message_id=str(given_id) or Message.new_message_id(from_email),
    )
    _queue_send(message)
    return message


def enqueue_rendered(template, context, *, to, language, kind="", topic="", from_email=None):
    """Render `template` in `language` (the recipient's; `website.emails.render_email`) and
    queue it."""
    language = language_of(language)
    subject, body = render_email(template, context, language=language)
    return enqueue(
        to=to,
        subject=subject,
        body=body,
        from_email=from_email,
        language=language,
        kind=kind,
        topic=topic,
    )


def enqueue_email(email_message, *, language="", kind="", topic=""):
    """Queue a Django `EmailMessage` (HTML alternatives kept; attachments are not supported)."""
    if email_message.attachments:
        raise ValueError("The outbox does not keep attachments.")
    return enqueue(**Message.fields_of(email_message), language=language, kind=kind, topic=topic)


def pending(topic):
    """E-mails about `topic` that have not gone out (queued or failed)."""
    return Message.objects.filter(topic=topic).exclude(state=MessageState.SENT)


def discard(topic, *, sent_too=True):
    """Delete the e-mails about `topic` (its personal data is being erased): the ones waiting
    are never sent. Returns how many rows went."""
    rows = Message.objects.filter(topic=topic)
    if not sent_too:
        rows = rows.exclude(state=MessageState.SENT)
    return rows.delete()[0]


def send_again(message, *, by=None):
    """A FAILED e-mail back in the queue with a fresh count of attempts, sent after commit.
    False when it is not FAILED (sent or already waiting). `by` is the staff user."""
    with transaction.atomic():
        updated = Message.objects.filter(pk=message.pk, state=MessageState.FAILED).update(
            state=MessageState.QUEUED,
            failure="",
            attempts=0,
            failed_at=None,
            next_attempt_at=None,
            lease_until=None,
        )
        if not updated:
            return False
        _queue_send(message)
    message.refresh_from_db()
    return True


def send_now(message):
    """A QUEUED e-mail waiting for its next attempt is tried after commit, without waiting
    (e.g. a reader asks again for a confirmation that has not gone out yet)."""
    Message.objects.filter(pk=message.pk, state=MessageState.QUEUED).update(
        next_attempt_at=timezone.now()
    )
    _queue_send(message)
