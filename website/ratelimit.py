"""A fixed-window counter on the shared cache (Redis in production, locmem in tests).

Counts live in Django's cache: with several app servers or worker processes they are shared only
when the cache is (REDIS_URL; production refuses APP_SERVERS > 1 without it).

When the shared cache cannot be reached (Redis down: the cache fails soft, settings CACHES),
nothing can be counted and every limit lets the request through, with a warning in the log: a
young person's entry, a subscription or a password reset must not fail because of an outage of
a counter. Login lockouts are not affected (django-axes counts failures in the database).
"""

import hashlib
import logging

from django.core.cache import cache

# The reader's address behind the front: X-Forwarded-For as far as our own proxies wrote it
# (TRUSTED_PROXIES), never what an untrusted peer claims.
from website.client_address import client_address  # noqa: F401 - the apps' ratelimit modules use it

logger = logging.getLogger(__name__)


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
    if count is None:  # the cache is unreachable and fails soft: let the request through
        logger.warning("Rate limit %s not counted: the shared cache cannot be reached.", namespace)
        return True
    return count <= limit
