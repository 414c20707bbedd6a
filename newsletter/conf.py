"""Newsletter settings, each with a default; override them in the project settings or the
environment (see newsletter/README.md)."""

from django.conf import settings


def get(name):
    return getattr(settings, name, DEFAULTS[name])


DEFAULTS = {
    # How long a confirmation link stays valid, in seconds.
    "NEWSLETTER_CONFIRM_MAX_AGE": 60 * 60 * 24 * 3,
    # Subscribe form: submissions allowed per client address in the window (seconds).
    "NEWSLETTER_SUBSCRIBE_RATE": (5, 60 * 10),
    # At most one confirmation e-mail per address in this many seconds.
    "NEWSLETTER_CONFIRM_RESEND_INTERVAL": 60 * 10,
    # Sending: messages per batch, and messages per second (None = as fast as the backend).
    "NEWSLETTER_BATCH_SIZE": 100,
    "NEWSLETTER_SEND_RATE": 10,
    # A temporary SMTP failure is retried this many times in all, after this many seconds.
    "NEWSLETTER_MAX_ATTEMPTS": 3,
    "NEWSLETTER_RETRY_DELAY": 60 * 5,
    # Circuit breaker: while the mail server cannot be reached the send pauses and probes it
    # after 30 s, 1 min, 2 min… at most every 10 minutes, then resumes by itself.
    "NEWSLETTER_PROBE_FIRST_SECONDS": 30,
    "NEWSLETTER_PROBE_MAX_SECONDS": 60 * 10,
    # A sending job holds its bulletin for this long between two batches; after that a new job
    # may take over (a crashed worker's job).
    "NEWSLETTER_LEASE_SECONDS": 120,
    # The mailbox in the `List-Unsubscribe` header's mailto: (e.g. unsubscribe@example.org).
    # Empty: derived from DEFAULT_FROM_EMAIL's domain.
    "NEWSLETTER_UNSUBSCRIBE_MAILTO": "",
    # The sender of bulletins (empty: DEFAULT_FROM_EMAIL).
    "NEWSLETTER_FROM_EMAIL": "",
    # Maximum size of a CSV import.
    "NEWSLETTER_IMPORT_MAX_BYTES": 2 * 1024 * 1024,
}
