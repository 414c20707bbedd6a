"""A fixed-window counter on the cache (Redis in production, locmem in tests)."""

from django.core.cache import cache

from newsletter import conf


def client_address(request):
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def hit(scope, request):
    """Counts one submission; returns False once the limit of the window is passed."""
    limit, window = conf.get("NEWSLETTER_SUBSCRIBE_RATE")
    key = f"newsletter:rate:{scope}:{client_address(request)}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count <= limit
