"""Story pages: admin creation, rendering in both languages, page type rules, video, related."""

import datetime

import pytest
from bs4 import BeautifulSoup
from wagtail.test.utils.form_data import rich_text, streamfield

from stories.blocks import embed_url_for
from stories.models import StoryIndexPage, StoryPage, StoryYearPage
from tests.admin_pages import create_page_in_admin
from tests.factories.stories import StoryPageFactory
from website.models import HomePage, Municipality, Partner, Region, StandardPage, Topic, User

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


@pytest.fixture
def admin_client(client):
    client.force_login(User.objects.create_superuser("admin", "admin@example.org", "x"))
    return client


def test_admin_creates_story_with_both_languages(admin_client, folder_2020, image, taxonomy):
    partner = Partner.objects.create(name="UNICEF Shqipëri", short_name="UNICEF")
    prevention = Topic.objects.get(slug="prevention")
    kukes = Region.objects.get(slug="kukes")
    has = Municipality.objects.get(slug="has")

    story = create_page_in_admin(
        admin_client,
        folder_2020,
        StoryPage,
        title_sq="Fushata në Kukës",
        title_en="The campaign in Kukës",
        slug_sq="fushata-ne-kukes",
        slug_en="campaign-in-kukes",
        date="2020-12-23",
        summary_sq="Të rinjtë mësuan si ta njohin rrezikun.",
        summary_en="Young people learned how to spot the risk.",
        hero_image=image.pk,
        body_sq=streamfield(
            [
                ("paragraph", rich_text("<p>Teksti shqip.</p>")),
                ("quote", {"text": "Nuk e dija.", "attribution": "K.K."}),
            ]
        ),
        body_en=streamfield([("paragraph", rich_text("<p>English text.</p>"))]),
        external_url="https://www.unicef.org/albania",
        topics=[prevention.pk],
        regions=[kukes.pk],
        municipalities=[has.pk],
        partners=[partner.pk],
    )

    assert story.slug_sq == "fushata-ne-kukes"
    assert story.live is True
    assert story.get_parent().pk == folder_2020.pk
    assert (story.title_sq, story.title_en) == ("Fushata në Kukës", "The campaign in Kukës")
    assert story.summary_en == "Young people learned how to spot the risk."
    assert story.date == datetime.date(2020, 12, 23)
    assert [block.block_type for block in story.body_sq] == ["paragraph", "quote"]
    assert story.body_sq[1].value["attribution"] == "K.K."
    assert BeautifulSoup(story.body_en[0].value.source, "html.parser").get_text() == "English text."
    assert list(story.topics.values_list("slug", flat=True)) == ["prevention"]
    assert list(story.regions.values_list("slug", flat=True)) == ["kukes"]
    assert list(story.municipalities.values_list("slug", flat=True)) == ["has"]
    assert list(story.partners.all()) == [partner]
    assert story.hero_image == image


def test_admin_creates_story_index_and_year_folder(admin_client, home):
    index = create_page_in_admin(
        admin_client,
        home,
        StoryIndexPage,
        title_sq="Histori",
        title_en="Stories",
        slug_sq="histori",
        slug_en="stories",
        intro_sq="Lajme nga terreni.",
        intro_en="News from the field.",
    )
    assert (index.intro_sq, index.intro_en) == ("Lajme nga terreni.", "News from the field.")

    folder = create_page_in_admin(
        admin_client,
        index,
        StoryYearPage,
        title_sq="2021",
        title_en="2021",
        slug_sq="2021",
        slug_en="2021",
        year="2021",
    )
    assert folder.year == 2021


def test_admin_saves_a_story_draft(admin_client, folder_2020):
    story = create_page_in_admin(
        admin_client,
        folder_2020,
        StoryPage,
        publish=False,
        title_sq="Skicë",
        title_en="Draft",
        slug_sq="skice",
        slug_en="draft",
        date="2020-12-23",
        summary_sq="Ende pa përfunduar.",
        summary_en="Not finished yet.",
        body_sq=streamfield([]),
        body_en=streamfield([]),
    )

    assert (story.live, story.title_en) == (False, "Draft")


def test_page_type_rules_keep_the_tree_sensible(home, folder_2020):
    index = folder_2020.get_parent().specific
    standard = StandardPage(title="Rreth", slug="rreth")
    home.add_child(instance=standard)

    assert StoryIndexPage.can_create_at(home) is False  # one index per home page, exists already
    assert StoryIndexPage.can_create_at(standard) is False
    assert StoryYearPage.can_create_at(index) is True
    assert StoryYearPage.can_create_at(home) is False
    assert StoryPage.can_create_at(folder_2020) is True
    assert StoryPage.can_create_at(index) is False
    assert StoryPage.can_create_at(home) is False
    assert StoryPage.allowed_subpage_models() == []
    assert HomePage.objects.count() == 1


