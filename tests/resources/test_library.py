import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from resources.models import ResourceIndexPage, ResourcePage
from resources.pdf import placeholder_pdf
from tests.admin_pages import create_page_in_admin
from tests.factories.resources import CustomDocumentFactory, ResourcePageFactory

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def titles(response):
    return [h.get_text(strip=True) for h in soup(response).select(".resource__title")]


@pytest.fixture
def resources(library):
    ResourcePageFactory(parent=library, key="a-2014", document__year=2014, document__language="en")
    ResourcePageFactory(parent=library, key="b-2022", document__year=2022, document__language="en")
    ResourcePageFactory(parent=library, key="c-2022", document__year=2022, document__language="sq")
    ResourcePageFactory(
        parent=library, key="d-2020", document__year=2020, document__language="sq-en"
    )


def test_placeholder_pdf_is_a_pdf():
    data = placeholder_pdf(["Title"])

    assert data.startswith(b"%PDF-1.4\n")
    assert data.rstrip().endswith(b"%%EOF")
    offset = int(data.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
    assert data[offset:].startswith(b"xref\n0 6\n")


def test_placeholder_pdf_draws_albanian_letters_in_winansi():
    data = placeholder_pdf(["Fëmijët – „ç“ (€)"])

    # Helvetica with WinAnsiEncoding: ë 0xEB, en dash 0x96, „ 0x84, ç 0xE7, “ 0x93; \( escaped.
    assert b"(F\xebmij\xebt \x96 \x84\xe7\x93 \\(\x80\\)) Tj" in data
    assert b"/BaseFont /Helvetica /Encoding /WinAnsiEncoding" in data


def test_library_lists_newest_year_first(client, resources):
    assert titles(client.get("/en/resources/")) == [
        "Report b-2022",
        "Report c-2022",
        "Report d-2020",
        "Report a-2014",
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?year=2022", ["Report b-2022", "Report c-2022"]),
        ("?language=sq", ["Report c-2022", "Report d-2020"]),
        ("?language=en", ["Report b-2022", "Report d-2020", "Report a-2014"]),
        ("?year=2022&language=sq", ["Report c-2022"]),
        ("?year=2014&language=sq", []),
    ],
)
def test_filters_combine(client, resources, query, expected):
    assert titles(client.get(f"/en/resources/{query}")) == expected


@pytest.mark.parametrize(
    "query", ["?year=abc", "?year=99999", "?language=xx", "?page=999", "?page=x"]
)
def test_malformed_filters_show_a_normal_page(client, resources, query):
    response = client.get(f"/en/resources/{query}")

    assert response.status_code == 200
    assert len(titles(response)) == 4


def test_resource_meta_shows_publisher_year_language_and_size(client, library):
    page = ResourcePageFactory(
        parent=library, key="meta", document__year=2022, document__language="en"
    )

    item = soup(client.get("/en/resources/")).select_one(".resource")

    size = page.document.file_size
    assert item.select_one(".resource__meta").get_text() == (
        f"Ministry · 2022 · English · PDF, {size}\xa0bytes"
    )
    assert item.select_one(".resource__download")["href"] == page.document.url


def test_library_in_albanian(client, resources):
    doc = soup(client.get("/sq/burime/?year=2022"))

    assert doc.h1.get_text() == "Burime"
    assert [h.get_text(strip=True) for h in doc.select(".resource__title")] == [
        "Raport b-2022",
        "Raport c-2022",
    ]
    assert doc.select_one(".resource__language").get_text() == "Anglisht"
    assert [o.get_text() for o in doc.select("#filter-year option")] == [
        "Të gjitha vitet",
        "2022",
        "2020",
        "2014",
    ]


def test_resource_page_in_both_languages(client, library):
    ResourcePageFactory(
        parent=library, key="raporti", summary_sq="Një raport.", summary_en="A report."
    )

    sq = soup(client.get("/sq/burime/raporti/"))
    en = soup(client.get("/en/resources/raporti-en/"))

    assert (sq.h1.get_text(), sq.select_one(".lead").get_text()) == (
        "Raport raporti",
        "Një raport.",
    )
    assert (en.h1.get_text(), en.select_one(".lead").get_text()) == ("Report raporti", "A report.")


def test_resource_without_file_still_renders(client, library):
    page = ResourcePageFactory(parent=library, key="pa-skedar")
    page.document.delete()

    response = client.get("/en/resources/pa-skedar-en/")

    assert response.status_code == 200
    assert soup(response).select_one(".notice").get_text() == (
        "The file is not available at the moment."
    )


def count_queries(client, path):
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def test_library_queries_do_not_grow_with_resources(client, library):
    ResourcePageFactory(parent=library, key="one", document__year=2020)
    with_one = count_queries(client, "/en/resources/?language=en")
    for number in range(19):
        ResourcePageFactory(parent=library, key=f"more-{number}", document__year=2000 + number)
    with_twenty = count_queries(client, "/en/resources/?language=en")

    assert with_one == with_twenty
    assert len(titles(client.get("/en/resources/?language=en"))) == 20


def test_page_type_rules(home, library):
    assert ResourceIndexPage.can_create_at(home) is False
    assert ResourcePage.can_create_at(home) is False
    assert ResourcePage.can_create_at(library) is True


def test_admin_creates_library_and_resource(admin_client, home):
    library = create_page_in_admin(
        admin_client,
        home,
        ResourceIndexPage,
        title_sq="Burime",
        title_en="Resources",
        slug_sq="burime",
        slug_en="resources",
        intro_sq="Raporte.",
        intro_en="Reports.",
    )
    document = CustomDocumentFactory(title="Report 2014")

    page = create_page_in_admin(
        admin_client,
        library,
        ResourcePage,
        title_sq="Raporti 2014",
        title_en="Report 2014",
        slug_sq="raporti-2014",
        slug_en="report-2014",
        summary_sq="Një përmbledhje.",
        summary_en="A summary.",
        document=document.pk,
    )
    assert (page.title_sq, page.title_en) == ("Raporti 2014", "Report 2014")
    assert (page.summary_sq, page.summary_en) == ("Një përmbledhje.", "A summary.")
    assert page.document == document
    assert page.live is True


def test_anonymous_visitor_cannot_open_the_add_form(client, library):
    response = client.get(f"/admin/pages/add/resources/resourcepage/{library.pk}/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
