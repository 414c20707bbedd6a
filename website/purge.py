"""Purging the shared cache in front when content changes.

Wagtail's frontend-cache backends (`wagtail.contrib.frontend_cache`, configured by
`WAGTAILFRONTENDCACHE`: Varnish by HTTP PURGE, Cloudflare, CloudFront) do the purging; this
module decides *what* to purge, and does it when the database transaction commits, in the
process that made the change (an app server, or the worker for scheduled publishing), so that a
change is visible through the front within a second. Wagtail's own signal handlers are not used:
they purge the page alone, later, through the task queue.

What a page change purges (publish, unpublish, move, delete, scheduled publish or unpublish):
- the page in both languages, with everything under it (`<url>*`: its routes, such as an index's
  feed, and its subpages, whose breadcrumbs show its title);
- its ancestors in both languages (indexes, year folders, the home page), with their routes
  that take no argument (feeds), each whatever its query string (`?year=`, `?page=`);
- the pages that link to it or list it (Wagtail's reference index: page choosers, rich-text
  links, a campaign's chosen stories);
- the sitemap.
A change of site settings (help lines), a snippet (partners, topics, organisations…: new, changed
or deleted) or an image or document already in use purges everything: such changes are rare and
shown on many pages.

URL forms understood by our VCL (deploy/varnish/default.vcl) and by CloudFront: `<path>` (any
query string), `<path>*` (a prefix), `/*` (everything).

Apps whose public views are not Wagtail pages call `purge_urls` (or `purge_everything`) after
the change commits; see docs/deploy.md, "Purging".
"""

import logging
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import urlopen

import requests
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from wagtail.contrib.frontend_cache.backends import CloudflareBackend as WagtailCloudflareBackend
from wagtail.contrib.frontend_cache.backends import HTTPBackend
from wagtail.contrib.frontend_cache.backends.http import PurgeRequest
from wagtail.contrib.frontend_cache.utils import get_backends
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import BaseViewRestriction, Page, ReferenceIndex, Site
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move
from wagtail.snippets.models import get_snippet_models

from website.queries import forget_chrome

logger = logging.getLogger("website.purge")

EVERYTHING = "*"
# Saves that change no content a reader sees (Wagtail fills these in lazily).
BOOKKEEPING_FIELDS = frozenset({"file_size", "file_hash"})


class VarnishBackend(HTTPBackend):
    """Wagtail's HTTP PURGE backend with a timeout: a front that hangs must not hang a
    publish (Wagtail's waits for ever). Settings: LOCATION, and TIMEOUT in seconds (2)."""

    def __init__(self, params):
        self.timeout = params.pop("TIMEOUT", 2)
        super().__init__(params)

    def purge(self, url):
        parts = urlsplit(url)
        request = PurgeRequest(
            url=urlunsplit((self.cache_scheme, self.cache_netloc, parts.path, parts.query, "")),
            headers={"Host": parts.netloc, "User-Agent": "untold-stories-purge"},
        )
        try:
            with urlopen(request, timeout=self.timeout):  # noqa: S310 - LOCATION from settings
                pass
        except HTTPError as error:
            logger.error("Could not purge %s: HTTP %s %s", url, error.code, error.reason)
        except (URLError, OSError) as error:
            logger.error("Could not purge %s: %s", url, error)


class CloudflareBackend(WagtailCloudflareBackend):
    """Cloudflare purges exact URLs only (prefixes need its Enterprise plan): `/*` becomes
    "purge everything", `<url>*` the page's own URL; the rest waits for CACHE_FRONT_MAX_AGE."""

    def purge_batch(self, urls):
        if any(urlsplit(url).path == "/" + EVERYTHING for url in urls):
            self._purge_everything()
        else:
            super().purge_batch(sorted({url.removesuffix(EVERYTHING) for url in urls}))

    def _purge_everything(self):
        if self.cloudflare_token:
            headers = {"Authorization": f"Bearer {self.cloudflare_token}"}
        else:
            headers = {"X-Auth-Email": self.cloudflare_email, "X-Auth-Key": self.cloudflare_api_key}
        try:
            response = requests.post(
                self.cloudflare_purge_endpoint_url,
                json={"purge_everything": True},
                headers=headers,
                timeout=30,
            )
            response.raise_for_status()
        except requests.RequestException as error:
            logger.error("Could not purge everything from Cloudflare: %s", error)


def is_configured():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def _languages():
    return [code for code, _name in settings.LANGUAGES]


def _full_urls(page):
    """The page's address in each language (the slugs are translated)."""
    urls = set()
    for code in _languages():
        with translation.override(code):
            url = page.get_full_url()
        if url:
            urls.add(url)
    return urls


