"""Factories of the stories app: the index, year folders and stories.

    index = StoryIndexPageFactory(parent=home)
    folder = StoryYearPageFactory(parent=index, year=2020)
    story = StoryPageFactory(parent=folder, key="takimi", date=date(2020, 11, 17), topics=[topic])

A story's `key` makes its slugs (`<key>-sq`, `<key>-en`), titles and summaries; tags
(`topics`, `regions`, `municipalities`, `partners`) are lists of objects.
"""

import datetime

import factory

from stories.models import StoryIndexPage, StoryPage, StoryYearPage
from tests.factories.website import TranslatedPageFactory


class StoryIndexPageFactory(TranslatedPageFactory):
    """The one story index under `parent` (got, not made again, when it exists)."""

    class Meta:
        model = StoryIndexPage
        django_get_or_create = ("slug_sq", "parent")

    title_sq = "Histori"
    title_en = "Stories"
    slug_sq = "histori"
    slug_en = "stories"
    intro_sq = "Lajme nga puna jonë."
    intro_en = "News from our work."


class StoryYearPageFactory(TranslatedPageFactory):
    """A year folder under a story index (got when that year's folder exists)."""

    class Meta:
        model = StoryYearPage
        django_get_or_create = ("slug_sq", "parent")

    year = 2020
    title_sq = factory.LazyAttribute(lambda folder: str(folder.year))
    title_en = factory.LazyAttribute(lambda folder: str(folder.year))
    slug_sq = factory.LazyAttribute(lambda folder: str(folder.year))
    slug_en = factory.LazyAttribute(lambda folder: str(folder.year))


class StoryPageFactory(TranslatedPageFactory):
    class Meta:
        model = StoryPage

    class Params:
        key = factory.Sequence(lambda n: f"story-{n}")

    title_sq = factory.LazyAttribute(lambda story: f"Histori {story.key}")
    title_en = factory.LazyAttribute(lambda story: f"Story {story.key}")
    slug_sq = factory.LazyAttribute(lambda story: f"{story.key}-sq")
    slug_en = factory.LazyAttribute(lambda story: f"{story.key}-en")
    date = datetime.date(2020, 11, 17)
    summary_sq = factory.LazyAttribute(lambda story: f"Përmbledhje {story.key}")
    summary_en = factory.LazyAttribute(lambda story: f"Summary {story.key}")
