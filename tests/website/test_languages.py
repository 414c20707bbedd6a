import re

import pytest
from bs4 import BeautifulSoup

from website.models import StandardPage

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


@pytest.fixture
def glance(home):
    page = StandardPage(
        title_sq="Programi në një vështrim",
        title_en="Programme at a glance",
        slug="programi-ne-nje-veshtrim",
        slug_sq="programi-ne-nje-veshtrim",
        slug_en="programme-at-a-glance",
        intro_sq="Shqip",
        intro_en="English",
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.mark.parametrize(
    ("path", "lang", "other_lang", "other_path"),
    [("/sq/", "sq", "en", "/en/"), ("/en/", "en", "sq", "/sq/")],
)
def test_home_page_has_language_alternates_and_switcher(
    client, home, path, lang, other_lang, other_path
):
    response = client.get(path)

    assert response.status_code == 200
    doc = soup(response)
    assert doc.html["lang"] == lang
    alternates = {link["hreflang"]: link["href"] for link in doc.find_all("link", rel="alternate")}
    assert alternates == {
        "sq": "http://testserver/sq/",
        "en": "http://testserver/en/",
        "x-default": "http://testserver/sq/",
    }
    assert doc.find("link", rel="canonical")["href"] == f"http://testserver{path}"
    switch = doc.select_one(f"[data-language-switch='{other_lang}']")
    assert switch["href"] == f"http://testserver{other_path}"
    followed = client.get(switch["href"])
    assert soup(followed).html["lang"] == other_lang


def test_switcher_on_a_subpage_leads_to_the_same_page_in_the_other_language(client, glance):
    response = client.get("/en/programme-at-a-glance/")

    doc = soup(response)
    assert doc.h1.get_text(strip=True) == "Programme at a glance"
    href = doc.select_one("[data-language-switch='sq']")["href"]
    assert href == "http://testserver/sq/programi-ne-nje-veshtrim/"
    albanian = client.get(href)
    assert soup(albanian).h1.get_text(strip=True) == "Programi në një vështrim"
    assert soup(albanian).html["lang"] == "sq"


def test_empty_english_field_falls_back_to_albanian(client, glance):
    glance.intro_en = ""
    glance.save_revision().publish()

    response = client.get("/en/programme-at-a-glance/")

    assert soup(response).select_one(".lead").get_text(strip=True) == "Shqip"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("en-GB,en;q=0.9", "/en/"),
        ("sq-AL,sq;q=0.9,en;q=0.5", "/sq/"),
        ("it-IT,it;q=0.9,en;q=0.3", "/en/"),
        ("de-DE", "/sq/"),
        ("", "/sq/"),
    ],
)
def test_root_redirects_by_accept_language(client, home, header, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=header)

    assert response.status_code == 302
    assert response["Location"] == expected
    assert "Accept-Language" in response["Vary"]


def test_root_uses_remembered_language_when_accept_language_has_none(client, home):
    client.cookies["lang"] = "en"

    response = client.get("/", HTTP_ACCEPT_LANGUAGE="de-DE")

    assert response["Location"] == "/en/"


def test_reading_a_page_remembers_its_language_once(client, home):
    first = client.get("/en/")
    second = client.get("/en/")

    assert first.cookies["lang"].value == "en"
    assert "lang" not in second.cookies


def test_albanian_slug_under_english_prefix_redirects_to_english_url(client, glance):
    response = client.get("/en/programi-ne-nje-veshtrim/")

    assert response.status_code == 301
    assert response["Location"] == "/en/programme-at-a-glance/"


def test_english_slug_under_albanian_prefix_redirects_to_albanian_url(client, glance):
    response = client.get("/sq/programme-at-a-glance/")

    assert response.status_code == 301
    assert response["Location"] == "/sq/programi-ne-nje-veshtrim/"


def test_unknown_slug_is_a_404_in_the_right_language(client, home):
    english = client.get("/en/no-such-page/")
    albanian = client.get("/sq/nuk-ekziston/")

    assert english.status_code == 404
    assert soup(english).html["lang"] == "en"
    assert soup(english).h1.get_text(strip=True) == "Page not found"
    assert albanian.status_code == 404
    assert soup(albanian).h1.get_text(strip=True) == "Faqja nuk u gjet"


def test_quick_exit_page_has_translated_urls(client, home):
    english = client.get("/en/quick-exit/")
    albanian = client.get("/sq/dalja-e-shpejte/")

    assert english.status_code == 200
    assert albanian.status_code == 200
    assert soup(albanian).h1.get_text(strip=True) == "Rreth daljes së shpejtë"
    assert soup(english).select_one("[data-language-switch='sq']")["href"] == (
        "http://testserver/sq/dalja-e-shpejte/"
    )


def test_sitemap_lists_every_page_in_both_languages_with_alternates(client, glance):
    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    body = response.content.decode()
    locations = re.findall(r"<loc>(.*?)</loc>", body)
    assert locations == [
        "http://testserver/sq/",
        "http://testserver/en/",
        "http://testserver/sq/programi-ne-nje-veshtrim/",
        "http://testserver/en/programme-at-a-glance/",
    ]
    assert body.count('hreflang="en" href="http://testserver/en/programme-at-a-glance/"') == 2
    assert (
        body.count('hreflang="x-default" href="http://testserver/sq/programi-ne-nje-veshtrim/"')
        == 2
    )


def test_sitemap_leaves_out_unpublished_pages(client, glance):
    glance.unpublish()

    body = client.get("/sitemap.xml").content.decode()

    assert "programme-at-a-glance" not in body


def test_preview_modes_render_either_language(glance):
    assert [code for code, _name in glance.preview_modes] == ["sq", "en"]

    english = glance.make_preview_request(original_request=None, preview_mode="en")
    albanian = glance.make_preview_request(original_request=None, preview_mode="sq")

    assert "<h1>Programme at a glance</h1>" in english.content.decode()
    assert 'lang="en"' in english.content.decode()
    assert "<h1>Programi në një vështrim</h1>" in albanian.content.decode()
