"""Story fixtures: an index with a 2020 folder, and one story in it."""

import datetime

import pytest

from tests.factories.stories import StoryIndexPageFactory, StoryPageFactory, StoryYearPageFactory
from website.demo import load_taxonomy


@pytest.fixture
def taxonomy(db):
    load_taxonomy()


@pytest.fixture
def story_index(home):
    return StoryIndexPageFactory(parent=home)


@pytest.fixture
def folder_2020(story_index):
    return StoryYearPageFactory(parent=story_index, year=2020)


@pytest.fixture
def story(folder_2020, image):
    return StoryPageFactory(
        parent=folder_2020,
        key="takimi",
        date=datetime.date(2020, 11, 17),
        hero_image=image,
        title_sq="Takimi i rishikimit",
        title_en="The mid-term review",
        summary_sq="Partnerët u takuan.",
        summary_en="The partners met.",
    )
