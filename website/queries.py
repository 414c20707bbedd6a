"""Reads for the site chrome (menu, help lines, quick exit, partners, the apps' links).

The chrome is the same on every page of a site in one language, so it is read from the database
once and kept in Django's cache (Redis in production, shared by every app server) per site and
language: a page served from the cache runs no query for its chrome. Any change that may show
in it (a page published, moved or deleted; the site settings; a snippet, image or document)
calls `forget_chrome()` (website/purge.py's signal handlers), which starts a new generation
(website/content_cache.py): the next request reads the database again.

What is kept are plain values (`MenuItem`, `PartnerItem`, `HelpLine`, strings), never model
instances, so a cached chrome needs nothing from the database to render.
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.models import Site

from website import content_cache
from website.models import Partner, SiteSettings

PARTNER_LOGO_SPEC = "max-160x80"
_REQUEST_ATTRIBUTE = "_site_chrome"


@dataclass(frozen=True)
class MenuItem:
    pk: int
    title: str
    url: str


@dataclass(frozen=True)
class PartnerItem:
    name: str
    description: str
    website: str
    email: str
    logo_html: str  # the logo's <img>, rendered once

    @property
    def logo(self):
        return mark_safe(self.logo_html) if self.logo_html else ""  # noqa: S308 - our own HTML


def site_settings(request):
    return SiteSettings.load(request_or_site=request)


def footer_partners():
    """Consortium members, with their logos' renditions in one extra query."""
    return (
        Partner.objects.filter(is_consortium_member=True)
        .select_related("logo")
        .prefetch_related("logo__renditions")
    )


def menu_pages(request):
    """Live pages directly under the home page that are marked "show in menus"."""
    site = Site.find_for_request(request)
    if site is None:
        return []
    return site.root_page.get_children().live().public().in_menu().specific(defer=True)


# --- What is kept ---------------------------------------------------------------------------


def _menu(request):
    return [
        MenuItem(page.pk, page.title, page.get_url(request) or "") for page in menu_pages(request)
    ]


def _partners(_request):
    items = []
    for partner in footer_partners():
        logo_html = ""
        if partner.logo:
            rendition = partner.logo.get_rendition(PARTNER_LOGO_SPEC)
            logo_html = str(rendition.img_tag({"class": "partner__logo", "alt": ""}))
        items.append(
            PartnerItem(
                partner.name, partner.description, partner.website, partner.email, logo_html
            )
        )
    return items


def _settings(request):
    settings_object = site_settings(request)
    return {
        "help_lines": settings_object.get_help_lines(),
        "quick_exit_url": settings_object.quick_exit_url,
        "contact_email": settings_object.contact_email,
    }


CHROME_PARTS = {"menu": _menu, "partners": _partners, "settings": _settings}


# --- The cache ------------------------------------------------------------------------------


def _kept(request):
    """This request's chrome values in the active language: {key, values}, read from the cache
    once per request and language."""
    by_language = getattr(request, _REQUEST_ATTRIBUTE, None)
    if by_language is None:
        by_language = {}
        setattr(request, _REQUEST_ATTRIBUTE, by_language)
    code = get_language()
    if code not in by_language:
        site = Site.find_for_request(request)
        key = f"chrome:{content_cache.generation()}:{site.pk if site else 0}:{code}"
        by_language[code] = {"key": key, "values": cache.get(key) or {}}
    return by_language[code]


def chrome_value(request, name, compute):
    """A value of the site chrome for this site and language: from the cache, or `compute()`
    (then kept). Apps use it for what they add to every page (e.g. the directory's link)."""
    kept = _kept(request)
    if name not in kept["values"]:
        kept["values"] = {**kept["values"], name: compute()}
        cache.set(kept["key"], kept["values"], timeout=content_cache.KEEP_SECONDS)
    return kept["values"][name]


def chrome(request, part):
    """One of CHROME_PARTS ("menu", "partners", "settings")."""
    return chrome_value(request, part, lambda: CHROME_PARTS[part](request))


def forget_chrome():
    """Every site's chrome in every language is read again (a new content generation)."""
    content_cache.new_generation()
