"""The resources library: reports and publications, one page each, under one library page.

Each resource is a page (not just a document) so that it has a summary in both languages,
a link of its own to share, hreflang, previews and scheduled publishing like every other page.
The file itself is a website.CustomDocument: its language, year and publisher live there once,
and the library filters on them.
"""

from django.db import models
from django.db.models import F
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from resources import views
from website.models import TranslatedPageMixin


class ResourcePageQuerySet(PageQuerySet):
    """Reusable filters of the library. Each adds a fixed number of queries."""

    def in_year(self, year):
        return self if year is None else self.filter(document__year=year)

    def in_languages(self, codes):
        """Resources whose file is in one of the document language `codes`; all when empty."""
        return self.filter(document__language__in=codes) if codes else self

    def library_order(self):
        """Newest year first (files without a year last), then by title, with the file."""
        return self.select_related("document").order_by(
            F("document__year").desc(nulls_last=True), "title", "pk"
        )

    def years(self):
        """The years that have at least one resource, newest first."""
        return list(
            self.filter(document__year__isnull=False)
            .order_by("-document__year")
            .values_list("document__year", flat=True)
            .distinct()
        )


ResourcePageManager = PageManager.from_queryset(ResourcePageQuerySet)


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
        resources = ResourcePage.objects.child_of(self).live()
        context.update(views.library_context(request, resources))
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

    objects = ResourcePageManager()

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
