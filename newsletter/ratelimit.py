"""The subscribe form's limit per client address (NEWSLETTER_SUBSCRIBE_RATE)."""

from newsletter import conf
from website import ratelimit


def hit(scope, request):
    """Counts one submission; returns False once the limit of the window is passed."""
    limit, window = conf.get("NEWSLETTER_SUBSCRIBE_RATE")
    value = ratelimit.client_address(request)
    return ratelimit.hit(f"newsletter:{scope}", value, limit=limit, window=window)
