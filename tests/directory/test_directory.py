import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from directory.enums import ServiceKind
from directory.models import DirectoryPage, Organisation, Service
from tests.admin_pages import create_page_in_admin
from tests.factories.directory import OrganisationFactory
from website.models import Region, StandardPage

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def names(response):
    return [h.get_text() for h in soup(response).select(".organisation__name")]


@pytest.fixture
def organisations(taxonomy):
    OrganisationFactory(key="vatra", services=["shelter", "24-7", "legal-aid"], regions=["diber"])
    OrganisationFactory(key="arsis", services=["shelter", "child-protection"], regions=["tirane"])
    OrganisationFactory(key="tdh", services=["parenting"], regions=["kukes", "shkoder"])
    OrganisationFactory(
        key="tv", services=["vocational-training"], regions=["elbasan"], nationwide=True
    )


def test_service_vocabulary_rows_exist_in_enum_order(db):
    assert list(Service.objects.values_list("code", flat=True)) == [k.value for k in ServiceKind]


def test_directory_lists_every_organisation_by_name(client, directory_page, organisations):
    response = client.get("/en/find-help/")

    assert response.status_code == 200
    assert names(response) == [
        "Organisation arsis",
        "Organisation tdh",
        "Organisation tv",
        "Organisation vatra",
    ]
    assert soup(response).select_one(".directory__count").get_text() == "4 organisations"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?service=shelter", ["Organisation arsis", "Organisation vatra"]),
        ("?region=diber", ["Organisation tv", "Organisation vatra"]),
        ("?service=shelter&region=diber", ["Organisation vatra"]),
        ("?service=parenting&region=shkoder", ["Organisation tdh"]),
        ("?service=vocational-training&region=kukes", ["Organisation tv"]),
        ("?service=legal-aid&region=tirane", []),
    ],
)
def test_filters_combine(client, directory_page, organisations, query, expected):
    assert names(client.get(f"/en/find-help/{query}")) == expected


@pytest.mark.parametrize(
    "query",
    ["?service=nonsense", "?region=atlantis", "?service=%00&region=", "?service=a&service=b"],
)
def test_unknown_filter_values_show_the_whole_directory(
    client, directory_page, organisations, query
):
    response = client.get(f"/en/find-help/{query}")

    assert response.status_code == 200
    assert len(names(response)) == 4


def test_unknown_filter_value_is_explained(client, directory_page, organisations):
    doc = soup(client.get("/en/find-help/?service=nonsense"))

    assert doc.select_one(".notice").get_text() == (
        "A filter in the address was not recognised and has been ignored."
    )


def test_directory_in_albanian(client, directory_page, organisations):
    doc = soup(client.get("/sq/ku-te-gjesh-ndihme/?service=shelter&region=diber"))

    assert doc.h1.get_text() == "Ku të gjesh ndihmë"
    item = doc.select_one(".organisation")
    assert item.h2.get_text() == "Organizata vatra"
    assert [li.get_text() for li in item.select(".organisation__services li")] == [
        "Strehim",
        "Hapur 24/7",
        "Ndihmë ligjore",
    ]
    assert doc.select_one("#filter-service option[selected]").get_text() == "Strehim"
    assert doc.select_one("#filter-region option[selected]")["value"] == "diber"
    assert doc.select_one(".directory__count").get_text() == "1 organizatë"


def test_directory_in_english_shows_english_labels_and_contacts(client, directory_page, taxonomy):
    OrganisationFactory(
        key="d-e",
        services=["counselling"],
        regions=["tirane"],
        phone="+355 4 000 0000",
        email="info@example.org",
        website="https://example.org",
    )

    item = soup(client.get("/en/find-help/")).select_one("#org-d-e")

    assert item.select_one(".organisation__services li").get_text() == "Psychological counselling"
    assert [a["href"] for a in item.select(".organisation__contact a")] == [
        "tel:+35540000000",
        "mailto:info@example.org",
        "https://example.org",
    ]
    assert item.select_one(".organisation__regions").get_text(" ", strip=True) == "Where: Tirana"


def count_queries(client, path):
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def test_directory_queries_do_not_grow_with_organisations(client, directory_page, taxonomy):
    OrganisationFactory(key="one", services=["shelter", "legal-aid"], regions=["tirane", "diber"])
    with_one = count_queries(client, "/en/find-help/?service=shelter")
    for number in range(49):
        OrganisationFactory(
            key=f"org-{number}", services=["shelter", "education"], regions=["kukes"]
        )
    with_fifty = count_queries(client, "/en/find-help/?service=shelter")

    assert with_one == with_fifty
    assert len(names(client.get("/en/find-help/?service=shelter"))) == 50


