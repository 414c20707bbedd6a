"""Bulletin issues: admin creation, items from stories and written here, both-languages view,
the archive, query counts, a deleted story, and the e-mail rendering."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.test.utils.form_data import streamfield

from bulletins.models import BulletinIndexPage, BulletinPage
from bulletins.rendering import bulletin_items, email_subject, render_bulletin_email
from stories.models import StoryPage
from tests.admin_pages import create_page_in_admin
from tests.factories.bulletins import BulletinPageFactory, own_item
from tests.factories.stories import StoryPageFactory
from website.models import Partner, User

pytestmark = pytest.mark.django_db

ISSUE_SQ = "/sq/buletini/nentor-dhjetor-2020-6/"
ISSUE_EN = "/en/bulletin/november-december-2020-6/"


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def headlines(doc):
    return [h.get_text(strip=True) for h in doc.select(".bulletin-item__headline")]


def count_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.fixture
def admin_client(client):
    client.force_login(User.objects.create_superuser("admin", "admin@example.org", "x"))
    return client


def test_admin_creates_bulletin_with_both_languages(admin_client, archive, review_story):
    unicef = Partner.objects.create(name="UNICEF Shqipëri", short_name="UNICEF")
    issue = create_page_in_admin(
        admin_client,
        archive,
        BulletinPage,
        title_sq="Buletini: janar 2021",
        title_en="Bulletin: January 2021",
        slug_sq="janar-2021",
        slug_en="january-2021",
        period_label_sq="Janar 2021",
        period_label_en="January 2021",
        number="7",
        issue_date="2021-01-31",
        masthead_intro_sq="Lajmet e janarit.",
        masthead_intro_en="January's news.",
        items=streamfield(
            [
                ("story", {"story": review_story.pk}),
                (
                    "own",
                    {
                        "date": "2021-01-20",
                        "headline_sq": "Trajnim në Kukës",
                        "headline_en": "Training in Kukës",
                        "summary_sq": "Mësuesit u trajnuan.",
                        "summary_en": "Teachers were trained.",
                        "image": "",
                        "url": "https://example.org/kukes",
                    },
                ),
            ]
        ),
        programme_page="",
        competition_heading_sq="Historitë e Pathëna",
        competition_heading_en="Untold Stories",
        competition_text_sq="Dërgoni fotografinë tuaj.",
        competition_text_en="Send your photograph.",
        competition_url="https://www.unicef.org/albania",
        partners=[unicef.pk],
    )
    assert issue.live is True
    assert (issue.period_label_sq, issue.period_label_en) == ("Janar 2021", "January 2021")
    assert issue.number == 7
    assert issue.masthead_intro_en == "January's news."
    assert [block.block_type for block in issue.items] == ["story", "own"]
    assert issue.items[0].value["story"].pk == review_story.pk
    assert issue.items[1].value["headline_en"] == "Training in Kukës"
    assert issue.items[1].value["date"] == datetime.date(2021, 1, 20)
    assert list(issue.partners.all()) == [unicef]


def test_admin_creates_bulletin_archive(admin_client, home):
    archive = create_page_in_admin(
        admin_client,
        home,
        BulletinIndexPage,
        title_sq="Buletini",
        title_en="Bulletin",
        slug_sq="buletini",
        slug_en="bulletin",
        intro_sq="Të gjithë numrat.",
        intro_en="Every issue.",
    )
    assert (archive.intro_sq, archive.intro_en) == ("Të gjithë numrat.", "Every issue.")


def test_items_field_is_not_translated():
    field_names = {field.name for field in BulletinPage._meta.get_fields()}

    assert "items" in field_names
    assert "items_sq" not in field_names
    assert "items_en" not in field_names
    assert {"period_label_sq", "period_label_en", "masthead_intro_sq"} <= field_names


def test_page_type_rules(home, archive):
    assert BulletinPage.can_create_at(archive) is True
    assert BulletinPage.can_create_at(home) is False
    assert BulletinIndexPage.can_create_at(home) is False  # one archive, exists already
    assert BulletinPage.allowed_subpage_models() == []


@pytest.mark.parametrize(
    ("url", "lang", "expected"),
    [
        (ISSUE_SQ, "sq", ["Takimi i rishikimit afatmesëm", "Titulli 11"]),
        (ISSUE_EN, "en", ["The mid-term review meeting", "Headline 11"]),
    ],
)
def test_issue_shows_the_readers_language(client, issue, url, lang, expected):
    response = client.get(url)

    assert response.status_code == 200
    doc = soup(response)
    assert doc.html["lang"] == lang
    assert headlines(doc) == expected
    dates = [t.get_text(strip=True) for t in doc.select(".bulletin-item__date time")]
    assert dates == (
        ["17 nëntor 2020", "11 dhjetor 2020"]
        if lang == "sq"
        else ["17 November 2020", "11 December 2020"]
    )
    assert {v["lang"] for v in doc.select(".bulletin-item__version")} == {lang}


def test_story_item_takes_its_data_from_the_story(client, issue, review_story):
    review_story.title_en = "A new headline"
    review_story.summary_en = "A new summary."
    review_story.save_revision().publish()

    doc = soup(client.get(ISSUE_EN))

    first = doc.select(".bulletin-item")[0]
    assert first.select_one(".bulletin-item__headline").get_text(strip=True) == "A new headline"
    assert first.select_one(".bulletin-item__summary").get_text(strip=True) == "A new summary."
    assert first.select_one("time")["datetime"] == "2020-11-17"
    assert first.select_one("img")["alt"] == "A test image"
    assert first.select_one("a")["href"] == "/en/stories/2020/rishikimi-en/"


def test_bulletin_items_are_plain_dicts_per_language(issue, image):
    items = bulletin_items(issue, "sq")

    assert [(i["kind"], i["headline"], i["url"]) for i in items] == [
        ("story", "Takimi i rishikimit afatmesëm", "/sq/histori/2020/rishikimi-sq/"),
        ("own", "Titulli 11", "https://example.org/full"),
    ]
    assert items[0]["date"] == datetime.date(2020, 11, 17)
    assert items[0]["summary"] == "Partnerët e konsorciumit u takuan."
    assert items[0]["image"] == image
    assert items[1]["image"] is None
    assert [i["headline"] for i in bulletin_items(issue, "en")] == [
        "The mid-term review meeting",
        "Headline 11",
    ]


def test_both_languages_view_shows_albanian_then_english_for_each_item(client, issue):
    response = client.get(f"{ISSUE_EN}both/")

    assert response.status_code == 200
    doc = soup(response)
    versions = [
        (v["lang"], v.select_one(".bulletin-item__headline").get_text(strip=True))
        for v in doc.select(".bulletin-item__version")
    ]
    assert versions == [
        ("sq", "Takimi i rishikimit afatmesëm"),
        ("en", "The mid-term review meeting"),
        ("sq", "Titulli 11"),
        ("en", "Headline 11"),
    ]
    dates = [t.get_text(strip=True) for t in doc.select(".bulletin-item__date time")]
    assert dates == ["17 nëntor 2020", "17 November 2020", "11 dhjetor 2020", "11 December 2020"]
    assert doc.select_one(".bulletin__mode a")["href"] == ISSUE_EN
    assert soup(client.get(ISSUE_EN)).select_one(".bulletin__mode a")["href"] == f"{ISSUE_EN}both/"


def test_deleted_story_drops_out_and_the_issue_still_renders(client, issue, review_story):
    StoryPage.objects.get(pk=review_story.pk).delete()
    issue = BulletinPage.objects.get(pk=issue.pk)

    response = client.get(ISSUE_EN)

    assert response.status_code == 200
    assert headlines(soup(response)) == ["Headline 11"]
    assert [i["headline"] for i in bulletin_items(issue, "en")] == ["Headline 11"]


def test_story_item_without_english_shows_albanian_with_a_note(client, issue, review_story):
    review_story.title_en = ""
    review_story.summary_en = ""
    review_story.save_revision().publish()

    first = soup(client.get(ISSUE_EN)).select(".bulletin-item")[0]

    assert first.select_one(".translation-note").get_text(strip=True) == (
        "This item is not yet available in English. Here it is in Albanian."
    )
    assert first.select_one(".bulletin-item__summary").get_text(strip=True) == (
        "Partnerët e konsorciumit u takuan."
    )
    assert first.select_one(".bulletin-item__summary")["lang"] == "sq"


def test_unpublished_story_drops_out(client, issue, review_story):
    review_story.unpublish()

    assert headlines(soup(client.get(ISSUE_SQ))) == ["Titulli 11"]


def test_issue_has_the_sections_after_the_news(client, issue, site_settings):
    Partner.objects.create(
        name_sq="Terre des Hommes",
        name_en="Terre des Hommes",
        name="Terre des Hommes",
        short_name="TdH",
        email="alb.office@tdh.ch",
        website="https://www.tdh.ch/albania",
    )

    doc = soup(client.get(ISSUE_EN))

    assert [li.strong.get_text() for li in doc.select(".bulletin__partner-list li")] == [
        "Terre des Hommes"
    ]
    help_numbers = [a.get_text(strip=True) for a in doc.select(".bulletin__help a")]
    assert help_numbers == ["129", "116 006", "ALO 116 111", "nukjevetem.al"]
    assert doc.select_one(".bulletin__feedback a")["href"] == "mailto:info@example.org"
    # The site-wide help lines in the page's chrome are still there.
    assert [a.strong.get_text() for a in doc.select(".help-bar a")] == help_numbers


def test_archive_lists_every_issue_newest_first(client, archive, site_settings):
    BulletinPageFactory(parent=archive, number=5, issue_date=datetime.date(2020, 10, 30))
    BulletinPageFactory(parent=archive, number=6, issue_date=datetime.date(2020, 12, 30))
    BulletinPageFactory(parent=archive, number=4, issue_date=datetime.date(2020, 8, 30))

    doc = soup(client.get("/en/bulletin/"))

    links = [a["href"] for a in doc.select(".bulletin-archive__list a")]
    assert links == [
        "/en/bulletin/november-december-2020-6/",
        "/en/bulletin/november-december-2020-5/",
        "/en/bulletin/november-december-2020-4/",
    ]


def test_archive_query_count_does_not_grow_with_issues(client, archive, site_settings):
    BulletinPageFactory(parent=archive, number=1)
    one = count_queries(client, "/en/bulletin/")
    for number in range(2, 12):
        BulletinPageFactory(parent=archive, number=number)

    assert count_queries(client, "/en/bulletin/") == one


@pytest.mark.parametrize("path", ["", "both/"])
def test_issue_query_count_does_not_grow_with_items(
    client, archive, folder, image, site_settings, path
):
    def story(n):
        return StoryPageFactory(
            parent=folder, key=f"s{n}", date=datetime.date(2020, 11, n), hero_image=image
        )

    issue = BulletinPageFactory(
        parent=archive, items=[("story", {"story": story(1)}), own_item(1, image=image)]
    )
    url = f"{ISSUE_EN}{path}"
    one = count_queries(client, url)

    items = []
    for n in range(1, 11):
        items.append(("story", {"story": story(n + 1)}))
        items.append(own_item(n, image=image))
    issue.items = items
    issue.save_revision().publish()

    assert count_queries(client, url) == one
    assert len(headlines(soup(client.get(url)))) == 20 * (2 if path else 1)


@pytest.mark.parametrize("mode", ["sq", "en", "both"])
def test_email_text_part_contains_every_item(issue, mode):
    _subject, html, text = render_bulletin_email(issue, mode, base_url="https://example.org")

    sq = ["Takimi i rishikimit afatmesëm", "Titulli 11"]
    en = ["The mid-term review meeting", "Headline 11"]
    expected = {"sq": sq, "en": en, "both": sq + en}[mode]
    for headline in expected:
        assert headline in text
        assert headline in html
    missing = {"sq": en, "en": sq, "both": []}[mode]
    for headline in missing:
        assert headline not in text


def test_email_both_mode_has_both_languages_in_order(issue):
    subject, html, text = render_bulletin_email(issue, "both", base_url="https://example.org/")

    assert subject == (
        "Buletini elektronik / e-Bulletin | Nëntor–Dhjetor 2020 / November–December 2020"
    )
    order = [
        text.index("Takimi i rishikimit afatmesëm"),
        text.index("The mid-term review meeting"),
        text.index("Titulli 11"),
        text.index("Headline 11"),
    ]
    assert order == sorted(order)
    assert "Lexo artikullin e plotë: https://example.org/sq/histori/2020/rishikimi-sq/" in text
    assert "Read the full article: https://example.org/en/stories/2020/rishikimi-en/" in text
    assert "17 nëntor 2020" in text
    assert "17 November 2020" in text
    doc = BeautifulSoup(html, "html.parser")
    assert [v["lang"] for v in doc.select(".item-version")] == ["sq", "en", "sq", "en"]
    assert doc.select_one(".item-image")["src"].startswith("https://example.org/media/images/")


def test_email_subject_alone_is_the_rendered_subject_without_rendering(
    issue, django_assert_max_num_queries
):
    expected = {
        "sq": "Buletini elektronik | Nëntor–Dhjetor 2020",
        "en": "e-Bulletin | November–December 2020",
        "both": "Buletini elektronik / e-Bulletin | Nëntor–Dhjetor 2020 / November–December 2020",
    }
    for mode, subject in expected.items():
        with django_assert_max_num_queries(0):
            assert email_subject(issue, mode) == subject
        assert render_bulletin_email(issue, mode, base_url="https://example.org")[0] == subject


def test_email_single_language_subject_and_help_lines(issue):
    subject, _html, text = render_bulletin_email(issue, "en", base_url="https://example.org")

    assert subject == "e-Bulletin | November–December 2020"
    assert "- Albanian State Police: 129" in text
    assert "- National Child Helpline: ALO 116 111" in text
    assert "Write to us at info@example.org" in text


def test_email_renders_mailing_placeholders_only_when_given(issue):
    _subject, html_without, _text_without = render_bulletin_email(
        issue, "sq", base_url="https://example.org"
    )
    _subject, html, text = render_bulletin_email(
        issue,
        "sq",
        base_url="https://example.org",
        context={
            "unsubscribe_url": "https://example.org/u/abc/",
            "preferences_url": "https://example.org/p/abc/",
            "view_in_browser_url": "https://example.org/sq/buletini/nentor-dhjetor-2020-6/",
            "reason": "Ju jeni abonuar në buletin.",
        },
    )

    assert "https://example.org/u/abc/" not in html_without
    assert "https://example.org/u/abc/" in text
    doc = BeautifulSoup(html, "html.parser")
    hrefs = [a["href"] for a in doc.select(".footer a")]
    assert hrefs == [
        "https://example.org/sq/buletini/nentor-dhjetor-2020-6/",
        "https://example.org/p/abc/",
        "https://example.org/u/abc/",
    ]
    assert doc.select_one(".reason").get_text() == "Ju jeni abonuar në buletin."


def test_email_render_rejects_unknown_mode(issue):
    with pytest.raises(ValueError, match="Unknown bulletin mode"):
        render_bulletin_email(issue, "fr", base_url="https://example.org")
