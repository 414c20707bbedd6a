"""The home page's latest stories and bulletin, and the demo content."""

import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bulletins import demo as bulletins_demo
from bulletins.models import BulletinPage
from bulletins.rendering import bulletin_items
from stories import demo as stories_demo
from stories.models import StoryPage, StoryYearPage
from tests.factories.bulletins import BulletinIndexPageFactory, BulletinPageFactory
from tests.factories.stories import StoryPageFactory
from website import demo as website_demo

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def count_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries)


def test_home_shows_three_latest_stories_and_latest_bulletin(client, folder_2020, site_settings):
    for day in range(1, 6):
        StoryPageFactory(parent=folder_2020, key=f"h{day}", date=datetime.date(2020, 12, day))
    archive = BulletinIndexPageFactory(parent=folder_2020.get_parent().get_parent())
    BulletinPageFactory(parent=archive, number=5, issue_date=datetime.date(2020, 10, 30))
    BulletinPageFactory(parent=archive, number=6, issue_date=datetime.date(2020, 12, 30))

    doc = soup(client.get("/en/"))

    titles = [h.get_text(strip=True) for h in doc.select(".home-stories .story-card__title")]
    assert titles == ["Story h5", "Story h4", "Story h3"]
    link = doc.select_one(".home-bulletin a")
    assert link["href"] == "/en/bulletin/november-december-2020-6/"
    assert link.get_text(strip=True) == "November–December 2020"


def test_home_query_count_does_not_grow_with_stories(client, folder_2020, image, site_settings):
    StoryPageFactory(
        parent=folder_2020, key="one", date=datetime.date(2020, 1, 1), hero_image=image
    )
    one = count_queries(client, "/sq/")
    for day in range(2, 12):
        StoryPageFactory(
            parent=folder_2020, key=f"m{day}", date=datetime.date(2020, 1, day), hero_image=image
        )

    assert count_queries(client, "/sq/") == one


def test_demo_builds_stories_and_bulletin_and_is_idempotent(home):
    website_demo.load(io.StringIO())
    for _run in range(2):
        stories_demo.load(home, io.StringIO())
        bulletins_demo.load(home, io.StringIO())

    assert StoryPage.objects.live().count() == len(stories_demo.STORIES)
    this_year = timezone.localdate().year
    assert sorted(StoryYearPage.objects.values_list("year", flat=True)) == [2020, this_year]
    issue = BulletinPage.objects.get()
    assert issue.period_label_en == "November–December 2020"
    kinds = [block.block_type for block in issue.items]
    assert kinds.count("story") == len(stories_demo.STORIES)
    assert kinds.count("own") == 3
    items = bulletin_items(issue, "en")
    assert len(items) == 12
    assert items[0]["date"] == datetime.date(2020, 11, 17)
    assert all(story.hero_image.alt_text_en for story in StoryPage.objects.all())


def test_demo_makes_this_years_folder_ready_for_new_stories(client, home):
    website_demo.load(io.StringIO())
    stories_demo.load(home, io.StringIO())
    this_year = timezone.localdate().year

    folder = StoryYearPage.objects.get(year=this_year)

    assert folder.live
    assert StoryPage.objects.child_of(folder).count() == 0
    # A year folder opens the story list filtered to its year.
    response = client.get(f"/sq/histori/{this_year}/")
    assert (response.status_code, response["Location"]) == (302, f"/sq/histori/?year={this_year}")
    assert client.get(response["Location"]).status_code == 200
