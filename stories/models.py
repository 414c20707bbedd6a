"""Stories: news from the programme's work, in both languages.

Tree: HomePage → StoryIndexPage ("Histori" / "Stories") → StoryYearPage ("2020") → StoryPage.
Year folders keep each parent's children to a few hundred at most, so routing a story's URL and
the admin's page explorer stay fast however many years of stories pile up.
"""

from django import forms
from django.db import models
from django.http import HttpResponseRedirect
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from stories.blocks import StoryBodyBlocks
from website.models import TranslatedPageMixin


class StoryIndexPage(TranslatedPageMixin, RoutablePageMixin, Page):
    """Every story, newest first, with filters and a feed per language."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("One or two sentences above the list of stories."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["website.HomePage"]
    subpage_types = ["stories.StoryYearPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("story index")

    @path("")
    def index_view(self, request):
        from stories import views

        return views.story_index(request, self)

    @path("feed/")
    def feed_view(self, request):
        from stories.feeds import StoryFeed

        return StoryFeed(self)(request)


class StoryYearPage(TranslatedPageMixin, Page):
    """A folder for one year's stories. Its own URL shows the index filtered by that year."""

    year = models.PositiveSmallIntegerField(
        _("year"),
        help_text=_("The year of the stories in this folder, e.g. 2020. Use it as the title too."),
    )

    content_panels = [*Page.content_panels, FieldPanel("year")]
    parent_page_types = ["stories.StoryIndexPage"]
    subpage_types = ["stories.StoryPage"]
    show_in_sitemap = False

    class Meta:
        verbose_name = _("story year folder")
        ordering = ["-year"]

    def serve(self, request, *args, **kwargs):
        index_url = self.get_parent().specific.get_url(request)
        return HttpResponseRedirect(f"{index_url}?year={self.year}")


class StoryPage(TranslatedPageMixin, Page):
    date = models.DateField(
        _("date"), help_text=_("When it happened or was first published; stories sort by it.")
    )
    summary = models.TextField(
        _("summary"),
        max_length=400,
        help_text=_(
            "Two or three sentences shown in lists, feeds, bulletins and search results. "
            "Name victims and children by initials or a changed name only."
        ),
    )
    hero_image = models.ForeignKey(
        "website.CustomImage",
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Shown at the top and in lists. Its alt text and credit come from the image. "
            "No faces of victims or children."
        ),
    )
    body = StreamField(
        StoryBodyBlocks(),
        blank=True,
        verbose_name=_("body"),
        help_text=_("The story: paragraphs, images, quotes, figures, documents, videos."),
    )
    topics = ParentalManyToManyField(
        "website.Topic",
        blank=True,
        verbose_name=_("topics"),
        related_name="stories",
        help_text=_("Readers filter stories by topic; related stories share a topic."),
    )
    regions = ParentalManyToManyField(
        "website.Region",
        blank=True,
        verbose_name=_("regions"),
        related_name="stories",
        help_text=_("The regions where it happened."),
    )
    municipalities = ParentalManyToManyField(
        "website.Municipality",
        blank=True,
        verbose_name=_("municipalities"),
        related_name="stories",
        help_text=_("The municipalities where it happened; their region counts in filters."),
    )
    partners = ParentalManyToManyField(
        "website.Partner",
        blank=True,
        verbose_name=_("partners"),
        related_name="stories",
        help_text=_("The organisations involved."),
    )
    external_url = models.URLField(
        _("full article elsewhere"),
        blank=True,
        help_text=_("Optional link to the full article on a partner's website."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
                FieldPanel("regions", widget=forms.CheckboxSelectMultiple),
                FieldPanel("municipalities"),
                FieldPanel("partners", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Tags"),
        ),
        FieldPanel("external_url"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    parent_page_types = ["stories.StoryYearPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")

    @property
    def missing_english(self):
        """True when an English reader sees the Albanian text because English is empty."""
        return get_language() == "en" and not self.summary_en and not len(self.body_en or [])

    def get_context(self, request, *args, **kwargs):
        from stories.queries import related_stories

        context = super().get_context(request, *args, **kwargs)
        context["related_stories"] = related_stories(self)
        index = StoryIndexPage.objects.ancestor_of(self).first()
        context["story_index_url"] = index.get_url(request) if index else ""
        return context
