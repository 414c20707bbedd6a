"""The stories told as part of a campaign (chosen on the campaign page)."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from campaigns.models import STORY_PAGE_TYPE, CampaignStoryLink
from tests.factories.campaigns import CampaignPageFactory
from tests.factories.stories import StoryIndexPageFactory, StoryPageFactory, StoryYearPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def folder(home):
    return StoryYearPageFactory(parent=StoryIndexPageFactory(parent=home), year=2020)


def story_in(folder, slug, *, live=True):
    return StoryPageFactory(
        parent=folder,
        key=slug,
        slug_sq=slug,
        slug_en=slug,
        date=datetime.date(2020, 12, 23),
        live=live,
    )


def test_story_chooser_offers_story_pages():
    assert STORY_PAGE_TYPE == "stories.StoryPage"


def test_campaign_shows_its_live_stories_in_order(client, folder, campaign_index):
    first = story_in(folder, "e-para")
    second = story_in(folder, "e-dyta")
    draft = story_in(folder, "draft", live=False)
    page = CampaignPageFactory(
        parent=campaign_index, key="me-histori", start_date=timezone.localdate()
    )
    for order, story in enumerate([second, draft, first]):
        CampaignStoryLink.objects.create(page=page, story=story, sort_order=order)

    doc = BeautifulSoup(client.get("/en/campaigns/me-histori-en/").content.decode(), "html.parser")

    links = doc.select(".story-links li")
    assert [li.a.get_text() for li in links] == ["Story e-dyta", "Story e-para"]
    assert links[0].select_one(".story-links__date").get_text() == "23 December 2020"


def test_deleting_a_story_removes_it_from_the_campaign(client, folder, campaign_index):
    story = story_in(folder, "fshihet")
    page = CampaignPageFactory(
        parent=campaign_index, key="pa-histori", start_date=timezone.localdate()
    )
    CampaignStoryLink.objects.create(page=page, story=story, sort_order=0)

    story.delete()

    response = client.get("/en/campaigns/pa-histori-en/")
    assert response.status_code == 200
    assert BeautifulSoup(response.content.decode(), "html.parser").select(".story-links") == []
