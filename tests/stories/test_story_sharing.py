"""Sharing a story: meta description, Open Graph and Twitter card tags in the reader's language."""

import datetime

import pytest
from bs4 import BeautifulSoup

from tests.factories import image_file
from tests.factories.stories import StoryPageFactory
from website.models import CustomImage


@pytest.fixture
def photo(db):
    return CustomImage.objects.create(
        title="Takimi",
        file=image_file(name="takimi.png", size=(1600, 1000)),
        alt_text_sq="Partnerët rreth një tryeze",
        alt_text_en="Partners around a table",
    )


@pytest.fixture
def shared_story(folder_2020, photo):
    return StoryPageFactory(
        parent=folder_2020,
        key="takimi",
        date=datetime.date(2020, 11, 17),
        hero_image=photo,
        title_sq="Takimi i rishikimit",
        title_en="The mid-term review",
        summary_sq="Partnerët u takuan në Tiranë.",
        summary_en="The partners met in Tirana.",
    )


def meta(response):
    soup = BeautifulSoup(response.content, "html.parser")
    tags = {}
    for tag in soup.select("head meta[property], head meta[name]"):
        key = tag.get("property") or tag.get("name")
        tags.setdefault(key, []).append(tag["content"])
    return {key: values[0] if len(values) == 1 else values for key, values in tags.items()}


@pytest.mark.parametrize(
    ("url", "title", "description", "locale", "alternate", "alt", "site_name"),
    [
        (
            "/sq/histori/2020/takimi-sq/",
            "Takimi i rishikimit",
            "Partnerët u takuan në Tiranë.",
            "sq_AL",
            "en_GB",
            "Partnerët rreth një tryeze",
            "Historitë e pathëna",
        ),
        (
            "/en/stories/2020/takimi-en/",
            "The mid-term review",
            "The partners met in Tirana.",
            "en_GB",
            "sq_AL",
            "Partners around a table",
            "Untold Stories",
        ),
    ],
)
def test_story_has_sharing_tags_in_each_language(
    client, shared_story, url, title, description, locale, alternate, alt, site_name
):
    response = client.get(url)
    tags = meta(response)

    image_url = tags["og:image"]
    assert image_url.startswith("http://testserver/media/images/takimi")
    assert image_url.endswith(".fill-1200x630.format-jpeg.jpegquality-80.jpg")
    assert {
        key: value for key, value in tags.items() if key not in {"og:image", "twitter:image"}
    } == {
        "viewport": "width=device-width, initial-scale=1",
        "referrer": "same-origin",
        "description": description,
        "og:site_name": site_name,
        "og:type": "article",
        "og:title": title,
        "og:description": description,
        "og:url": "http://testserver" + url,
        "og:locale": locale,
        "og:locale:alternate": alternate,
        "og:image:type": "image/jpeg",
        "og:image:width": "1200",
        "og:image:height": "630",
        "og:image:alt": alt,
        "article:published_time": "2020-11-17",
        "twitter:card": "summary_large_image",
        "twitter:title": title,
        "twitter:description": description,
        "twitter:image:alt": alt,
    }
    assert tags["twitter:image"] == image_url


def test_story_search_description_is_preferred_for_sharing(client, folder_2020):
    StoryPageFactory(
        parent=folder_2020,
        key="pa-imazh",
        date=datetime.date(2020, 12, 1),
        search_description_sq="Një përshkrim për motorët e kërkimit.",
        search_description_en="A description for search engines.",
    )

    tags = meta(client.get("/en/stories/2020/pa-imazh-en/"))

    assert tags["description"] == "A description for search engines."
    assert tags["og:description"] == "A description for search engines."
    assert tags["twitter:card"] == "summary"
    assert "og:image" not in tags
    assert "twitter:image" not in tags


def test_page_without_an_image_shares_its_intro(client, story_index):
    tags = meta(client.get("/en/stories/"))

    assert tags["og:type"] == "website"
    assert tags["og:title"] == "Stories"
    assert tags["description"] == "News from our work."
    assert tags["og:url"] == "http://testserver/en/stories/"
    assert tags["twitter:card"] == "summary"
