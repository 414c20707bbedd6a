"""Bulletin fixtures: an archive with one issue mixing story items and items written here."""

import datetime

import pytest

from tests.factories.bulletins import BulletinIndexPageFactory, BulletinPageFactory, own_item
from tests.factories.stories import StoryIndexPageFactory, StoryPageFactory, StoryYearPageFactory


@pytest.fixture
def archive(home):
    return BulletinIndexPageFactory(parent=home)


@pytest.fixture
def folder(home):
    return StoryYearPageFactory(parent=StoryIndexPageFactory(parent=home), year=2020)


@pytest.fixture
def review_story(folder, image):
    return StoryPageFactory(
        parent=folder,
        key="rishikimi",
        date=datetime.date(2020, 11, 17),
        hero_image=image,
        title_sq="Takimi i rishikimit afatmesëm",
        title_en="The mid-term review meeting",
        summary_sq="Partnerët e konsorciumit u takuan.",
        summary_en="The consortium partners met.",
    )


@pytest.fixture
def issue(archive, review_story, site_settings):
    return BulletinPageFactory(
        parent=archive, items=[("story", {"story": review_story}), own_item(11)]
    )
