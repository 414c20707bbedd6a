"""sitemap.xml with every public page in both languages and hreflang alternates.

Wagtail's sitemap lists one URL per page; search engines need each language's URL with
links to its alternates (https://developers.google.com/search/docs/specialty/international).
"""

from dataclasses import dataclass

from django.utils import translation
from wagtail.models import Site

from website.i18n import LANGUAGE_CODES
from website.registry import collect


@dataclass
class SitemapEntry:
    location: str
    lastmod: object
    alternates: dict  # code -> absolute URL


def sitemap_entries(request):
    site = Site.find_for_request(request)
    if site is None:
        return []
    pages = (
        site.root_page.get_descendants(inclusive=True)
        .live()
        .public()
        .specific(defer=True)
        .order_by("path")
    )
    entries = []
    for page in pages:
        if not getattr(page, "show_in_sitemap", True):
            continue
        urls = {}
        for code in LANGUAGE_CODES:
            with translation.override(code):
                url = page.get_url(request)
            if url:
                urls[code] = request.build_absolute_uri(url)
        for code in LANGUAGE_CODES:
            if code in urls:
                entries.append(
                    SitemapEntry(
                        location=urls[code],
                        lastmod=page.last_published_at,
                        alternates=urls,
                    )
                )
    return entries + app_sitemap_entries(request)


def app_sitemap_entries(request):
    """Entries of what is not a Wagtail page: each local app may define
    `sitemap_entries(request)` in `<app>/sitemap.py`, returning `SitemapEntry` objects."""
    return [
        entry
        for hook in collect("sitemap", "sitemap_entries", exclude=("website",))
        for entry in hook(request)
    ]
