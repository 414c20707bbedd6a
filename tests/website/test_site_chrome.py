"""Help lines, quick exit, partners and error pages: on every page, in both languages."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from tests.factories import CustomImageFactory, PartnerFactory
from website import views
from website.models import StandardPage

pytestmark = pytest.mark.django_db

HELP_NUMBERS = ["129", "116 006", "ALO 116 111", "nukjevetem.al"]


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def assert_chrome(doc, exit_url="https://www.google.com/search?q=moti+tirane"):
    focusable = doc.select("a[href], button, input, select, textarea")
    assert "quick-exit" in focusable[0]["class"], "quick exit must be first in keyboard order"
    assert focusable[0]["href"] == exit_url
    assert focusable[1]["href"] == "#main"
    help_bar = [a.strong.get_text() for a in doc.select(".help-bar a")]
    assert help_bar == HELP_NUMBERS
    assert doc.select_one("script[src$='site.js']") is not None
    assert doc.find("script", src=False) is None, "no inline scripts"
    assert doc.find("main", id="main") is not None


@pytest.fixture
def standard(home):
    page = StandardPage(
        title_sq="Rreth", title_en="About", slug="rreth", slug_sq="rreth", slug_en="about"
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.mark.parametrize(
    "path", ["/sq/", "/en/", "/sq/rreth/", "/en/about/", "/sq/dalja-e-shpejte/", "/en/quick-exit/"]
)
def test_every_page_type_has_help_lines_and_quick_exit(client, standard, site_settings, path):
    response = client.get(path)

    assert response.status_code == 200
    assert_chrome(soup(response))


@pytest.mark.parametrize(("path", "lang"), [("/sq/mungon/", "sq"), ("/en/missing/", "en")])
def test_404_keeps_help_lines_and_quick_exit(client, home, path, lang):
    response = client.get(path)

    assert response.status_code == 404
    doc = soup(response)
    assert doc.html["lang"] == lang
    assert_chrome(doc)


def test_help_lines_come_from_site_settings(client, home, site_settings):
    site_settings.help_lines = [
        (
            "help_line",
            {
                "number": "112",
                "href": "tel:112",
                "kind": "report",
                "label_sq": "Urgjenca",
                "label_en": "Emergency",
            },
        )
    ]
    site_settings.quick_exit_url = "https://example.org/weather"
    site_settings.save()

    doc = soup(client.get("/en/"))

    assert [a.get_text(" ", strip=True) for a in doc.select(".help-bar a")] == ["112 Emergency"]
    assert doc.select_one("a.quick-exit")["href"] == "https://example.org/weather"


def test_help_lines_are_grouped_report_and_support_in_the_footer(client, home, site_settings):
    doc = soup(client.get("/sq/"))

    groups = doc.select(".help-lines__groups > div")
    assert groups[0].h3.get_text() == "Raportoni një rast"
    assert [s.get_text() for s in groups[0].select("strong")] == ["129", "116 006"]
    assert groups[1].h3.get_text() == "Kërkoni mbështetje"
    assert [s.get_text() for s in groups[1].select("strong")] == ["ALO 116 111", "nukjevetem.al"]


def test_500_page_renders_without_the_database(django_assert_num_queries):
    request = RequestFactory().get("/en/some/page/")

    with django_assert_num_queries(0):
        response = views.server_error(request)

    assert response.status_code == 500
    doc = BeautifulSoup(response.content.decode(), "html.parser")
    assert doc.html["lang"] == "en"
    assert doc.h1.get_text() == "Something went wrong"
    assert_chrome(doc)


def test_500_page_in_albanian():
    response = views.server_error(RequestFactory().get("/sq/"))

    assert (
        BeautifulSoup(response.content.decode(), "html.parser").h1.get_text()
        == "Diçka nuk shkoi mirë"
    )


def make_partners(count, with_logos=True):
    for index in range(count):
        PartnerFactory(
            name_sq=f"Partneri {index}",
            name_en=f"Partner {index}",
            name=f"Partneri {index}",
            short_name="",
            logo=CustomImageFactory(title=f"Logo {index}") if with_logos else None,
            website="https://example.org",
            email="info@example.org",
        )


def count_home_queries(client, django_assert_max_num_queries):
    client.get("/sq/")  # warm caches that are filled once per process, e.g. renditions
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/sq/")
    assert response.status_code == 200
    return len(queries)


def test_home_page_queries_do_not_grow_with_partners(
    client, home, site_settings, django_assert_max_num_queries
):
    make_partners(1)
    with_one = count_home_queries(client, django_assert_max_num_queries)
    make_partners(19)
    with_twenty = count_home_queries(client, django_assert_max_num_queries)

    assert with_one == with_twenty
    assert len(soup(client.get("/sq/")).select(".partner")) == 20


def test_footer_shows_partner_in_reader_language(client, home):
    make_partners(1, with_logos=False)

    assert soup(client.get("/en/")).select_one(".partner__name").get_text(strip=True) == "Partner 0"
    assert (
        soup(client.get("/sq/")).select_one(".partner__name").get_text(strip=True) == "Partneri 0"
    )
