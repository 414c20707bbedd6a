"""Rendering the e-mails of the competitions, each in its recipient's language. They are
rendered when queued (competitions/outbox.py), from the entry as it is in the transaction that
queues them, and kept in the site's outbox (mail/) until the mail server accepts them."""

import re
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext

from competitions import permissions, tokens
from competitions.enums import ConsentState, EntryState, MessageKind, NotificationKind, Recipient
from competitions.models import EntrantMessage
from website.emails import absolute_reverse, language_of, render_email
from website.helplines import DEFAULT_HELP_LINES


def entrant_link(entry, language):
    return absolute_reverse(
        "competitions:entry", language=language, args=[tokens.entrant_token(entry)]
    )


def guardian_link(entry, language):
    return absolute_reverse(
        "competitions:guardian", language=language, args=[tokens.guardian_token(entry)]
    )


STATE_MESSAGES = {
    EntryState.CHANGES_REQUESTED: MessageKind.CHANGES_REQUESTED,
    EntryState.APPROVED: MessageKind.APPROVED,
    EntryState.REJECTED: MessageKind.REJECTED,
    EntryState.SAFEGUARDING_HOLD: MessageKind.SAFEGUARDING_HOLD,
}
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def fill_placeholders(text, values):
    """Put `values` into the {name} placeholders of `text`; leave any other braces as they are
    (an editor's typo must not stop an e-mail)."""
    return PLACEHOLDER.sub(lambda match: values.get(match[1], match[0]), text)


def placeholder_values(context):
    entry = context["entry"]
    entrant = context["entrant"]
    event = context.get("event")
    message = event.message if event is not None and not context.get("held") else ""
    return {
        "name": entrant.full_name,
        "guardian": entrant.guardian_name,
        "reference": entry.reference,
        "title": entry.title,
        "competition": entry.competition.title,
        "link": context["link"],
        "days": str(entry.competition.consent_days),
        "message": f"{gettext('Message from the organisers:')}\n{message}" if message else "",
        "help_lines": render_to_string("competitions/emails/help_lines.txt", context),
    }


def editable_wording(kind, language, context):
    """(subject, body) from the editors' `EntrantMessage`, or None to use the built-in text."""
    row = EntrantMessage.objects.filter(kind=kind).first()
    wording = row.wording(language) if row is not None else None
    if wording is None:
        return None
    values = placeholder_values(context)
    subject, body = (fill_placeholders(text, values) for text in wording)
    return subject, re.sub(r"\n{3,}", "\n\n", body)


@dataclass(frozen=True)
class Notice:
    """What happened to whom: `kind` (a `NotificationKind`) about `entry`, for `recipient` (a
    `Recipient`), with the move's `EntryEvent` when it comes from one."""

    entry: object
    kind: str
    recipient: str
    event: object = None


@dataclass(frozen=True)
class Rendered:
    """One e-mail, rendered in its recipient's language, ready for the outbox."""

    to: list
    subject: str
    body: str
    language: str
    template: str


def _message(template, context, to, language, kind=None):
    language = language_of(language)
    with translation.override(language):
        wording = editable_wording(kind, language, context) if kind else None
    if wording is not None:
        subject, body = wording
    else:
        subject, body = render_email(f"competitions/emails/{template}", context, language=language)
    return Rendered([to], " ".join(subject.split()), body, language, template)


def awaiting_consent(entry):
    """The entry waits (or is about to wait, inside `submit_entry`) for a guardian's consent."""
    return entry.state == EntryState.AWAITING_CONSENT or (
        entry.state == EntryState.SUBMITTED and entry.consent_state == ConsentState.PENDING
    )


def build_messages(notification):
    """The e-mails (`Rendered`) for `notification` (a `Notice`), or [] when there is nobody
    (left) to write to."""
    entry = notification.entry
    context = {"entry": entry, "help_lines": DEFAULT_HELP_LINES, "event": notification.event}
    if notification.recipient == Recipient.SAFEGUARDING:
        # No entry content: only the reference and a link into the admin. The recipients are
        # exactly the users the admin lets see held entries.
        officers = permissions.safeguarding_officers().exclude(email="")
        messages = []
        for officer in officers:
            language = language_of(officer)
            context["link"] = absolute_reverse(
                "competitions_admin:safeguarding_detail", language=language, args=[entry.pk]
            )
            messages.append(_message("safeguarding_alert", context, officer.email, language))
        return messages
    if notification.recipient == Recipient.MODERATORS:
        return _staff_messages(entry, context)
    entrant = getattr(entry, "entrant", None)
    if entrant is None:
        return []
    language = entrant.language
    context["entrant"] = entrant
    if notification.recipient == Recipient.GUARDIAN:
        if entry.state != EntryState.AWAITING_CONSENT or not entrant.guardian_email:
            return []
        context["link"] = guardian_link(entry, language)
        context["reminder"] = notification.kind == NotificationKind.CONSENT_REMINDER
        kind = MessageKind.CONSENT_REMINDER if context["reminder"] else MessageKind.CONSENT_REQUEST
        return [_message("consent_request", context, entrant.guardian_email, language, kind)]
    context["link"] = entrant_link(entry, language)
    if notification.kind == NotificationKind.CONSENT_UNDELIVERED:
        # The guardian's consent e-mail did not arrive (services.consent_email_failed).
        return [_message("consent_undelivered", context, entrant.email, language)]
    if notification.kind == NotificationKind.CONSENT_GIVEN:
        return [_message("consent_given", context, entrant.email, language)]
    if notification.kind == NotificationKind.RECEIPT:
        context["awaiting_consent"] = awaiting_consent(entry)
        kind = (
            MessageKind.RECEIPT_AWAITING_CONSENT
            if context["awaiting_consent"]
            else MessageKind.RECEIPT
        )
        return [_message("receipt", context, entrant.email, language, kind)]
    state = notification.event.to_state if notification.event else entry.state
    context["state"] = state
    context["held"] = state == EntryState.SAFEGUARDING_HOLD
    kind = STATE_MESSAGES.get(state)
    return [_message("state_changed", context, entrant.email, language, kind)]


def _staff_messages(entry, context):
    """An entrant's reply, to the staff who may open the entry: its moderators, or the
    safeguarding officers while it is held (moderators never learn of a held entry). Only the
    reference and a link into the admin: the message itself is read there."""
    held = entry.state == EntryState.SAFEGUARDING_HOLD
    staff = permissions.safeguarding_officers() if held else permissions.moderators()
    route = "competitions_admin:safeguarding_detail" if held else "competitions_admin:detail"
    messages = []
    for user in staff.exclude(email=""):
        language = language_of(user)
        context["link"] = absolute_reverse(route, language=language, args=[entry.pk])
        messages.append(_message("entrant_reply", context, user.email, language))
    return messages
