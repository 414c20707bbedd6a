"""Language-aware request handling for public pages, and the site of each request."""

import contextlib
import copy

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.http.request import split_domain_port
from django.shortcuts import render
from django.template import loader
from django.utils import translation
from wagtail.models import Site

from website import content_cache
from website.helplines import DEFAULT_HELP_LINES, DEFAULT_QUICK_EXIT_URL
from website.i18n import DEFAULT_LANGUAGE, LANGUAGE_CODES


def _site_with_home_page(request):
    """Wagtail's site for this request's host and port, its root page already specific."""
    site = Site.find_for_request(request)
    if site is not None:
        site.root_page = site.root_page.specific
    return site


def kept_site(request):
    """A copy of the site of this request's host and port, kept in this process until the
    content changes (a site or any page saved, moved, published or deleted: website/purge.py)."""
    hostname = split_domain_port(request._get_raw_host())[0]
    site = content_cache.kept_in_process(
        f"site:{hostname}:{request.get_port()}", lambda: _site_with_home_page(request)
    )
    if site is None:
        return None
    # Copies: a request may set attributes on its site or page; the next one must not see them.
    request_site = copy.copy(site)
    request_site.root_page = copy.copy(site.root_page)
    return request_site


class KeptSiteMiddleware:
    """Looks up the site of a Wagtail page's request once per host (`Site.find_for_request`
    runs a query on every request, and routing one more for the home page) and gives each
    request a copy: Wagtail reads it from `request._wagtail_site`, where `find_for_request`
    keeps its answer. Only for Wagtail's pages (`process_view`): other views neither need it
    nor touch the cache for it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.resolver_match.url_name != "wagtail_serve":
            return None
        # The database down: the view meets the same error and answers the 503 page.
        with contextlib.suppress(DATABASE_DOWN_ERRORS):
            request._wagtail_site = kept_site(request)
        return None


def _split_language(path):
    parts = path.lstrip("/").split("/", 1)
    if parts and parts[0] in LANGUAGE_CODES:
        return parts[0], parts[1] if len(parts) > 1 else ""
    return None, path


class WrongLanguageSlugMiddleware:
    """`/en/buletini-…/` (an Albanian slug under the English prefix) redirects to the page's
    English URL instead of a 404; anything that matches no page stays a 404."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        code, rest = _split_language(request.path_info)
        if code is None or not rest:
            return response
        target = self._find_in_other_language(request, code, rest)
        if target is None:
            return response
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(target + (f"?{query}" if query else ""))

    @staticmethod
    def _find_in_other_language(request, code, rest):
        site = Site.find_for_request(request)
        if site is None:
            return None
        components = [part for part in rest.split("/") if part]
        for other in LANGUAGE_CODES:
            if other == code:
                continue
            with translation.override(other):
                try:
                    page, _args, _kwargs = site.root_page.specific.route(request, components)
                except Http404:
                    continue
            if not page.live:
                continue
            with translation.override(code):
                url = page.get_url(request)
            if url and url != request.path_info:
                return url
        return None


class RememberLanguageMiddleware:
    """Remembers the language of the last page read in a `lang` cookie, set only when it
    changes, so `/` can send a returning reader back to it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        code, _rest = _split_language(request.path_info)
        if (
            code
            and response.status_code == 200
            and request.method == "GET"
            and request.COOKIES.get("lang") != code
            and response.get("Content-Type", "").startswith("text/html")
        ):
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                code,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            )
        return response


class AdminAccessMiddleware:
    """A signed-in user without admin access (a juror) gets a plain 403 anywhere under /admin/.

    Wagtail would redirect them to its login page, which reads as "sign in again" and hides that
    the CMS is simply not theirs. Signing in and out stay reachable.
    """

    OPEN_PATHS = ("/admin/login/", "/admin/logout/", "/admin/password_reset/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if (
            path.startswith("/admin/")
            and not path.startswith(self.OPEN_PATHS)
            and request.user.is_authenticated
            and not request.user.has_perm("wagtailadmin.access_admin")
        ):
            return render(request, "website/forbidden.html", status=403)
        return self.get_response(request)


class AdminLanguageMiddleware:
    """The Wagtail admin speaks the site's default language (Albanian) to anyone who has not
    chosen another in their account, whatever the browser's Accept-Language or the reader's
    `lang` cookie say. Wagtail uses the profile's choice when there is one and otherwise the
    active language, which this middleware sets for every path under /admin/ (the sign-in page
    included). Placed after LocaleMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith("/admin/"):
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = settings.LANGUAGE_CODE
        return self.get_response(request)


# --- The database is down: 503, not 500 ----------------------------------------------------------

# The database cannot be reached (down, restarting, refusing connections, connection dropped).
DATABASE_DOWN_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 120


def service_unavailable(request):
    """The bilingual 503 page: the request's language first, then the other one, and the help
    lines from their static copy (website/helplines.py). Needs no database and no context
    processor; `Retry-After` tells browsers and the front when to try again."""
    code, _rest = _split_language(request.path_info) if request is not None else (None, "")
    code = code or DEFAULT_LANGUAGE
    other = next(language for language in LANGUAGE_CODES if language != code)
    with translation.override(code):
        body = loader.get_template("503.html").render(
            {
                "help_lines": DEFAULT_HELP_LINES,
                "quick_exit_url": DEFAULT_QUICK_EXIT_URL,
                "LANGUAGE_CODE": code,
                "other_language": other,
            }
        )
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """A view or template that cannot reach the database answers the 503 page instead of a 500.

    Placed near the top of MIDDLEWARE (under the shared-cache headers, which then mark the page
    `no-store`). A middleware below it that fails the same way is turned into a response by
    Django before it gets here; `website.views.server_error` sends those to the 503 page too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_DOWN_ERRORS):
            return service_unavailable(request)
        return None
