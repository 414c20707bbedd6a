"""The resources library: reports and publications, one page each, under one library page.

Each resource is a page (not just a document) so that it has a summary in both languages,
a link of its own to share, hreflang, previews and scheduled publishing like every other page.
The file itself is a website.CustomDocument: its language, year and publisher live there once,
and the library filters on them.
"""

from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index

from resources import queries
from website.models import TranslatedPageMixin

RESOURCES_PER_PAGE = 20


class ResourceIndexPage(TranslatedPageMixin, Page):
    """The library: every resource, newest first, filterable by year and language."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("One or two sentences above the list: what readers find here."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["website.HomePage"]
    subpage_types = ["resources.ResourcePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("resources library")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        filters = queries.parse_filters(request.GET)
        found = queries.resources(self, year=filters["year"], language=filters["language"])
        paginator = Paginator(found, RESOURCES_PER_PAGE)
        context.update(filters)
        context["resources"] = paginator.get_page(request.GET.get("page"))
        context["years"] = queries.resource_years(self)
        context["languages"] = queries.LANGUAGE_FILTERS
        context["filter_query"] = queries.filter_query(filters)
        return context


class ResourcePage(TranslatedPageMixin, Page):
    """A report or publication: what it is about, and the file to download."""

    summary = models.TextField(
        _("summary"),
        help_text=_("Three or four sentences: what the document covers and what it finds."),
    )
    document = models.ForeignKey(
        "website.CustomDocument",
        verbose_name=_("file"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The file to download. Set its language, year and publisher in the library."),
    )

    search_fields = [*Page.search_fields, index.SearchField("summary")]
    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("document")]
    parent_page_types = ["resources.ResourceIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
