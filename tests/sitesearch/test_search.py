import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.models import PageViewRestriction

from sitesearch import indexing
from sitesearch.models import SearchDocument
from sitesearch.queries import clean_query
from tests.factories.campaigns import CampaignIndexPageFactory, CampaignPageFactory
from tests.factories.directory import DirectoryPageFactory, OrganisationFactory
from tests.factories.stories import StoryIndexPageFactory, StoryPageFactory, StoryYearPageFactory

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def result_titles(response):
    return [h.get_text(strip=True) for h in soup(response).select(".search-result__title")]


@pytest.fixture
def campaigns(home):
    return CampaignIndexPageFactory(parent=home)


def paragraph(text):
    return [("paragraph", f"<p>{text}</p>")]


def test_search_urls_are_translated():
    with translation.override("sq"):
        assert reverse("sitesearch:search") == "/sq/kerko/"
    with translation.override("en"):
        assert reverse("sitesearch:search") == "/en/search/"


def test_english_search_finds_english_text_only(client, campaigns):
    CampaignPageFactory(
        parent=campaigns,
        key="streha",
        start_date=datetime.date(2020, 12, 1),
        title_sq="Strehë e sigurt",
        title_en="A safe place",
        summary_sq="Streha hapet ditë e natë.",
        summary_en="The shelter is open day and night.",
    )

    english = client.get("/en/search/", {"q": "shelter"})
    albanian_word_on_english = client.get("/en/search/", {"q": "streha"})
    albanian = client.get("/sq/kerko/", {"q": "streha"})
    english_word_on_albanian = client.get("/sq/kerko/", {"q": "shelter"})

    assert result_titles(english) == ["A safe place"]
    assert result_titles(albanian_word_on_english) == []
    assert result_titles(albanian) == ["Strehë e sigurt"]
    assert result_titles(english_word_on_albanian) == []


def test_page_without_english_text_is_not_found_in_english(client, campaigns):
    CampaignPageFactory(
        parent=campaigns,
        key="vetem-shqip",
        start_date=datetime.date(2020, 12, 1),
        title_en="",
        summary_en="",
        summary_sq="Takime në Kukës.",
    )

    assert result_titles(client.get("/en/search/", {"q": "Kukës"})) == []
    assert result_titles(client.get("/sq/kerko/", {"q": "Kukës"})) == ["Fushata vetem-shqip"]


def test_search_finds_a_page_by_a_word_in_its_body_and_shows_where(client, campaigns):
    CampaignPageFactory(
        parent=campaigns,
        key="body",
        start_date=datetime.date(2020, 12, 23),
        body_en=paragraph(
            "Students in Peshkopi learned that an arranged early marriage can be trafficking."
        ),
        body_sq=paragraph(
            "Nxënësit në Peshkopi mësuan se martesa e hershme mund të jetë trafikim."
        ),
    )

    doc = soup(client.get("/en/search/", {"q": "peshkopi"}))

    result = doc.select_one(".search-result")
    assert result.select_one(".search-result__title").get_text(strip=True) == "Campaign body"
    assert result.select_one(".search-result__title a")["href"] == "/en/campaigns/body-en/"
    assert result.select_one(".search-result__kind").get_text(" ", strip=True) == (
        "Campaign · 23 December 2020"
    )
    excerpt = result.select_one(".search-result__excerpt")
    assert excerpt.get_text() == (
        "Students in Peshkopi learned that an arranged early marriage can be trafficking."
    )
    assert [mark.get_text() for mark in excerpt.select("mark")] == ["Peshkopi"]


def test_search_in_albanian_ignores_diacritics_and_marks_the_summary(client, campaigns):
    CampaignPageFactory(
        parent=campaigns,
        key="kukes",
        start_date=datetime.date(2020, 12, 1),
        summary_sq="Takime me të rinjtë në Kukës dhe Has.",
    )

    doc = soup(client.get("/sq/kerko/", {"q": "kukes"}))

    assert [h.get_text(strip=True) for h in doc.select(".search-result__title")] == [
        "Fushata kukes"
    ]
    assert doc.select_one(".search-result__kind").get_text(" ", strip=True) == (
        "Fushatë · 1 dhjetor 2020"
    )
    assert [m.get_text() for m in doc.select(".search-result__excerpt mark")] == ["Kukës"]
    assert doc.select_one(".search__count").get_text() == "1 rezultat për „kukes“"


