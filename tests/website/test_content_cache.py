"""What is kept until the content changes (website/content_cache.py) is forgotten on every change
that shows: the site and home page kept per host in each process (website/middleware.py), the
home page's sections and a story's HTML (`{% kept_fragment %}`, website/templatetags).

Each test first views the page (so the value is kept), then changes the content the way an
editor or the code does, then views it again in the same process."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from tests.factories import StandardPageFactory, TopicFactory
from tests.factories.stories import StoryIndexPageFactory, StoryPageFactory, StoryYearPageFactory
from website import content_cache
from website.models import HomePage

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def card_titles(doc, section):
    return [title.get_text(strip=True) for title in doc.select(f"{section} .story-card__title")]


@pytest.fixture
def folder(home):
    return StoryYearPageFactory(parent=StoryIndexPageFactory(parent=home), year=2020)


def story(folder, key, day, **kwargs):
    return StoryPageFactory(parent=folder, key=key, date=datetime.date(2020, 11, day), **kwargs)


def english_url(page):
    return f"/en/stories/2020/{page.slug_en}/"


def publish(page, **fields):
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()


# --- The site and its home page, kept per host --------------------------------------------------


def test_home_page_is_served_without_queries_when_warm(client, home, site_settings):
    client.get("/en/")

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/en/")

    assert response.status_code == 200
    assert len(queries) == 0


def test_a_published_home_page_shows_at_once(client, home, site_settings):
    client.get("/en/")

    publish(HomePage.objects.get(pk=home.pk), title_en="Together, a new title")

    assert soup(client.get("/en/")).h1.get_text(strip=True) == "Together, a new title"


def test_a_home_page_saved_without_a_revision_shows_at_once(client, home, site_settings):
    client.get("/en/")

    page = HomePage.objects.get(pk=home.pk)
    page.intro_en = "Saved by code, not published through the admin."
    page.save()

    lead = soup(client.get("/en/")).select_one(".hero .lead").get_text(strip=True)
    assert lead == "Saved by code, not published through the admin."


def test_a_site_pointed_at_another_root_page_serves_it_at_once(client, home, site_settings):
    other = StandardPageFactory(parent=home, title_en="Another root", slug_en="another-root")
    client.get("/en/")

    site = Site.objects.get(is_default_site=True)
    site.root_page = other
    site.save()

    assert soup(client.get("/en/")).h1.get_text(strip=True) == "Another root"


def test_each_host_keeps_its_own_site(client, home, site_settings, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "second.example.org"]
    client.get("/en/")
    other_home = StandardPageFactory(parent=home, title_en="Second site", slug_en="second")
    Site.objects.create(hostname="second.example.org", port=80, root_page=other_home)

    first = soup(client.get("/en/")).h1.get_text(strip=True)
    second = soup(client.get("/en/", HTTP_HOST="second.example.org")).h1.get_text(strip=True)

    assert (first, second) == (home.title_en, "Second site")


def test_a_kept_site_is_a_copy_for_each_request(client, home, site_settings):
    first = client.get("/en/").wsgi_request._wagtail_site
    first.root_page.marked_by_the_first_request = True

    second = client.get("/en/").wsgi_request._wagtail_site

    assert second.pk == first.pk
    assert second is not first and second.root_page is not first.root_page
    assert not hasattr(second.root_page, "marked_by_the_first_request")


def test_nothing_is_kept_in_the_process_without_a_generation(home, settings):
    """The shared cache unreachable (a Redis outage: every read misses, every write is lost):
    no generation says when a value went stale, so it is computed every time."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    computed = []

    for _ in range(2):
        content_cache.kept_in_process("test:outage", lambda: computed.append(1) or len(computed))

    assert computed == [1, 1]


# --- The home page's sections -------------------------------------------------------------------


def test_a_new_story_shows_on_the_home_page_at_once(client, folder, site_settings):
    story(folder, "first", 1)
    assert card_titles(soup(client.get("/en/")), ".home-stories") == ["Story first"]

    story(folder, "second", 2)

    assert card_titles(soup(client.get("/en/")), ".home-stories") == [
        "Story second",
        "Story first",
    ]


def test_an_unpublished_story_leaves_the_home_page_at_once(client, folder, site_settings):
    first, second = story(folder, "first", 1), story(folder, "second", 2)
    client.get("/en/")

    second.unpublish()

    assert card_titles(soup(client.get("/en/")), ".home-stories") == [first.title_en]


def test_a_renamed_story_is_renamed_on_the_home_page_at_once(client, folder, site_settings):
    page = story(folder, "first", 1)
    client.get("/en/")

    publish(page, title_en="A better title")

    assert card_titles(soup(client.get("/en/")), ".home-stories") == ["A better title"]


def test_the_home_sections_are_kept_per_language(client, folder, site_settings):
    story(folder, "first", 1)

    english = card_titles(soup(client.get("/en/")), ".home-stories")
    albanian = card_titles(soup(client.get("/sq/")), ".home-stories")

    assert (english, albanian) == (["Story first"], ["Histori first"])


# --- A story's HTML -----------------------------------------------------------------------------


def test_a_story_is_kept_until_something_changes(client, folder, site_settings):
    page = story(folder, "first", 1)
    client.get(english_url(page))

    with CaptureQueriesContext(connection) as queries:
        doc = soup(client.get(english_url(page)))

    # The route and the page; its topics, places, partners and related stories are kept.
    assert len(queries) == 2
    assert doc.h1.get_text(strip=True) == "Story first"


def test_a_newly_related_story_shows_at_once(client, folder, site_settings):
    topic = TopicFactory(slug="prevention")
    page = story(folder, "first", 1, topics=[topic])
    assert card_titles(soup(client.get(english_url(page))), ".related-stories") == []

    story(folder, "second", 2, topics=[topic])

    assert card_titles(soup(client.get(english_url(page))), ".related-stories") == ["Story second"]


def test_a_renamed_topic_shows_on_the_story_at_once(client, folder, site_settings):
    topic = TopicFactory(slug="prevention", name_en="Prevention")
    page = story(folder, "first", 1, topics=[topic])
    client.get(english_url(page))

    topic.name_en = "Preventing trafficking"
    topic.save()

    tags = soup(client.get(english_url(page))).select(".tag--topic a")
    assert [tag.get_text(strip=True) for tag in tags] == ["Preventing trafficking"]


def test_a_preview_neither_uses_nor_fills_the_kept_story(client, folder, site_settings):
    page = story(folder, "first", 1)
    client.get(english_url(page))  # the live story is kept
    page.title_en = "A draft title"
    page.save_revision()
    draft = page.get_latest_revision_as_object()

    previewed = draft.make_preview_request(preview_mode="en")
    live = soup(client.get(english_url(page)))

    assert soup(previewed).h1.get_text(strip=True) == "A draft title"
    assert live.h1.get_text(strip=True) == "Story first"
