"""The stories told as part of a campaign (chosen on the campaign page)."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from campaigns.models import CampaignStoryLink, story_page_type

from .conftest import make_campaign

stories_models = pytest.importorskip("stories.models")

pytestmark = pytest.mark.django_db


def make_story(home, slug, *, live=True):
    index = stories_models.StoryIndexPage.objects.first()
    if index is None:
        index = stories_models.StoryIndexPage(
            title_sq="Histori",
            title_en="Stories",
            slug="histori",
            slug_sq="histori",
            slug_en="stories",
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    folder = stories_models.StoryYearPage.objects.child_of(index).first()
    if folder is None:
        folder = stories_models.StoryYearPage(
            title_sq="2020",
            title_en="2020",
            slug="2020",
            slug_sq="2020",
            slug_en="2020",
            year=2020,
        )
        index.add_child(instance=folder)
        folder.save_revision().publish()
    story = stories_models.StoryPage(
        title_sq=f"Histori {slug}",
        title_en=f"Story {slug}",
        slug=slug,
        slug_sq=slug,
        slug_en=slug,
        date=datetime.date(2020, 12, 23),
        summary_sq=f"Përmbledhje {slug}",
        summary_en=f"Summary {slug}",
    )
    folder.add_child(instance=story)
    if live:
        story.save_revision().publish()
    else:
        story.live = False
        story.save()
    return story


def test_story_chooser_offers_story_pages():
    assert story_page_type() == "stories.StoryPage"


def test_campaign_shows_its_live_stories_in_order(client, home, campaign_index):
    first = make_story(home, "e-para")
    second = make_story(home, "e-dyta")
    draft = make_story(home, "draft", live=False)
    page = make_campaign(campaign_index, "me-histori", start=timezone.localdate())
    for order, story in enumerate([second, draft, first]):
        CampaignStoryLink.objects.create(page=page, story=story, sort_order=order)

    doc = BeautifulSoup(client.get("/en/campaigns/me-histori-en/").content.decode(), "html.parser")

    links = doc.select(".story-links li")
    assert [li.a.get_text() for li in links] == ["Story e-dyta", "Story e-para"]
    assert links[0].select_one(".story-links__date").get_text() == "23 December 2020"


def test_deleting_a_story_removes_it_from_the_campaign(client, home, campaign_index):
    story = make_story(home, "fshihet")
    page = make_campaign(campaign_index, "pa-histori", start=timezone.localdate())
    CampaignStoryLink.objects.create(page=page, story=story, sort_order=0)

    story.delete()

    response = client.get("/en/campaigns/pa-histori-en/")
    assert response.status_code == 200
    assert BeautifulSoup(response.content.decode(), "html.parser").select(".story-links") == []