def test_paired_block_text_is_indexed_per_language(client, campaigns):
    CampaignPageFactory(
        parent=campaigns,
        key="figures",
        start_date=datetime.date(2020, 12, 1),
        impact_figures=[
            ("figure", {"value": 2000, "label_sq": "adoleshentë", "label_en": "adolescents"})
        ],
    )

    assert result_titles(client.get("/en/search/", {"q": "adolescents"})) == ["Campaign figures"]
    assert result_titles(client.get("/en/search/", {"q": "adoleshentë"})) == []
    assert result_titles(client.get("/sq/kerko/", {"q": "adoleshentë"})) == ["Fushata figures"]


def test_help_organisations_are_found_and_link_to_the_directory(client, home):
    DirectoryPageFactory(
        parent=home, title_sq="Ndihmë", title_en="Help", slug_sq="ndihme", slug_en="help"
    )
    OrganisationFactory(key="vatra", description_en="Shelters open day and night.")

    doc = soup(client.get("/en/search/", {"q": "shelters"}))

    link = doc.select_one(".search-result__title a")
    assert (link.get_text(), link["href"]) == ("Organisation vatra", "/en/help/#org-vatra")
    assert doc.select_one(".search-result__kind").get_text(strip=True) == "Help organisation"


def test_deleted_organisation_leaves_the_index(client, db):
    organisation = OrganisationFactory(key="gone", description_en="Legal clinic.")
    assert SearchDocument.objects.filter(object_id=organisation.pk).count() == 2

    organisation.delete()

    assert SearchDocument.objects.filter(object_id=organisation.pk).count() == 0
    assert result_titles(client.get("/en/search/", {"q": "clinic"})) == []


def test_unpublished_page_leaves_the_index(client, campaigns):
    page = CampaignPageFactory(
        parent=campaigns,
        key="hidden",
        start_date=datetime.date(2020, 1, 1),
        summary_en="Secret meeting.",
    )
    assert result_titles(client.get("/en/search/", {"q": "secret"})) == ["Campaign hidden"]

    page.unpublish()

    assert result_titles(client.get("/en/search/", {"q": "secret"})) == []


def test_private_page_is_not_indexed(client, campaigns):
    PageViewRestriction.objects.create(page=campaigns, restriction_type="login")
    CampaignPageFactory(
        parent=campaigns, key="private", start_date=datetime.date(2020, 1, 1), summary_en="Private."
    )

    assert result_titles(client.get("/en/search/", {"q": "private"})) == []


def test_rebuild_indexes_everything_once(campaigns):
    CampaignPageFactory(parent=campaigns, key="one", start_date=datetime.date(2020, 1, 1))
    OrganisationFactory(key="org")
    SearchDocument.objects.all().delete()

    count = indexing.rebuild()

    assert count == 6
    assert sorted(SearchDocument.objects.values_list("kind", "language")) == [
        ("campaign", "en"),
        ("campaign", "sq"),
        ("home", "en"),
        ("home", "sq"),
        ("organisation", "en"),
        ("organisation", "sq"),
    ]
    assert indexing.rebuild() == 6


def test_empty_query_shows_a_hint(client, home):
    first_visit = soup(client.get("/en/search/"))
    empty = soup(client.get("/en/search/", {"q": "   "}))

    assert first_visit.select_one(".search__hint").get_text() == (
        "Search stories, bulletins, campaigns, help organisations and resources."
    )
    assert empty.select_one(".search__hint").get_text() == "Type one or more words to search for."
    assert empty.select(".search-result") == []


def test_very_long_query_gets_a_clear_message(client, home):
    response = client.get("/en/search/", {"q": "trafficking " * 420})

    assert response.status_code == 200
    doc = soup(response)
    assert doc.select_one(".search-form__error").get_text() == (
        "Your search is too long. Please use a few words (at most 200 characters)."
    )
    assert doc.select(".search-result") == []


