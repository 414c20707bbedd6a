"""The stories' and the bulletins' demo content: run twice, nothing doubles, and this year's
folder is ready for new stories.

Both tests read one load (it takes seconds): the module's fixture loads the site's demo, then the
stories' and the bulletins' demo twice; its rows are undone after the module (tests/database.py
`kept_for_a_module`)."""

import datetime
import io

import pytest
from django.utils import timezone

from bulletins import demo as bulletins_demo
from bulletins.models import BulletinPage
from bulletins.rendering import bulletin_items
from stories import demo as stories_demo
from stories.models import StoryPage, StoryYearPage
from tests.conftest import make_home
from tests.database import kept_for_a_module
from website import demo as website_demo

# One worker runs its tests: the module's loads are made once (`make test`'s --dist loadgroup).
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("stories_demo")]


@pytest.fixture(scope="module")
def demo_twice(django_db_setup, django_db_blocker):
    with kept_for_a_module(django_db_blocker):
        home = make_home()
        website_demo.load(io.StringIO())
        for _run in range(2):
            stories_demo.load(home, io.StringIO())
            bulletins_demo.load(home, io.StringIO())
        yield


def test_demo_builds_stories_and_bulletin_and_is_idempotent(demo_twice):
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


def test_demo_makes_this_years_folder_ready_for_new_stories(client, demo_twice):
    this_year = timezone.localdate().year

    folder = StoryYearPage.objects.get(year=this_year)

    assert folder.live
    assert StoryPage.objects.child_of(folder).count() == 0
    # A year folder opens the story list filtered to its year.
    response = client.get(f"/sq/histori/{this_year}/")
    assert (response.status_code, response["Location"]) == (302, f"/sq/histori/?year={this_year}")
    assert client.get(response["Location"]).status_code == 200
