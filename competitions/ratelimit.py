"""A fixed-window rate limit on the shared cache (Redis in production)."""

import hashlib

from django.core.cache import cache

WINDOW_SECONDS = 60 * 60
POSTS_PER_IP = 20
ENTRIES_PER_EMAIL = 10


def _key(scope, value):
    digest = hashlib.sha256(value.encode()).hexdigest()[:32]
    return f"competitions:rl:{scope}:{digest}"


def hit(scope, value, limit, window=WINDOW_SECONDS):
    """Count one more hit; True while the count stays within `limit`."""
    key = _key(scope, value)
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count <= limit


def client_ip(request):
    # Behind the production proxy, REMOTE_ADDR is set from X-Forwarded-For by the server.
    return request.META.get("REMOTE_ADDR", "")
