"""Site-wide views: the language redirect at /, the sitemap, robots.txt, quick exit, errors."""

import sys

from django.http import HttpResponseRedirect, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from website.helplines import DEFAULT_HELP_LINES, DEFAULT_QUICK_EXIT_URL
from website.i18n import DEFAULT_LANGUAGE, LANGUAGE_CODES
from website.middleware import DATABASE_DOWN_ERRORS, service_unavailable
from website.sitemap import sitemap_entries


def choose_language(request):
    """The reader's language: Accept-Language, then the remembered choice, then Albanian."""
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    for code, _quality in translation.trans_real.parse_accept_lang_header(header):
        base = code.split("-")[0].lower()
        if base in LANGUAGE_CODES:
            return base
    remembered = request.COOKIES.get("lang", "")
    if remembered in LANGUAGE_CODES:
        return remembered
    return DEFAULT_LANGUAGE


@require_GET
def root_redirect(request):
    response = HttpResponseRedirect(f"/{choose_language(request)}/")
    response["Vary"] = "Accept-Language, Cookie"
    return response


@require_GET
@cache_control(max_age=300, public=True)  # short: a work taken down must leave it soon
def sitemap(request):
    entries = sitemap_entries(request)
    return TemplateResponse(
        request,
        "website/sitemap.xml",
        {"entries": entries},
        content_type="application/xml; charset=utf-8",
    )


@require_GET
@cache_control(max_age=60 * 60 * 24, public=True)
def robots_txt(request):
    """For crawlers: every public page may be read, the admin not; where the sitemap is."""
    return TemplateResponse(
        request,
        "website/robots.txt",
        {"sitemap_url": request.build_absolute_uri(reverse("sitemap"))},
        content_type="text/plain; charset=utf-8",
    )


@require_GET
def quick_exit_info(request):
    return render(request, "website/quick_exit.html")


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    """The 500 page renders from defaults, without the database or the request's context.
    When what failed is the database (e.g. in a middleware), the 503 page instead."""
    if isinstance(sys.exc_info()[1], DATABASE_DOWN_ERRORS):
        return service_unavailable(request)
    code = request.path.strip("/").split("/")[0] if request else ""
    code = code if code in LANGUAGE_CODES else DEFAULT_LANGUAGE
    with translation.override(code):
        template = loader.get_template("500.html")
        body = template.render(
            {
                "help_lines": DEFAULT_HELP_LINES,
                "quick_exit_url": DEFAULT_QUICK_EXIT_URL,
                "LANGUAGE_CODE": code,
            }
        )
    return HttpResponseServerError(body)
