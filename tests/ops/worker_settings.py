"""`make run`'s settings for the fault tests' worker processes, with a short sending lease so
that a killed send is taken over within seconds rather than two minutes."""

from website.settings.dev import *  # noqa: F403

NEWSLETTER_LEASE_SECONDS = 4
NEWSLETTER_SEND_RATE = 5
NEWSLETTER_BATCH_SIZE = 5