def _route_paths(page):
    """The routes of a routable page that take no argument ("feed/"), relative to the page."""
    if not isinstance(page, RoutablePageMixin):
        return []
    paths = []
    for pattern in page.get_subpage_urls():
        if not pattern.name or getattr(pattern.pattern, "converters", None):
            continue
        try:
            path = page.reverse_subpage(pattern.name)
        except NoReverseMatch:
            continue
        if path:
            paths.append(path)
    return paths


def _site_urls(path):
    return {site.root_url.rstrip("/") + path for site in Site.objects.all()}


def page_urls(page):
    """Every URL a change of `page` makes stale (see the module's docstring)."""
    page = page.specific_deferred
    urls = {url + "*" for url in _full_urls(page)}
    for ancestor in page.get_ancestors().filter(depth__gt=1).specific():
        for url in _full_urls(ancestor):
            urls.add(url)
            urls.update(url + route for route in _route_paths(ancestor))
    page_type = ContentType.objects.get_for_model(Page)
    referring = ReferenceIndex.get_references_to(page).filter(base_content_type=page_type)
    # object_id is text (it holds any model's key): the page ids as numbers, in Python.
    referrer_ids = {int(value) for value in referring.values_list("object_id", flat=True)}
    for referrer in Page.objects.filter(pk__in=referrer_ids).specific():
        urls.update(_full_urls(referrer))
    urls.update(_site_urls(reverse("sitemap")))
    return urls


def everything_urls():
    return _site_urls("/" + EVERYTHING)


def _send(urls):
    urls = sorted(urls)
    for name, backend in get_backends().items():
        logger.debug("[%s] purging %s", name, ", ".join(urls))
        backend.purge_batch(urls)


def purge_urls(urls):
    """Purge `urls` (absolute) once the current transaction commits (at once outside one)."""
    if not is_configured() or not urls:
        return
    urls = frozenset(urls)
    transaction.on_commit(lambda: _send(urls))


def purge_page(page):
    if is_configured():
        purge_urls(page_urls(page))


def purge_everything():
    if is_configured():
        purge_urls(everything_urls())


# --- Signal handlers ---------------------------------------------------------------------------


def _page_changed(sender, instance, **kwargs):
    forget_chrome()  # the menu and the apps' links show pages
    purge_page(instance)


def _page_deleted(sender, instance, **kwargs):
    # Before the rows go, while the ancestors and the references can still be read. A subtree
    # goes with its parent: each page purges its own URLs (most are the same).
    forget_chrome()
    purge_page(instance)


def _site_wide_models():
    models = {*get_snippet_models(), get_image_model(), get_document_model()}
    return tuple(models)


def _site_wide_changed(sender, instance, created=False, update_fields=None, **kwargs):
    if update_fields and set(update_fields) <= BOOKKEEPING_FIELDS:
        return
    if isinstance(instance, (*_site_wide_models(), BaseViewRestriction, Site, Page)) or (
        not created and isinstance(instance, (BaseSiteSetting, BaseGenericSetting))
    ):
        # The site chrome (website/queries.py); a new partner shows in the footer at once too.
        # Settings made on first read hold the defaults the chrome already shows. Sites and
        # pages: the site and home page kept per host (website/middleware.py), and fragments
        # of pages, may change by a plain save too (a new child, a draft's revision).
        forget_chrome()
    if not is_configured():
        return
    if isinstance(instance, (BaseSiteSetting, BaseGenericSetting)):
        purge_everything()
    elif isinstance(instance, tuple(get_snippet_models())):
        # New ones too: pages list snippets without anyone choosing them (the partners in every
        # footer, the directory's organisations, the topics of the story filters).
        purge_everything()
    elif not created and isinstance(instance, _site_wide_models()):
        # A new image or document appears on no page until someone chooses it.
        purge_everything()


def connect_signals():
    """Called once from WebsiteConfig.ready()."""
    page_published.connect(_page_changed, dispatch_uid="website.purge.published")
    page_unpublished.connect(_page_changed, dispatch_uid="website.purge.unpublished")
    pre_page_move.connect(_page_changed, dispatch_uid="website.purge.pre_move")
    post_page_move.connect(_page_changed, dispatch_uid="website.purge.post_move")
    pre_delete.connect(_page_deleted, sender=Page, dispatch_uid="website.purge.page_deleted")
    post_save.connect(_site_wide_changed, dispatch_uid="website.purge.site_wide_saved")
    post_delete.connect(_site_wide_changed, dispatch_uid="website.purge.site_wide_deleted")
