"""The exhibition's e-mails, each rendered in its recipient's language (`website.emails`): the
request to a parent or guardian (queued in the site's outbox, mail/, with the notice that records
it), and the publication paragraph of the jury's "awarded" e-mail."""

from django.db import transaction
from django.template.loader import render_to_string

from competitions import tokens
from exhibition import permissions, queries
from jury import notifications as jury_notifications
from website.emails import absolute_reverse, language_of, render_email


def guardian_request(entry_id, key):
    """The parent's or guardian's link to agree to publication, once per `key`
    ("guardian_publication:<nonce>": each new link once), in the entrant's language, with the help
    lines. Returns 1 when sent."""
    with transaction.atomic():
        entry, entrant = jury_notifications.entrant_entry(entry_id)
        if entry is None or not permissions.guardian_may_be_asked(entry):
            return 0
        if not jury_notifications.record_notice(entry, key):
            return 0
        recipient = entrant.guardian_email
        if not recipient or not entry.guardian_nonce:
            return 0
        language = language_of(entrant.language)
        context = {
            "entry": entry,
            "entrant": entrant,
            "competition": entry.competition,
            "guardian_link": absolute_reverse(
                "exhibition:guardian", language=language, args=[tokens.guardian_token(entry)]
            ),
        }
        subject, body = render_email(
            "exhibition/emails/guardian_request", context, language=language
        )
        jury_notifications.send_rendered(
            subject,
            body,
            to=recipient,
            language=language,
            kind="exhibition.guardian_request",
            topic=jury_notifications.entry_topic(entry),
        )
    return 1


def awarded_section(entry, key):
    """The `jury_entrant_notice_sections` hook: in the "awarded" e-mail, the link to the
    publication page (rendered in the active language, the recipient's)."""
    if not key.startswith("awarded:"):
        return ""
    publication = queries.publication_of(entry)
    if publication is None:
        return ""
    link = absolute_reverse(
        "exhibition:publication",
        language=language_of(entry.entrant.language),
        args=[tokens.entrant_token(entry)],
    )
    return render_to_string(
        "exhibition/emails/awarded_section.txt",
        {"publication": publication, "competition": entry.competition, "link": link},
    )
