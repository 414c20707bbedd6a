"""A fixed-window counter on the shared cache (Redis in production, locmem in tests)."""

import hashlib

from django.core.cache import cache


def client_address(request):
    # Behind the production proxy, REMOTE_ADDR is set from X-Forwarded-For by the server.
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def hit(namespace, value, *, limit, window):
    """Count one more hit of `value` in `namespace`; True while the count stays within `limit`."""
    digest = hashlib.sha256(value.encode()).hexdigest()[:32]
    key = f"rl:{namespace}:{digest}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count <= limit