def test_every_story_field_has_help_text():
    for model in (StoryIndexPage, StoryYearPage, StoryPage):
        own_fields = [
            field
            for field in model._meta.get_fields()
            if getattr(field, "model", None) is model
            and field.concrete
            and not field.auto_created
            and not field.name.endswith(("_sq", "_en"))
            and not field.name.endswith("_ptr")
        ]
        for field in own_fields:
            assert field.help_text, f"{model.__name__}.{field.name} has no help text"


@pytest.mark.parametrize(
    ("url", "lang", "title", "date", "summary"),
    [
        (
            "/sq/histori/2020/takimi-sq/",
            "sq",
            "Takimi i rishikimit",
            "17 nëntor 2020",
            "Partnerët u takuan.",
        ),
        (
            "/en/stories/2020/takimi-en/",
            "en",
            "The mid-term review",
            "17 November 2020",
            "The partners met.",
        ),
    ],
)
def test_story_renders_in_each_language(client, story, url, lang, title, date, summary):
    response = client.get(url)

    assert response.status_code == 200
    doc = soup(response)
    assert doc.html["lang"] == lang
    assert doc.h1.get_text(strip=True) == title
    assert doc.select_one(".story__meta time").get_text(strip=True) == date
    assert doc.select_one(".lead").get_text(strip=True) == summary
    assert doc.select_one(".story__hero img")["alt"] == (
        "Një imazh prove" if lang == "sq" else "A test image"
    )
    alternates = {link["hreflang"]: link["href"] for link in doc.find_all("link", rel="alternate")}
    assert alternates["sq"] == "http://testserver/sq/histori/2020/takimi-sq/"
    assert alternates["en"] == "http://testserver/en/stories/2020/takimi-en/"
    assert doc.find("script", src=False) is None


def test_story_without_english_shows_albanian_with_a_note(client, folder_2020):
    StoryPageFactory(
        parent=folder_2020,
        key="vetem-shqip",
        date=datetime.date(2020, 12, 1),
        summary_sq="Vetëm në shqip.",
        summary_en="",
    )

    doc = soup(client.get("/en/stories/2020/vetem-shqip-en/"))

    assert doc.select_one(".translation-note").get_text(strip=True) == (
        "This story is not yet available in English. Here it is in Albanian."
    )
    assert doc.select_one("article.story")["lang"] == "sq"
    assert doc.select_one(".lead").get_text(strip=True) == "Vetëm në shqip."


def test_story_with_english_has_no_translation_note(client, story):
    doc = soup(client.get("/en/stories/2020/takimi-en/"))

    assert doc.select_one(".translation-note") is None


def test_video_loads_nothing_from_the_video_site_before_a_click(client, folder_2020, image):
    StoryPageFactory(
        parent=folder_2020,
        key="video",
        date=datetime.date(2020, 12, 2),
        body_sq=[
            {
                "type": "video",
                "value": {
                    "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
                    "still": image.pk,
                    "title": "Fushata në Dibër",
                    "caption": "",
                },
            }
        ],
    )

    response = client.get("/sq/histori/2020/video-sq/")

    doc = soup(response)
    sources = [el["src"] for el in doc.select("[src]")] + [
        el["srcset"] for el in doc.select("[srcset]")
    ]
    assert all("youtube" not in src and "vimeo" not in src for src in sources)
    assert doc.find("iframe") is None
    link = doc.select_one("a.video__link")
    assert link["href"] == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    assert link["data-video-embed"] == (
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"
    )
    assert link.img["src"].startswith("/media/images/")
    assert doc.select_one("script[src$='stories/js/video.js']") is not None


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://youtu.be/dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871"),
        ("https://example.org/video.mp4", ""),
        ("not a url", ""),
    ],
)
def test_embed_url_for_known_and_unknown_sites(url, expected):
    assert embed_url_for(url).split("?")[0] == expected


def test_related_stories_share_a_topic_newest_first(client, folder_2020, taxonomy):
    prevention = Topic.objects.get(slug="prevention")
    education = Topic.objects.get(slug="education")
    StoryPageFactory(
        parent=folder_2020, key="kjo", date=datetime.date(2020, 11, 1), topics=[prevention]
    )
    StoryPageFactory(
        parent=folder_2020, key="e-vjeter", date=datetime.date(2020, 10, 1), topics=[prevention]
    )
    StoryPageFactory(
        parent=folder_2020, key="e-re", date=datetime.date(2020, 12, 1), topics=[prevention]
    )
    StoryPageFactory(
        parent=folder_2020, key="tjeter", date=datetime.date(2020, 12, 5), topics=[education]
    )

    doc = soup(client.get("/en/stories/2020/kjo-en/"))

    titles = [h.get_text(strip=True) for h in doc.select(".related-stories .story-card__title")]
    assert titles == ["Story e-re", "Story e-vjeter"]


def test_year_folder_leads_to_the_index_filtered_by_year(client, folder_2020):
    response = client.get("/sq/histori/2020/")

    assert response.status_code == 302
    assert response["Location"] == "/sq/histori/?year=2020"
