"""Albanian and English words found in any of their forms, with or without ë and ç, on SQLite
and PostgreSQL alike (the suite runs on both), and every public page type searchable."""

import pytest
from bs4 import BeautifulSoup

from sitesearch.stemming import stem, terms
from tests.factories.competitions import CompetitionIndexPageFactory, CompetitionPageFactory
from tests.factories.stories import StoryIndexPageFactory, StoryPageFactory, StoryYearPageFactory
from tests.factories.website import StandardPageFactory

# (the form in the text, the form a reader types): each pair must find the same page.
ALBANIAN_PAIRS = [
    ("trafikim", "trafikimi"),
    ("trafikim", "trafikimit"),
    ("trafikim", "trafikimin"),
    ("trafikim", "trafikimet"),
    ("trafikim", "trafikimeve"),
    ("viktima", "viktimat"),
    ("viktima", "viktimave"),
    ("viktima", "viktimës"),
    ("viktima", "viktimen"),
    ("fëmijë", "fëmijët"),
    ("fëmijë", "fëmijëve"),
    ("fëmijë", "femije"),
    ("fëmijë", "fëmija"),
    ("fëmijë", "femijet"),
    ("Kukës", "Kukësi"),
    ("Kukës", "Kukësit"),
    ("Kukës", "kukesin"),
    ("konkurs", "konkursi"),
    ("konkurs", "konkurset"),
    ("konkurs", "konkurseve"),
    ("histori", "historia"),
    ("histori", "historisë"),
    ("histori", "historitë"),
    ("histori", "historive"),
    ("rrezik", "rreziku"),
    ("rrezik", "rreziqe"),
    ("mbrojtje", "mbrojtjen"),
    ("mbrojtje", "mbrojtjes"),
    ("dhunë", "dhuna"),
    ("dhunë", "dhunes"),
    ("shfrytëzim", "shfrytezimit"),
    ("vajzë", "vajzave"),
    ("Tiranë", "Tiranes"),
    ("emigrant", "emigrantëve"),
]
ENGLISH_PAIRS = [
    ("traffic", "trafficking"),
    ("traffic", "trafficked"),
    ("traffic", "traffickers"),
    ("victim", "victims"),
    ("child", "children"),
    ("exploitation", "exploited"),
    ("shelter", "shelters"),
    ("woman", "women"),
    ("competition", "competitions"),
    ("protect", "protection"),
    ("story", "stories"),
]
# Different words stay apart.
DIFFERENT = [
    ("sq", "trafikim", "trafik"),
    ("sq", "viktima", "vikingu"),
    ("sq", "punim", "puna"),
    ("en", "traffic", "trade"),
]


@pytest.mark.parametrize(("written", "typed"), ALBANIAN_PAIRS)
def test_albanian_forms_meet_at_one_stem(written, typed):
    assert stem(typed, "sq") == stem(written, "sq")


@pytest.mark.parametrize(("written", "typed"), ENGLISH_PAIRS)
def test_english_forms_meet_at_one_stem(written, typed):
    assert stem(typed, "en") == stem(written, "en")


@pytest.mark.parametrize(("language", "one", "other"), DIFFERENT)
def test_different_words_stay_apart(language, one, other):
    assert stem(one, language) != stem(other, language)


def test_terms_keep_the_order_of_the_words_folded_and_stemmed():
    assert terms("Fëmijët e Kukësit, në rrezik!", "sq") == "femij e kukes ne rrezik"
    assert terms("Children trafficked", "en") == "child traffic"


def result_titles(response):
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return [h.get_text(strip=True) for h in soup.select(".search-result__title")]


@pytest.fixture
def story_with_every_form(home):
    index = StoryIndexPageFactory(parent=home)
    year = StoryYearPageFactory(parent=index)
    albanian = " ".join(written for written, _typed in ALBANIAN_PAIRS)
    english = " ".join(written for written, _typed in ENGLISH_PAIRS)
    StoryPageFactory(
        parent=year,
        key="fjalet",
        title_sq="Fjalët e programit",
        title_en="The programme's words",
        summary_sq=albanian,
        summary_en=english,
    )
    # A second story with none of the words: a search that finds everything proves nothing.
    StoryPageFactory(
        parent=year,
        key="tjeter",
        title_sq="Një tjetër",
        title_en="Another one",
        summary_sq="Asgjë e përbashkët.",
        summary_en="Nothing in common.",
    )


@pytest.mark.django_db
def test_search_finds_albanian_text_by_any_form_of_its_words(client, story_with_every_form):
    found = {
        typed: result_titles(client.get("/sq/kerko/", {"q": typed})) for _, typed in ALBANIAN_PAIRS
    }

    assert [typed for typed, titles in found.items() if "Fjalët e programit" not in titles] == []
    assert [typed for typed, titles in found.items() if "Një tjetër" in titles] == []


@pytest.mark.django_db
def test_search_finds_english_text_by_any_form_of_its_words(client, story_with_every_form):
    found = {
        typed: result_titles(client.get("/en/search/", {"q": typed})) for _, typed in ENGLISH_PAIRS
    }

    assert [typed for typed, titles in found.items() if "The programme's words" not in titles] == []
    assert [typed for typed, titles in found.items() if "Another one" in titles] == []


@pytest.mark.django_db
def test_english_stop_words_are_words_in_albanian(client, home):
    # "a", "in", "do" and "me" are English stop words; in Albanian they are words.
    StandardPageFactory(parent=home, title_sq="Me ndihmën e partnerëve", title_en="With partners")

    response = client.get("/sq/kerko/", {"q": "me ndihmen"})

    assert result_titles(response) == ["Me ndihmën e partnerëve"]


@pytest.mark.django_db
def test_the_excerpt_marks_every_form_of_the_query_words(client, home):
    StandardPageFactory(
        parent=home,
        title_sq="Ndihmë",
        title_en="Help",
        intro_sq="Fëmijët e Kukësit dhe fëmija që shkoi në Tiranë.",
        intro_en="Children and a child.",
    )

    response = client.get("/sq/kerko/", {"q": "femije"})
    soup = BeautifulSoup(response.content.decode(), "html.parser")

    assert [mark.get_text() for mark in soup.select(".search-result mark")] == [
        "Fëmijët",
        "fëmija",
    ]


@pytest.mark.django_db
def test_every_public_page_type_is_searchable(client, home):
    StandardPageFactory(
        parent=home, title_sq="Partnerët vendorë", title_en="Local partners", slug_sq="partneret"
    )
    competitions = CompetitionIndexPageFactory(
        parent=home, title_sq="Thirrjet e hapura", title_en="Open calls"
    )
    CompetitionPageFactory(
        parent=competitions, title_sq="Fotografitë e kufirit", title_en="Border photographs"
    )

    assert result_titles(client.get("/sq/kerko/", {"q": "partneri vendor"})) == [
        "Partnerët vendorë"
    ]
    assert result_titles(client.get("/sq/kerko/", {"q": "fotografi kufiri"})) == [
        "Fotografitë e kufirit"
    ]
    assert result_titles(client.get("/en/search/", {"q": "open call"})) == ["Open calls"]
    assert result_titles(client.get("/sq/kerko/", {"q": "bashku kunder"})) == [home.title_sq]