@pytest.mark.parametrize("path", ["/sq/", "/en/", "/en/about/", "/en/find-help/", "/sq/mungon/"])
def test_help_lines_link_to_the_directory_on_every_page(client, home, directory_page, path):
    about = StandardPage(
        title_sq="Rreth", title_en="About", slug="rreth", slug_sq="rreth", slug_en="about"
    )
    home.add_child(instance=about)
    about.save_revision().publish()

    response = client.get(path)

    link = soup(response).select_one(".help-lines [data-directory-link]")
    expected = "/sq/ku-te-gjesh-ndihme/" if path.startswith("/sq/") else "/en/find-help/"
    assert link["href"] == expected


def test_help_lines_link_is_kept_with_the_site_chrome(home, directory_page):
    template = Template("{% load directory_tags %}{% directory_url %}|{% directory_url %}")

    with CaptureQueriesContext(connection) as first_render:
        first = template.render(Context({"request": RequestFactory().get("/en/")}))
    with CaptureQueriesContext(connection) as next_request:
        again = template.render(Context({"request": RequestFactory().get("/en/")}))

    tables = [q["sql"].split(" FROM ")[1].split()[0] for q in first_render]
    # The site, the directory page, then the site root paths (cached by Wagtail).
    assert tables == ['"wagtailcore_site"', '"directory_directorypage"', '"wagtailcore_site"']
    # The next request finds it in the cache (website/queries.py): only its site is read.
    assert [q["sql"].split(" FROM ")[1].split()[0] for q in next_request] == ['"wagtailcore_site"']
    assert first == again == "/sq/ku-te-gjesh-ndihme/|/sq/ku-te-gjesh-ndihme/"


def test_help_lines_without_request_run_no_query(home, directory_page, django_assert_num_queries):
    with django_assert_num_queries(0):
        rendered = Template("{% load directory_tags %}[{% directory_url %}]").render(Context({}))

    assert rendered == "[]"


def test_help_lines_without_a_directory_page_have_no_link(client, home):
    assert soup(client.get("/en/")).select(".help-lines [data-directory-link]") == []


def test_page_type_rules(home, directory_page):
    assert DirectoryPage.can_create_at(home) is False  # only one directory
    assert DirectoryPage.allowed_subpage_models() == []


def test_admin_creates_directory_page(admin_client, home):
    page = create_page_in_admin(
        admin_client,
        home,
        DirectoryPage,
        title_sq="Ku të gjesh ndihmë",
        title_en="Where to find help",
        slug_sq="ndihme",
        slug_en="help",
        intro_sq="Organizata që ndihmojnë.",
        intro_en="Organisations that help.",
    )
    assert (page.intro_sq, page.intro_en) == (
        "Organizata që ndihmojnë.",
        "Organisations that help.",
    )
    assert page.live is True


def test_admin_creates_organisation_with_both_languages(admin_client, taxonomy):
    shelter = Service.objects.get(code="shelter")
    legal = Service.objects.get(code="legal-aid")
    diber = Region.objects.get(slug="diber")

    response = admin_client.post(
        "/admin/snippets/directory/organisation/add/",
        {
            "name_sq": "Qendra Vatra",
            "name_en": "Vatra Centre",
            "slug": "vatra",
            "description_sq": "Strehë dhe ndihmë ligjore.",
            "description_en": "Shelter and legal aid.",
            "services": [shelter.pk, legal.pk],
            "regions": [diber.pk],
            "nationwide": "",
            "phone": "",
            "email": "info@example.org",
            "website": "https://example.org",
            "address_sq": "",
            "address_en": "",
            "partner": "",
        },
    )

    assert response.status_code == 302
    organisation = Organisation.objects.get(slug="vatra")
    assert (organisation.name_sq, organisation.name_en) == ("Qendra Vatra", "Vatra Centre")
    assert organisation.description_en == "Shelter and legal aid."
    assert sorted(organisation.services.values_list("code", flat=True)) == ["legal-aid", "shelter"]
    assert list(organisation.regions.all()) == [diber]


def test_anonymous_visitor_cannot_add_an_organisation(client, db):
    response = client.get("/admin/snippets/directory/organisation/add/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
