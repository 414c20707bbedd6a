"""The outbox's settings, with their defaults."""

from django.conf import settings

DEFAULTS = {
    # The backend that really hands e-mails over (SMTP, anymail…); EMAIL_BACKEND is the outbox.
    "MAIL_DELIVERY_BACKEND": "django.core.mail.backends.console.EmailBackend",
    # Waits between attempts: 1, 2, 4… minutes, at most one hour; about a day in all.
    "MAIL_RETRY_FIRST_SECONDS": 60,
    "MAIL_RETRY_MAX_SECONDS": 3600,
    "MAIL_MAX_ATTEMPTS": 30,
    # How long a worker holds a message it is sending (a killed worker lets go after this).
    "MAIL_LEASE_SECONDS": 300,
    # How long e-mails are kept (they hold personal data): `mail/retention.py`.
    "MAIL_KEEP_SENT_DAYS": 30,
    "MAIL_KEEP_FAILED_DAYS": 90,
    # Where bounces come back (a Maildir folder or an mbox file) for `manage.py process_bounces`;
    # empty: no such mailbox (a provider's webhook may report them instead: mail/bounces.py).
    "MAIL_BOUNCE_MAILBOX": "",
    # How many due e-mails one periodic round sends at most.
    "MAIL_ROUND_SIZE": 200,
}


def get(name):
    return getattr(settings, name, DEFAULTS[name])
