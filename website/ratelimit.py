"""A fixed-window counter on the shared cache (Redis in production, locmem in tests).

Counts live in Django's cache: with several app servers or worker processes they are shared only
when the cache is (REDIS_URL; production refuses APP_SERVERS > 1 without it)."""

import hashlib

from django.core.cache import cache

# The reader's address behind the front: X-Forwarded-For as far as our own proxies wrote it
# (TRUSTED_PROXIES), never what an untrusted peer claims.
from website.client_address import client_address  # noqa: F401 - the apps' ratelimit modules use it


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