def test_very_long_query_in_albanian(client, home):
    doc = soup(client.get("/sq/kerko/", {"q": "a" * 5000}))

    assert doc.select_one(".search-form__error").get_text() == (
        "Kërkimi është shumë i gjatë. Ju lutemi përdorni pak fjalë (jo më shumë se 200 shkronja)."
    )


@pytest.mark.parametrize(
    "query", ['"', "*", "AND (", "NEAR(a b)", "a:b", "^x", "' OR 1=1 --", "\x00", "🙂", "-"]
)
def test_search_syntax_in_the_query_never_fails(client, campaigns, query):
    CampaignPageFactory(parent=campaigns, key="x", start_date=datetime.date(2020, 1, 1))

    response = client.get("/en/search/", {"q": query})

    assert response.status_code == 200


def test_clean_query_keeps_words_only():
    assert clean_query('  "trafikim" AND (Kukës)* ') == "trafikim AND Kukës"
    assert clean_query("a " * 20) == " ".join(["a"] * 12)


def test_results_are_paginated(client, campaigns):
    for number in range(12):
        CampaignPageFactory(
            parent=campaigns,
            key=f"p{number}",
            start_date=datetime.date(2020, 1, 1),
            summary_en="Youth awareness.",
        )

    first = soup(client.get("/en/search/", {"q": "awareness"}))
    second = soup(client.get("/en/search/", {"q": "awareness", "page": "2"}))
    beyond = soup(client.get("/en/search/", {"q": "awareness", "page": "99"}))
    nonsense = soup(client.get("/en/search/", {"q": "awareness", "page": "x"}))

    assert first.select_one(".search__count").get_text() == "12 results for “awareness”"
    assert len(first.select(".search-result")) == 10
    assert len(second.select(".search-result")) == 2
    assert len(beyond.select(".search-result")) == 2
    assert len(nonsense.select(".search-result")) == 10
    assert first.select_one("a[rel=next]")["href"] == "?q=awareness&page=2#results"


def count_queries(client, params):
    client.get("/en/search/", params)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/en/search/", params)
    assert response.status_code == 200
    return len(queries)


def test_search_queries_do_not_grow_with_results(client, campaigns):
    CampaignPageFactory(
        parent=campaigns, key="one", start_date=datetime.date(2020, 1, 1), summary_en="Outreach."
    )
    with_one = count_queries(client, {"q": "outreach"})
    for number in range(9):
        CampaignPageFactory(
            parent=campaigns,
            key=f"m{number}",
            start_date=datetime.date(2020, 1, 1),
            summary_en="Outreach.",
        )
    with_ten = count_queries(client, {"q": "outreach"})

    assert with_one == with_ten
    assert len(result_titles(client.get("/en/search/", {"q": "outreach"}))) == 10


@pytest.mark.parametrize(
    ("path", "action"), [("/sq/", "/sq/kerko/#results"), ("/en/", "/en/search/#results")]
)
def test_every_page_has_a_search_box(client, home, path, action):
    doc = soup(client.get(path))

    form = doc.select_one("header form[role=search]")
    assert (form["action"], form["method"]) == (action, "get")
    field = form.select_one("input[name=q]")
    assert doc.select_one(f"label[for={field['id']}]") is not None


def test_stories_are_searchable(client, home):
    folder = StoryYearPageFactory(parent=StoryIndexPageFactory(parent=home), year=2020)
    story = StoryPageFactory(
        parent=folder, key="deni", slug_sq="deni", slug_en="deni", date=datetime.date(2020, 12, 23)
    )
    story.body_en = paragraph("Cooperation between municipalities helped a boy called Deni.")
    story.save_revision().publish()

    doc = soup(client.get("/en/search/", {"q": "municipalities cooperation"}))

    assert result_titles(client.get("/en/search/", {"q": "municipalities cooperation"})) == [
        "Story deni"
    ]
    assert doc.select_one(".search-result__kind").get_text(" ", strip=True) == (
        "Story · 23 December 2020"
    )
