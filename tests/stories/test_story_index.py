"""The story index: filters that combine and survive pagination, bad input, feeds, query counts."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories.stories import StoryPageFactory, StoryYearPageFactory
from website.models import Municipality, Partner, Region, Topic

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def card_titles(response):
    return [h.get_text(strip=True) for h in soup(response).select(".story-card__title")]


def count_queries(client, url):
    client.get(url)  # renditions are made on the first view; count a view of a warm page
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.fixture
def tagged(story_index, taxonomy):
    """Four stories in 2020 and 2021 with different topics, places and partners."""
    unicef = Partner.objects.create(name="UNICEF Shqipëri", short_name="UNICEF")
    arsis = Partner.objects.create(name="ARSIS", short_name="ARSIS")
    prevention = Topic.objects.get(slug="prevention")
    education = Topic.objects.get(slug="education")
    tirane = Region.objects.get(slug="tirane")
    shkoder = Region.objects.get(slug="shkoder")
    folder_2020 = StoryYearPageFactory(parent=story_index, year=2020)
    folder_2021 = StoryYearPageFactory(parent=story_index, year=2021)
    StoryPageFactory(
        parent=folder_2020,
        key="a",
        date=datetime.date(2020, 11, 1),
        topics=[prevention],
        regions=[tirane],
        partners=[unicef],
    )
    b = StoryPageFactory(
        parent=folder_2020,
        key="b",
        date=datetime.date(2020, 12, 1),
        topics=[prevention],
        partners=[arsis],
    )
    b.municipalities.set([Municipality.objects.get(slug="kamez")])  # in Tiranë region
    b.save_revision().publish()
    StoryPageFactory(
        parent=folder_2020,
        key="c",
        date=datetime.date(2020, 10, 1),
        topics=[education],
        regions=[tirane],
        partners=[unicef],
    )
    StoryPageFactory(
        parent=folder_2021,
        key="d",
        date=datetime.date(2021, 1, 15),
        topics=[prevention],
        regions=[shkoder],
        partners=[unicef],
    )
    return {"unicef": unicef, "arsis": arsis}


def test_index_lists_stories_newest_first_in_both_languages(client, tagged):
    assert card_titles(client.get("/sq/histori/")) == [
        "Histori d",
        "Histori b",
        "Histori a",
        "Histori c",
    ]
    assert card_titles(client.get("/en/stories/")) == ["Story d", "Story b", "Story a", "Story c"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("topic=prevention", ["Story d", "Story b", "Story a"]),
        ("region=tirane", ["Story b", "Story a", "Story c"]),  # b through Kamëz
        ("topic=prevention&region=tirane", ["Story b", "Story a"]),
        ("topic=prevention&region=tirane&year=2020", ["Story b", "Story a"]),
        ("year=2021", ["Story d"]),
        ("topic=education&year=2021", []),
    ],
)
def test_filters_combine(client, tagged, query, expected):
    assert card_titles(client.get(f"/en/stories/?{query}")) == expected


def test_partner_filter_combines_with_topic(client, tagged):
    unicef = tagged["unicef"].pk

    response = client.get(f"/en/stories/?partner={unicef}&topic=prevention")

    assert card_titles(response) == ["Story d", "Story a"]
    assert soup(response).select_one("#id_partner option[selected]")["value"] == str(unicef)


def test_partner_added_after_a_view_is_an_option_and_can_be_chosen(client, tagged):
    client.get("/en/stories/")  # the options are read and kept
    added = Partner.objects.create(name="Terre des hommes", short_name="TdH")

    doc = soup(client.get(f"/en/stories/?partner={added.pk}"))

    options = [option.get_text(strip=True) for option in doc.select("#id_partner option")]
    assert options == ["All partners", "ARSIS", "Terre des hommes", "UNICEF Shqipëri"]
    assert doc.select_one("#id_partner option[selected]")["value"] == str(added.pk)


def test_no_match_says_so(client, tagged):
    doc = soup(client.get("/en/stories/?topic=education&year=2021"))

    assert doc.select_one(".story-index__empty").get_text(strip=True) == (
        "No stories match these filters."
    )
    assert doc.select_one(".story-index__count").get_text(strip=True) == "0 stories"


@pytest.mark.parametrize(
    "query",
    [
        "topic=unknown",
        "region=atlantis&partner=999999",
        "partner=abc",
        "year=abc",
        "year=1800",
        "page=abc",
        "page=-3",
        "topic[]=x&year=2020'",
    ],
)
def test_unknown_filter_values_give_a_normal_page(client, tagged, query):
    response = client.get(f"/en/stories/?{query}")

    assert response.status_code == 200
    assert card_titles(response) == ["Story d", "Story b", "Story a", "Story c"]


def test_filters_survive_pagination(client, story_index, taxonomy):
    prevention = Topic.objects.get(slug="prevention")
    folder = StoryYearPageFactory(parent=story_index, year=2020)
    for day in range(1, 15):  # 14 prevention stories
        StoryPageFactory(
            parent=folder, key=f"p{day:02}", date=datetime.date(2020, 11, day), topics=[prevention]
        )
    StoryPageFactory(parent=folder, key="other", date=datetime.date(2020, 12, 31))

    first = client.get("/en/stories/?topic=prevention")
    first_doc = soup(first)
    next_link = first_doc.select_one(".pagination a[rel=next]")["href"]
    second = client.get(f"/en/stories/{next_link}")

    assert len(card_titles(first)) == 12
    assert card_titles(first)[0] == "Story p14"
    assert next_link == "?topic=prevention&page=2#results"
    assert card_titles(second) == ["Story p02", "Story p01"]
    assert (
        soup(second).select_one(".pagination a[rel=prev]")["href"]
        == "?topic=prevention&page=1#results"
    )
    assert soup(second).select_one(".story-index__count").get_text(strip=True) == "14 stories"


def test_page_out_of_range_shows_the_last_page(client, tagged):
    response = client.get("/en/stories/?page=99")

    assert response.status_code == 200
    assert card_titles(response) == ["Story d", "Story b", "Story a", "Story c"]


def test_index_query_count_does_not_grow_with_stories(client, story_index, taxonomy, image):
    prevention = Topic.objects.get(slug="prevention")
    tirane = Region.objects.get(slug="tirane")
    folder = StoryYearPageFactory(parent=story_index, year=2020)
    StoryPageFactory(
        parent=folder,
        key="s0",
        date=datetime.date(2020, 1, 1),
        topics=[prevention],
        regions=[tirane],
        hero_image=image,
    )
    url = "/en/stories/?topic=prevention&region=tirane&year=2020"
    one_filtered = count_queries(client, url)
    one = count_queries(client, "/en/stories/")

    for day in range(2, 30):
        StoryPageFactory(
            parent=folder,
            key=f"s{day}",
            date=datetime.date(2020, 1, day),
            topics=[prevention],
            regions=[tirane],
            hero_image=image,
        )

    assert count_queries(client, url) == one_filtered
    assert count_queries(client, "/en/stories/") == one


def parse_feed(response):
    assert response["Content-Type"].startswith("application/rss+xml")
    return ET.fromstring(response.content)  # noqa: S314 (our own response)


@pytest.mark.parametrize(
    ("url", "lang", "title", "link"),
    [
        (
            "/sq/histori/feed/",
            "sq",
            "Takimi i rishikimit",
            "http://testserver/sq/histori/2020/takimi-sq/",
        ),
        (
            "/en/stories/feed/",
            "en",
            "The mid-term review",
            "http://testserver/en/stories/2020/takimi-en/",
        ),
    ],
)
def test_feed_is_valid_rss_in_the_readers_language(client, story, url, lang, title, link):
    response = client.get(url)

    assert response.status_code == 200
    rss = parse_feed(response)
    assert rss.tag == "rss"
    assert rss.get("version") == "2.0"
    channel = rss.find("channel")
    assert channel.findtext("language") == lang
    assert channel.findtext("link") == f"http://testserver{url.removesuffix('feed/')}"
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == [title]
    assert items[0].findtext("link") == link
    assert items[0].findtext("guid") == link
    assert items[0].findtext("pubDate") == "Tue, 17 Nov 2020 12:00:00 +0100"


def test_feed_ignores_query_parameters(client, story):
    response = client.get("/en/stories/feed/?page=abc&topic=%00")

    assert response.status_code == 200
    assert len(parse_feed(response).find("channel").findall("item")) == 1


def test_index_links_its_feed(client, story):
    doc = soup(client.get("/sq/histori/"))

    assert doc.find("link", type="application/rss+xml")["href"] == "/sq/histori/feed/"


def test_unpublished_story_is_not_listed(client, story):
    story.unpublish()

    assert card_titles(client.get("/en/stories/")) == []
    assert parse_feed(client.get("/en/stories/feed/")).find("channel").findall("item") == []
