"""The subscription e-mails (confirmation, "you are already subscribed"), plain text, each in
the language the reader chose ("both": Albanian, then English, in one message). Links and the
rendering in a language come from `website.emails`, like every e-mail of the site.

They are saved in the site's outbox (mail/) inside the subscribing transaction and sent by the
worker after it commits: a mail server that is down never makes subscribing fail, and the
confirmation goes out when the server is back. `unsent(subscriber)` lists the ones that have not
gone out (the resend throttle lets a reader ask again for those)."""

from django.conf import settings

from mail import outbox
from newsletter import conf
from newsletter.enums import Language
from newsletter.tokens import make_confirm_token
from website.emails import absolute_reverse, render_email, sender

SEPARATOR = "\n\n" + "-" * 40 + "\n\n"


def from_email(language=None):
    """The sender; under the sender name of `language` when given (`website.emails.sender`)."""
    address = conf.get("NEWSLETTER_FROM_EMAIL") or settings.DEFAULT_FROM_EMAIL
    return sender(language, address) if language else address


def languages_for(language):
    return ["sq", "en"] if language == Language.BOTH else [language]


def topic(subscriber):
    return f"newsletter.subscriber:{subscriber.pk}"


def unsent(subscriber):
    """The subscriber's e-mails that have not gone out (waiting for the server, or failed)."""
    return outbox.pending(topic(subscriber))


def _queue(template, subscriber, subject, body):
    return outbox.enqueue(
        to=subscriber.email,
        subject=subject,
        body=body,
        from_email=from_email(subscriber.language),
        language=subscriber.language,
        kind=f"newsletter.{template}",
        topic=topic(subscriber),
    )


def _render(template, subscriber, context_for):
    """(subject, body): one part per language of the subscriber, subjects joined by " / "."""
    parts = [
        render_email(f"newsletter/emails/{template}", context_for(language), language=language)
        for language in languages_for(subscriber.language)
    ]
    subject = " / ".join(subject for subject, _body in parts)
    return subject, SEPARATOR.join(body.strip() for _subject, body in parts) + "\n"


def send_confirmation(subscriber):
    token = make_confirm_token(subscriber)
    subject, body = _render(
        "confirm",
        subscriber,
        lambda language: {
            "confirm_url": absolute_reverse("newsletter:confirm", language=language, args=[token]),
            # Every e-mail carries the personal preferences link (a "not me" can unsubscribe).
            "preferences_url": absolute_reverse(
                "newsletter:preferences", language=language, args=[subscriber.token]
            ),
            "max_age_days": conf.get("NEWSLETTER_CONFIRM_MAX_AGE") // 86400,
        },
    )
    return _queue("confirm", subscriber, subject, body)


def send_already_subscribed(subscriber):
    subject, body = _render(
        "already_subscribed",
        subscriber,
        lambda language: {
            "preferences_url": absolute_reverse(
                "newsletter:preferences", language=language, args=[subscriber.token]
            ),
        },
    )
    return _queue("already_subscribed", subscriber, subject, body)
