"""Rendering the e-mails of the competitions, each in its recipient's language."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from competitions import tokens
from competitions.enums import EntryState, NotificationKind
from competitions.models import Notification
from website.helplines import DEFAULT_HELP_LINES

SAFEGUARDING_GROUP = "Safeguarding officers"


def absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def entrant_link(entry, language):
    with translation.override(language):
        return absolute(reverse("competitions:entry", args=[tokens.entrant_token(entry)]))


def guardian_link(entry, language):
    with translation.override(language):
        return absolute(reverse("competitions:guardian", args=[tokens.guardian_token(entry)]))


def _message(template, context, to, language):
    with translation.override(language):
        subject = render_to_string(f"competitions/emails/{template}_subject.txt", context)
        body = render_to_string(f"competitions/emails/{template}.txt", context)
    return EmailMessage(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [to])


def build_messages(notification):
    """The e-mails for `notification`, or [] when there is nobody (left) to write to."""
    entry = notification.entry
    context = {"entry": entry, "help_lines": DEFAULT_HELP_LINES, "event": notification.event}
    if notification.recipient == Notification.Recipient.SAFEGUARDING:
        # No entry content: only the reference and a link into the admin.
        context["link"] = absolute(
            reverse("competitions_admin:safeguarding_detail", args=[entry.pk])
        )
        users = (
            get_user_model()
            .objects.filter(groups__name=SAFEGUARDING_GROUP, is_active=True)
            .exclude(email="")
        )
        return [_message("safeguarding_alert", context, user.email, "sq") for user in users]
    entrant = getattr(entry, "entrant", None)
    if entrant is None:
        return []
    language = entrant.language
    context["entrant"] = entrant
    if notification.recipient == Notification.Recipient.GUARDIAN:
        if entry.state != EntryState.AWAITING_CONSENT or not entrant.guardian_email:
            return []
        context["link"] = guardian_link(entry, language)
        context["reminder"] = notification.kind == NotificationKind.CONSENT_REMINDER
        return [_message("consent_request", context, entrant.guardian_email, language)]
    context["link"] = entrant_link(entry, language)
    if notification.kind == NotificationKind.RECEIPT:
        return [_message("receipt", context, entrant.email, language)]
    state = notification.event.to_state if notification.event else entry.state
    context["state"] = state
    context["held"] = state == EntryState.SAFEGUARDING_HOLD
    return [_message("state_changed", context, entrant.email, language)]
