"""In production, an ANYMAIL_* setting installs anymail and wires the provider's webhooks at
/anymail/ — with a provider's API backend or with plain SMTP (e.g. Mailgun's SMTP relay) — and
without one no such URL exists. Checked in fresh processes, as a server starts."""

import json
import textwrap

import pytest

from tests.website.test_production import clean_env, run

# Processes of its own with production settings, no test database (pyproject.toml).
pytestmark = pytest.mark.no_database

SCRIPT = textwrap.dedent(
    """
    import json
    import django
    from django.conf import settings
    from django.urls import NoReverseMatch, reverse
    django.setup()
    try:
        url = reverse("anymail:mailgun_tracking_webhook")
    except NoReverseMatch:
        url = None
    print(json.dumps({
        "anymail": "anymail" in settings.INSTALLED_APPS,
        "url": url,
        "delivery": settings.MAIL_DELIVERY_BACKEND,
        "email": settings.EMAIL_BACKEND,
        "bounces": settings.MAIL_BOUNCE_MAILBOX,
    }))
    """
)
SMTP = "django.core.mail.backends.smtp.EmailBackend"
OUTBOX = "mail.backends.OutboxBackend"


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ({}, {"anymail": False, "url": None, "delivery": SMTP}),
        (
            {"ANYMAIL_MAILGUN_WEBHOOK_SIGNING_KEY": "k", "MAIL_BOUNCE_MAILBOX": "/var/mail/b"},
            {"anymail": True, "url": "/anymail/mailgun/tracking/", "delivery": SMTP},
        ),
        (
            {
                "ANYMAIL_BACKEND": "anymail.backends.postmark.EmailBackend",
                "ANYMAIL_POSTMARK_SERVER_TOKEN": "t",
                "ANYMAIL_WEBHOOK_SECRET": "user:pass",
            },
            {
                "anymail": True,
                "url": "/anymail/mailgun/tracking/",
                "delivery": "anymail.backends.postmark.EmailBackend",
            },
        ),
    ],
)
def test_anymail_settings_wire_the_webhooks(tmp_path, extra, expected):
    env = clean_env(tmp_path, DJANGO_SETTINGS_MODULE="website.settings.production", **extra)

    result = run(["-c", SCRIPT], env)

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        **expected,
        "email": OUTBOX,
        "bounces": extra.get("MAIL_BOUNCE_MAILBOX", ""),
    }
