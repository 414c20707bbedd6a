"""Reads of stories. Each runs a fixed number of queries whatever the number of stories."""

from dataclasses import dataclass

from django.db.models import Q
from django.db.models.functions import ExtractYear

from stories.models import StoryPage
from website.models import Partner, Region, Topic


def _with_list_data(queryset):
    """What a story card needs: its image (and renditions) and topics, in two extra queries."""
    return queryset.select_related("hero_image").prefetch_related(
        "hero_image__renditions", "topics"
    )


def live_stories(index=None):
    stories = StoryPage.objects.live().public()
    if index is not None:
        stories = stories.descendant_of(index)
    return stories.order_by("-date", "-pk")


@dataclass(frozen=True)
class StoryFilters:
    topic: Topic | None = None
    region: Region | None = None
    partner: Partner | None = None
    year: int | None = None

    @property
    def active(self):
        return any(
            value is not None for value in (self.topic, self.region, self.partner, self.year)
        )


def filter_stories(stories, filters):
    if filters.topic is not None:
        stories = stories.filter(
            pk__in=StoryPage.topics.through.objects.filter(topic=filters.topic).values("storypage")
        )
    if filters.region is not None:
        in_region = StoryPage.objects.filter(
            Q(regions=filters.region) | Q(municipalities__region=filters.region)
        ).values("pk")
        stories = stories.filter(pk__in=in_region)
    if filters.partner is not None:
        stories = stories.filter(
            pk__in=StoryPage.partners.through.objects.filter(partner=filters.partner).values(
                "storypage"
            )
        )
    if filters.year is not None:
        stories = stories.filter(date__year=filters.year)
    return stories


def story_listing(stories, filters):
    """`stories` (from `live_stories`) matching `filters`, newest first, with what a card shows."""
    return _with_list_data(filter_stories(stories, filters))


def story_years(stories):
    """The years that have stories, newest first (for the year filter)."""
    return list(
        stories.annotate(year=ExtractYear("date"))
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )


def related_stories(story, limit=3):
    """Newest live stories sharing a topic with `story`."""
    topic_ids = StoryPage.topics.through.objects.filter(storypage=story.pk).values("topic")
    sharing = StoryPage.topics.through.objects.filter(topic__in=topic_ids).values("storypage")
    return list(_with_list_data(live_stories().filter(pk__in=sharing).exclude(pk=story.pk))[:limit])


def latest_stories(limit=3):
    """For the home page."""
    return list(_with_list_data(live_stories())[:limit])


def feed_stories(index, limit=20):
    return list(live_stories(index).prefetch_related("topics")[:limit])
