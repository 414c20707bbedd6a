"""Stories: news from the programme's work, in both languages.

Tree: HomePage → StoryIndexPage ("Histori" / "Stories") → StoryYearPage ("2020") → StoryPage.
Year folders keep each parent's children to a few hundred at most, so routing a story's URL and
the admin's page explorer stay fast however many years of stories pile up.
"""

from django import forms
from django.db import models
from django.db.models import Q
from django.db.models.functions import ExtractYear
from django.http import HttpResponseRedirect
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from stories import views
from stories.blocks import StoryBodyBlocks
from stories.feeds import StoryFeed
from website import content_cache
from website.models import TranslatedPageMixin


class StoryPageQuerySet(PageQuerySet):
    """Reusable filters of stories. Each adds a fixed number of queries, whatever the data size."""

    def published(self):
        """Live, public stories, newest first."""
        return content_cache.public(self.live()).order_by("-date", "-pk")

    def for_cards(self):
        """What a story card needs: its image (and renditions) and topics, in two extra queries."""
        return self.select_related("hero_image").prefetch_related(
            "hero_image__renditions", "topics"
        )

    def matching(self, filters):
        """Stories matching `filters` (stories.forms.StoryFilters)."""
        stories = self
        through = self.model.topics.through
        if filters.topic is not None:
            stories = stories.filter(
                pk__in=through.objects.filter(topic=filters.topic).values("storypage")
            )
        if filters.region is not None:
            in_region = self.model.objects.filter(
                Q(regions=filters.region) | Q(municipalities__region=filters.region)
            ).values("pk")
            stories = stories.filter(pk__in=in_region)
        if filters.partner is not None:
            stories = stories.filter(
                pk__in=self.model.partners.through.objects.filter(partner=filters.partner).values(
                    "storypage"
                )
            )
        if filters.year is not None:
            stories = stories.filter(date__year=filters.year)
        return stories

    def years(self):
        """The years that have stories, newest first (for the year filter)."""
        return list(
            self.annotate(year=ExtractYear("date"))
            .order_by("-year")
            .values_list("year", flat=True)
            .distinct()
        )

    def sharing_a_topic_with(self, story):
        """Stories other than `story` that share a topic with it."""
        through = self.model.topics.through
        topic_ids = through.objects.filter(storypage=story.pk).values("topic")
        sharing = through.objects.filter(topic__in=topic_ids).values("storypage")
        return self.filter(pk__in=sharing).exclude(pk=story.pk)


StoryPageManager = PageManager.from_queryset(StoryPageQuerySet)


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

    def stories(self):
        """This index's live, public stories, newest first."""
        return StoryPage.objects.descendant_of(self).published()

    @path("")
    def index_view(self, request):
        return views.story_index(request, self)

    @path("feed/")
    def feed_view(self, request):
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
    # Loaded with the page when it is served (website/models/pages.py: shown and shared).
    route_select_related = ("hero_image",)

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

    objects = StoryPageManager()

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")

    @property
    def missing_english(self):
        """True when an English reader sees the Albanian text because English is empty."""
        return get_language() == "en" and not self.summary_en and not len(self.body_en or [])

    def related_stories(self, limit=3):
        """The newest live stories sharing a topic with this one."""
        return list(StoryPage.objects.published().sharing_a_topic_with(self).for_cards()[:limit])

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read only when the template renders them (it keeps the story's HTML, website_tags).
        context["related_stories"] = SimpleLazyObject(self.related_stories)
        context["story_index_url"] = content_cache.kept(
            f"stories:index-url:{self.pk}:{get_language()}", lambda: self._index_url(request)
        )
        return context

    def _index_url(self, request):
        index = StoryIndexPage.objects.ancestor_of(self).first()
        return (index.get_url(request) or "") if index else ""
