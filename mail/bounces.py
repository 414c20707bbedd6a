"""Bounces reported after the mail server accepted an e-mail: the recipient's server refused it
later. Two ways in, one effect:

- the provider's webhook (django-anymail's `tracking` signal, `mail/signals.py`): a "bounced"
  or "rejected" event naming the message by the provider's id or by our Message-ID;
- `manage.py process_bounces` (`process_mailbox`), no provider needed: delivery status
  notifications (RFC 3464 multipart/report) that came back to the envelope sender, read from a
  mailbox (MAIL_BOUNCE_MAILBOX: a Maildir folder or an mbox file, e.g. delivered there by the
  mail server's local delivery), matched by the Message-ID of the original e-mail they quote
  (every e-mail of the outbox is sent with the Message-ID it was given when queued).

`record_bounce` marks the SENT e-mail FAILED (`FailureKind.BOUNCED`, the reason in
`last_error`) and announces it through the `mail_message_failed` hook, exactly as a refusal at
sending (`delivery.announce_failure`): e.g. an entrant is told that their guardian's consent
e-mail did not arrive. An unknown id, an address the e-mail was not sent to, or an e-mail
already FAILED change nothing (providers repeat their webhooks).
"""

import email
import email.policy
import logging
import mailbox
from email.utils import parseaddr
from pathlib import Path

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from mail import conf, delivery
from mail.enums import FailureKind, MessageState
from mail.models import Message

logger = logging.getLogger(__name__)


def normalise_id(message_id):
    """A Message-ID as stored: in angle brackets, without spaces."""
    message_id = "".join(str(message_id or "").split()).strip("<>")
    return f"<{message_id}>" if message_id else ""


def find(message_id):
    """The e-mail a provider's id or a Message-ID (with or without its angle brackets) names,
    or None."""
    raw = "".join(str(message_id or "").split())
    if not raw.strip("<>"):
        return None
    return (
        Message.objects.filter(
            Q(provider_message_id__in={raw, raw.strip("<>")}) | Q(message_id=normalise_id(raw))
        )
        .order_by("-pk")
        .first()
    )


def record_bounce(message_id, *, recipient="", reason="", now=None):
    """The e-mail named by `message_id` bounced (for `recipient`, when the report names one).
    Returns the e-mail marked FAILED, or None when nothing changed."""
    message = find(message_id)
    if message is None:
        return None
    addresses = {parseaddr(address)[1].lower() for address in message.recipients}
    if recipient and parseaddr(recipient)[1].lower() not in addresses:
        logger.warning("Bounce for e-mail %s names another address; ignored", message.pk)
        return None
    with transaction.atomic():
        updated = Message.objects.filter(pk=message.pk, state=MessageState.SENT).update(
            state=MessageState.FAILED,
            failure=FailureKind.BOUNCED,
            failed_at=now or timezone.now(),
            last_error=(reason or "bounced")[:300],
        )
    if not updated:
        return None
    logger.warning("E-mail %s bounced: %s", message.pk, reason)
    delivery.announce_failure(message.pk)
    message.refresh_from_db()
    return message


# --- Delivery status notifications (RFC 3464) ---------------------------------------------------


def _original_message_id(report):
    """The Message-ID of the e-mail a report is about, from the original it quotes (whole, or
    its headers only)."""
    for part in report.walk():
        content_type = part.get_content_type()
        if content_type == "message/rfc822":
            original = part.get_payload(0)
            return normalise_id(original.get("Message-ID", ""))
        if content_type == "text/rfc822-headers":
            headers = email.message_from_string(part.get_content(), policy=email.policy.default)
            return normalise_id(headers.get("Message-ID", ""))
    return ""


def failed_recipients(report):
    """[(address, reason)] of a delivery status notification's recipients whose delivery
    failed for good ("Action: failed"); [] for anything else (a delay, a success, not a report)."""
    if report.get_content_type() != "multipart/report":
        return []
    if report.get_param("report-type", "").lower() != "delivery-status":
        return []
    failed = []
    for part in report.walk():
        if part.get_content_type() != "message/delivery-status":
            continue
        # The first block is about the message, each further one about a recipient.
        for fields in part.get_payload()[1:]:
            if str(fields.get("Action", "")).strip().lower() != "failed":
                continue
            address = str(fields.get("Final-Recipient") or fields.get("Original-Recipient") or "")
            address = address.partition(";")[2].strip() or address.strip()
            status = str(fields.get("Status", "")).strip()
            diagnostic = str(fields.get("Diagnostic-Code", "")).partition(";")[2].strip()
            failed.append((address, " ".join(filter(None, [status, diagnostic]))))
    return failed


def record_report(report):
    """Marks FAILED the e-mail a delivery status notification reports failed. Returns the
    e-mails marked, and None when `report` is no failure report (it is then left alone)."""
    failed = failed_recipients(report)
    if not failed:
        return None
    message_id = _original_message_id(report)
    marked = []
    for address, reason in failed:
        message = record_bounce(message_id, recipient=address, reason=f"DSN: {reason}")
        if message is not None:
            marked.append(message)
    return marked


def open_mailbox(path):
    """A Maildir folder (it has cur/ and new/) or an mbox file."""
    path = Path(path)
    if (path / "cur").is_dir() and (path / "new").is_dir():
        return mailbox.Maildir(path, factory=None, create=False)
    return mailbox.mbox(path, factory=None, create=False)


def process_mailbox(path=None):
    """Read the bounces that came back to MAIL_BOUNCE_MAILBOX (or `path`): every failure
    report is applied and deleted from the mailbox, anything else stays. Returns
    (reports read, e-mails marked FAILED)."""
    path = path or conf.get("MAIL_BOUNCE_MAILBOX")
    if not path:
        return 0, 0
    box = open_mailbox(path)
    reports = marked = 0
    box.lock()
    try:
        for key in list(box.keys()):
            report = email.message_from_bytes(box.get_bytes(key), policy=email.policy.default)
            result = record_report(report)
            if result is None:
                continue
            reports += 1
            marked += len(result)
            box.remove(key)
        box.flush()
    finally:
        box.unlock()
        box.close()
    return reports, marked
