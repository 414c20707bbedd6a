"""Values derived from the content, kept in Django's cache (Redis in production, shared by every
app server) until the content changes.

A *generation* number names the current state of the content: every key includes it, and any
change that may show on pages (a page published, moved or deleted; the site settings; a
snippet, image, document or view restriction; website/purge.py's signal handlers) starts a new
one with `new_generation()`, so everything kept before is read again. Used for the site chrome
(website/queries.py), the story index's filter options, whether any page is restricted
(`public`, website/models/pages.py), fragments of pages (`{% kept_fragment %}`,
website/templatetags/website_tags.py) and, in each process, the site of a host with its home
page (`kept_in_process`, website/middleware.py).
"""

import time

from django.core.cache import cache
from django.db import transaction
from wagtail.models import PageViewRestriction

GENERATION_KEY = "content:generation"
# A generation is normally replaced by a change long before this; a day bounds what a lost
# invalidation (a process killed between commit and forget) could leave.
KEEP_SECONDS = 60 * 60 * 24


def generation():
    current = cache.get(GENERATION_KEY)
    if current is None:
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        current = cache.get(GENERATION_KEY)
    return current


def _bump():
    cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


def new_generation():
    """Forget everything kept: at once, and again when the transaction commits (a request in
    between may have kept what was about to change)."""
    _bump()
    transaction.on_commit(_bump)


def kept(name, compute):
    """`compute()`, kept under `name` for the current generation."""
    key = f"content:{generation()}:{name}"
    value = cache.get(key, default=_MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(key, value, timeout=KEEP_SECONDS)
    return value


_MISSING = object()

# name: (generation, value, kept until), for values that do not go through the shared cache.
_IN_PROCESS = {}


def kept_in_process(name, compute):
    """`compute()`, kept in this process under `name` for the current generation: for values
    that are not worth a trip through the shared cache or cannot be pickled, such as model
    instances with their StreamField values. Callers hand out copies, never the kept value
    itself. Keep the names few (one per host, say): nothing else bounds them."""
    current = generation()
    if current is None:
        # The shared cache cannot be reached: no generation tells when the value went stale.
        return compute()
    entry = _IN_PROCESS.get(name)
    if entry is not None and entry[0] == current and entry[2] > time.monotonic():
        return entry[1]
    value = compute()
    _IN_PROCESS[name] = (current, value, time.monotonic() + KEEP_SECONDS)
    return value


def any_view_restriction():
    """Whether any page of any site is restricted (password, groups, signed-in readers)."""
    return kept("any_view_restriction", PageViewRestriction.objects.exists)


def public(pages):
    """`pages.public()` without its query on the usual site, where no page is restricted."""
    return pages.public() if any_view_restriction() else pages
