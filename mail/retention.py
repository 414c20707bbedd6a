"""How long the outbox keeps e-mails: every period and rule of its purge in one place. E-mails
hold personal data (addresses, names, links to an entry), so none is kept for ever.

- **Sent**: deleted `MAIL_KEEP_SENT_DAYS` (30) days after they went out; a bounce reported
  later than that finds nothing to mark (`mail/bounces.py`).
- **Failed** (refused, too many attempts, bounced): deleted `MAIL_KEEP_FAILED_DAYS` (90) days
  after they failed; until then staff see them in the outbox report and may send them again.
  The apps told of the failure (`mail_message_failed`) keep what they need themselves, e.g.
  the entry's `consent_undelivered_at`.
- **Waiting**: never deleted by age; they are sent or fail within about a day
  (`MAIL_MAX_ATTEMPTS`).
- E-mails about someone whose personal data is erased go at once, whatever their state
  (`outbox.discard`).

Run by the outbox's periodic round (`delivery.send_due`, every minute).
"""

from datetime import timedelta

from mail import conf
from mail.enums import MessageState
from mail.models import Message


def purge(now):
    """Delete the sent and failed e-mails past their time; returns {state: rows deleted}."""
    sent = timedelta(days=conf.get("MAIL_KEEP_SENT_DAYS"))
    failed = timedelta(days=conf.get("MAIL_KEEP_FAILED_DAYS"))
    return {
        MessageState.SENT: Message.objects.filter(
            state=MessageState.SENT, sent_at__lt=now - sent
        ).delete()[0],
        MessageState.FAILED: Message.objects.filter(
            state=MessageState.FAILED, failed_at__lt=now - failed
        ).delete()[0],
    }
