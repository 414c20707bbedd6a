"""The subscription e-mails (confirmation, "you are already subscribed"), plain text, each in
the language the reader chose ("both": Albanian, then English)."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from newsletter import conf
from newsletter.enums import Language
from newsletter.tokens import make_confirm_token

SEPARATOR = "\n\n" + "-" * 40 + "\n\n"


def base_url():
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def from_email():
    return conf.get("NEWSLETTER_FROM_EMAIL") or settings.DEFAULT_FROM_EMAIL


def languages_for(language):
    return ["sq", "en"] if language == Language.BOTH else [language]


def absolute(name, language, *args):
    with translation.override(language):
        return base_url() + reverse(name, args=args)


def _render(template, subscriber, context_for):
    subjects, bodies = [], []
    for language in languages_for(subscriber.language):
        with translation.override(language):
            context = context_for(language)
            subjects.append(
                render_to_string(f"newsletter/emails/{template}_subject.txt", context).strip()
            )
            bodies.append(render_to_string(f"newsletter/emails/{template}.txt", context).strip())
    return " / ".join(subjects), SEPARATOR.join(bodies) + "\n"


def send_confirmation(subscriber):
    token = make_confirm_token(subscriber)
    subject, body = _render(
        "confirm",
        subscriber,
        lambda language: {
            "confirm_url": absolute("newsletter:confirm", language, token),
            # Every e-mail carries the personal preferences link (a "not me" can unsubscribe).
            "preferences_url": absolute("newsletter:preferences", language, subscriber.token),
            "max_age_days": conf.get("NEWSLETTER_CONFIRM_MAX_AGE") // 86400,
        },
    )
    EmailMessage(subject, body, from_email(), [subscriber.email]).send()


def send_already_subscribed(subscriber):
    subject, body = _render(
        "already_subscribed",
        subscriber,
        lambda language: {
            "preferences_url": absolute("newsletter:preferences", language, subscriber.token),
        },
    )
    EmailMessage(subject, body, from_email(), [subscriber.email]).send()
