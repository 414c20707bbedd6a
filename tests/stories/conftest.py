"""Story fixtures: an index with a 2020 folder, and a maker for stories."""

import datetime

import pytest

from stories.models import StoryIndexPage, StoryPage, StoryYearPage
from website.demo import load_taxonomy


def make_index(home):
    index = StoryIndexPage(
        title_sq="Histori",
        title_en="Stories",
        slug="histori",
        slug_sq="histori",
        slug_en="stories",
        intro_sq="Lajme nga puna jonë.",
        intro_en="News from our work.",
    )
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


def make_year(index, year):
    folder = StoryYearPage(
        title_sq=str(year),
        title_en=str(year),
        slug=str(year),
        slug_sq=str(year),
        slug_en=str(year),
        year=year,
    )
    index.add_child(instance=folder)
    folder.save_revision().publish()
    return folder


def make_story(folder, slug, *, date, topics=(), regions=(), partners=(), image=None, **fields):
    defaults = {
        "title_sq": f"Histori {slug}",
        "title_en": f"Story {slug}",
        "summary_sq": f"Përmbledhje {slug}",
        "summary_en": f"Summary {slug}",
    }
    defaults.update(fields)
    story = StoryPage(
        slug=f"{slug}-sq",
        slug_sq=f"{slug}-sq",
        slug_en=f"{slug}-en",
        date=date,
        hero_image=image,
        **defaults,
    )
    folder.add_child(instance=story)
    story.topics.set(topics)
    story.regions.set(regions)
    story.partners.set(partners)
    story.save_revision().publish()
    return StoryPage.objects.get(pk=story.pk)


@pytest.fixture
def taxonomy(db):
    load_taxonomy()


@pytest.fixture
def story_index(home):
    return make_index(home)


@pytest.fixture
def folder_2020(story_index):
    return make_year(story_index, 2020)


@pytest.fixture
def story(folder_2020, image):
    return make_story(
        folder_2020,
        "takimi",
        date=datetime.date(2020, 11, 17),
        image=image,
        title_sq="Takimi i rishikimit",
        title_en="The mid-term review",
        summary_sq="Partnerët u takuan.",
        summary_en="The partners met.",
    )
