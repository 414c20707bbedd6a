"""The home page's latest stories and bulletin. The stories' demo content: test_demo.py."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories.bulletins import BulletinIndexPageFactory, BulletinPageFactory
from tests.factories.stories import StoryPageFactory

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
