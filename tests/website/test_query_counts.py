"""SQL queries per public page type, warm (the second view in a process: renditions made, the
site chrome in the cache): exactly WARM_QUERIES (at most QUERY_LIMIT), and the same with one
item as with many.

The figures for the demo content are printed by `make bench`; the results and exhibition pages
have their own counts in tests/exhibition/test_views.py.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from tests.factories import PartnerFactory, StandardPageFactory
from tests.factories.bulletins import BulletinIndexPageFactory, BulletinPageFactory, own_item
from tests.factories.campaigns import CampaignIndexPageFactory, CampaignPageFactory
from tests.factories.competitions import CompetitionIndexPageFactory, CompetitionPageFactory
from tests.factories.directory import DirectoryPageFactory, OrganisationFactory
from tests.factories.resources import ResourceIndexPageFactory, ResourcePageFactory
from tests.factories.stories import StoryIndexPageFactory, StoryPageFactory, StoryYearPageFactory

pytestmark = pytest.mark.django_db

QUERY_LIMIT = 10
MANY = 12


def stories(home, image, count, start=0):
    folder = StoryYearPageFactory(parent=StoryIndexPageFactory(parent=home), year=2020)
    return [
        StoryPageFactory(
            parent=folder,
            key=f"s{start + n}",
            date=datetime.date(2020, 1, 1) + datetime.timedelta(days=start + n),
            hero_image=image,
        )
        for n in range(count)
    ]


def bulletins(home, count, start=0):
    index = BulletinIndexPageFactory(parent=home)
    return [BulletinPageFactory(parent=index, number=start + n) for n in range(count)]


def campaigns(home, count, start=0):
    index = CampaignIndexPageFactory(parent=home)
    return [CampaignPageFactory(parent=index, key=f"c{start + n}") for n in range(count)]


def organisations(count, start=0):
    for n in range(count):
        OrganisationFactory(key=f"org-{start + n}", services=["shelter"], regions=["tirane"])


def resources(home, count, start=0):
    index = ResourceIndexPageFactory(parent=home)
    return [ResourcePageFactory(parent=index, key=f"r{start + n}") for n in range(count)]


def competitions(home, count):
    index = CompetitionIndexPageFactory(parent=home)
    return [CompetitionPageFactory(parent=index) for _ in range(count)]


# Each page type: (build(home, image) -> URL, more(home, image)): `more` adds MANY items of what
# the page lists or shows; when it returns a URL (a second page holding many items, e.g. a
# bulletin with MANY news items), that page is counted instead.
PAGE_TYPES = {
    "home": (
        lambda home, image: stories(home, image, 1) and "/en/",
        lambda home, image: stories(home, image, MANY, start=1),
    ),
    "standard page": (
        lambda home, image: (
            (
                PartnerFactory(is_consortium_member=True, logo=image),
                StandardPageFactory(parent=home, slug_en="about"),
            )
            and "/en/about/"
        ),
        lambda home, image: [
            PartnerFactory(is_consortium_member=True, logo=image) for _ in range(MANY)
        ],
    ),
    "story index": (
        lambda home, image: stories(home, image, 1) and "/en/stories/",
        lambda home, image: stories(home, image, MANY, start=1),
    ),
    "story": (
        lambda home, image: stories(home, image, 1)[0].url,
        lambda home, image: stories(home, image, MANY, start=1),
    ),
    "bulletin index": (
        lambda home, image: bulletins(home, 1) and "/en/bulletin/",
        lambda home, image: bulletins(home, MANY, start=1),
    ),
    "bulletin": (
        lambda home, image: (
            BulletinPageFactory(
                parent=BulletinIndexPageFactory(parent=home),
                number=1,
                items=[own_item(1, image=image)],
            ).url
        ),
        lambda home, image: (
            BulletinPageFactory(
                parent=BulletinIndexPageFactory(parent=home),
                number=2,
                items=[own_item(n, image=image) for n in range(1, MANY + 1)],
            ).url
        ),
    ),
    "campaign index": (
        lambda home, image: campaigns(home, 1) and "/en/campaigns/",
        lambda home, image: campaigns(home, MANY, start=1),
    ),
    "campaign": (
        lambda home, image: (
            CampaignPageFactory(
                parent=CampaignIndexPageFactory(parent=home), key="c0", activity_count=1
            ).url
        ),
        lambda home, image: (
            CampaignPageFactory(
                parent=CampaignIndexPageFactory(parent=home), key="c1", activity_count=MANY
            ).url
        ),
    ),
    "directory": (
        lambda home, image: (
            (organisations(1), DirectoryPageFactory(parent=home)) and "/en/find-help/"
        ),
        lambda home, image: organisations(MANY, start=1),
    ),
    "resources": (
        lambda home, image: resources(home, 1) and "/en/resources/",
        lambda home, image: resources(home, MANY, start=1),
    ),
    "resource": (
        lambda home, image: resources(home, 1)[0].url,
        lambda home, image: resources(home, MANY, start=1),
    ),
    "competition index": (
        lambda home, image: competitions(home, 1) and "/en/competitions/",
        lambda home, image: competitions(home, MANY),
    ),
    "competition": (
        lambda home, image: competitions(home, 1)[0].url,
        lambda home, image: competitions(home, MANY),
    ),
    "search": (
        lambda home, image: stories(home, image, 1) and "/en/search/?q=story",
        lambda home, image: stories(home, image, MANY, start=1),
    ),
}

# Every page but the home page costs 2: the route (one query whatever the depth) and the page
# itself (the search, not a Wagtail page, looks its site up: 1 more). The site and its home page are kept per host (website/middleware.py), the home page's
# sections and a story's HTML until the content changes (`{% kept_fragment %}`); Wagtail's check
# of view restrictions and `public()` cost nothing while no page of the site is restricted
# (website/content_cache.py). The exact counts, warm, with the content above:
WARM_QUERIES = {
    "home": 0,
    "standard page": 2,
    "story index": 6,
    "story": 2,
    "bulletin index": 3,
    "bulletin": 8,
    "campaign index": 5,
    "campaign": 8,
    "directory": 6,
    "resources": 6,
    "resource": 4,
    "competition index": 4,
    "competition": 2,
    "search": 3,
}


def warm_count(client, url):
    """Queries of the second view of `url` (the first makes renditions and fills caches)."""
    first = client.get(url)
    assert first.status_code == 200, (url, first.status_code)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_query_count_is_flat_and_within_the_limit(name, client, home, site_settings, image):
    build, more = PAGE_TYPES[name]
    url = build(home, image)
    with_one = warm_count(client, url)

    other = more(home, image)
    with_many = warm_count(client, other if isinstance(other, str) else url)

    assert with_many == with_one, f"{name}: {with_one} queries with one item, {with_many} with many"
    assert with_one <= QUERY_LIMIT, f"{name}: {with_one} queries warm"
    assert with_one == WARM_QUERIES[name]


# --- What is kept is forgotten when the content changes ---------------------------------------


def test_a_new_menu_page_shows_at_once(client, home, site_settings):
    client.get("/en/")  # the chrome is now in the cache

    StandardPageFactory(parent=home, slug_en="news", title_en="News", show_in_menus=True)

    menu = client.get("/en/").content.decode()
    assert '<li><a href="/en/news/">News</a></li>' in menu


def test_a_restricted_story_leaves_the_index_at_once(client, home, site_settings, image):
    _first, second = stories(home, image, 2)
    assert client.get("/en/stories/").content.decode().count('<article class="story-card">') == 2

    PageViewRestriction.objects.create(page=second, restriction_type="password", password="x")

    index = client.get("/en/stories/").content.decode()
    assert index.count('<article class="story-card">') == 1
    assert second.title_en not in index
    assert 'name="password"' in client.get(second.url).content.decode()
