"""What the shared cache in front (Varnish, or a CDN) may keep, decided for each response.

The front caches a response only when this module marks it with the targeted fields of RFC 9213:
`Surrogate-Control: max-age=N` (read and removed by our Varnish, deploy/varnish/default.vcl) and
`CDN-Cache-Control: max-age=N` (for a CDN). Browsers never keep a page: every HTML response gets
`Cache-Control: no-store`, so a shared phone holds no copy and Back cannot bring a page back
after the quick exit.

Never kept: anything but GET/HEAD; the CMS and documents; anyone with a session or a message
waiting (signed-in editors, jurors); a response whose view said `private`, `no-cache` or
`no-store` (`never_cache`: private entry and consent links, the jury room, the entry form); a
response that varies on cookies (it used the session, the user or a CSRF token) or sets a cookie
other than `lang`. Wagtail pages are kept `CACHE_FRONT_MAX_AGE` seconds and purged when they
change (website/purge.py); anything else (search results, redirects, 404s, the apps' own public
views) only `CACHE_FRONT_SHORT_MAX_AGE`, since no purge knows about it.
"""

from django.conf import settings
from django.utils.cache import cc_delim_re, get_max_age

CACHEABLE_STATUSES = {200, 301, 302, 404, 410}
NEVER_CACHED_PREFIXES = ("/admin/", "/documents/")
PRIVATE_DIRECTIVES = {"private", "no-cache", "no-store"}
# A `messages` cookie holds a message for the next page: that page is this reader's alone.
READER_COOKIES = ("messages",)


def _directives(response):
    return {
        directive.split("=", 1)[0].strip().lower()
        for directive in cc_delim_re.split(response.get("Cache-Control", ""))
        if directive.strip()
    }


def _varies_on_cookie(response):
    vary = {field.strip().lower() for field in cc_delim_re.split(response.get("Vary", ""))}
    return bool(vary & {"cookie", "*"})


def _is_page(request):
    match = getattr(request, "resolver_match", None)
    return match is not None and match.url_name == "wagtail_serve"


def shared_max_age(request, response):
    """How long the shared cache may keep `response`, in seconds (0: never), and why."""
    if request.method not in ("GET", "HEAD"):
        return 0, "method"
    if request.path.startswith(NEVER_CACHED_PREFIXES):
        return 0, "admin or documents"
    if any(name in request.COOKIES for name in (settings.SESSION_COOKIE_NAME, *READER_COOKIES)):
        return 0, "session"
    if response.status_code not in CACHEABLE_STATUSES:
        return 0, "status"
    if _directives(response) & PRIVATE_DIRECTIVES or get_max_age(response) == 0:
        return 0, "the view said so"
    if _varies_on_cookie(response):
        return 0, "varies on cookies"
    if any(name != settings.LANGUAGE_COOKIE_NAME for name in response.cookies):
        return 0, "sets a cookie"
    if _is_page(request) and response.status_code == 200:
        limit = settings.CACHE_FRONT_MAX_AGE
    else:
        limit = settings.CACHE_FRONT_SHORT_MAX_AGE
    own = get_max_age(response)
    return (min(own, limit) if own is not None else limit), "public"


def _is_html(response):
    return response.get("Content-Type", "").startswith("text/html")


class SharedCacheMiddleware:
    """Sets the front's and the browser's cache headers (first in MIDDLEWARE, so it sees the
    cookies and Vary that every other middleware added)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(settings.STATIC_URL):
            return response
        seconds, _reason = shared_max_age(request, response)
        if seconds > 0:
            response["Surrogate-Control"] = f"max-age={seconds}"
            response["CDN-Cache-Control"] = f"max-age={seconds}"
            if _is_html(response) or "Cache-Control" not in response:
                response["Cache-Control"] = "no-store"
        elif _is_html(response) and "no-store" not in _directives(response):
            existing = response.get("Cache-Control", "")
            response["Cache-Control"] = f"{existing}, no-store" if existing else "no-store"
        return response
