"""Limits of the entry form: posts per client address and entries per e-mail address."""

from website import ratelimit

WINDOW_SECONDS = 60 * 60
POSTS_PER_IP = 20
ENTRIES_PER_EMAIL = 10

client_ip = ratelimit.client_address


def hit(scope, value, limit, window=WINDOW_SECONDS):
    """Count one more hit; True while the count stays within `limit`."""
    return ratelimit.hit(f"competitions:{scope}", value, limit=limit, window=window)
