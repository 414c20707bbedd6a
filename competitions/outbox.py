"""The competitions' e-mails go through the site's one outbox (mail/): `queue()` renders them
now, from the entry as it is in the caller's transaction, each in its recipient's language
(competitions/notifications.py), and saves them in that transaction; the worker sends them
after the commit and tries again while the mail server is down (mail/delivery.py).

E-mails to the entrant and the guardian are filed under the entry (`topic`): erasing the
entry's personal data deletes them (`discard`). Alerts to safeguarding officers carry only
the reference and an admin link and are filed apart, so they survive a withdrawal.
"""

from competitions.enums import Recipient
from competitions.notifications import Notice, build_messages
from mail import outbox as mail_outbox


def entry_topic(entry_or_id):
    return f"competitions.entry:{getattr(entry_or_id, 'pk', entry_or_id)}"


def safeguarding_topic(entry_or_id):
    return f"competitions.safeguarding:{getattr(entry_or_id, 'pk', entry_or_id)}"


def queue(entry, kind, recipient, event=None):
    """Render the e-mails of a notice about `entry` and save them in the outbox (inside the
    caller's transaction; sent after it commits). Returns the outbox rows ([] when there is
    nobody to write to)."""
    notice = Notice(entry=entry, kind=kind, recipient=recipient, event=event)
    topic = (
        safeguarding_topic(entry.pk)
        if recipient == Recipient.SAFEGUARDING
        else entry_topic(entry.pk)
    )
    return [
        mail_outbox.enqueue(
            to=rendered.to,
            subject=rendered.subject,
            body=rendered.body,
            language=rendered.language,
            kind=f"competitions.{kind}",
            topic=topic,
        )
        for rendered in build_messages(notice)
    ]


def discard(entry):
    """The entry's personal data is being erased: its e-mails to the entrant and the guardian
    go too (sent or not); safeguarding alerts stay."""
    return mail_outbox.discard(entry_topic(entry))
