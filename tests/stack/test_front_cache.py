"""The shared cache in front, tested through a real Varnish (deploy/varnish/default.vcl) in front
of the live server: what it keeps, what it never keeps, the `lang` cookie, purge on publish and
the size limit. The `front` fixture (conftest.py) empties the cache before each test."""

import datetime
import http.client
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import translation

from competitions.tokens import entrant_token, guardian_token
from tests.factories import PartnerFactory, UserFactory
from tests.factories.competitions import (
    CompetitionIndexPageFactory,
    CompetitionPageFactory,
    EntryFactory,
)
from tests.factories.directory import DirectoryPageFactory, OrganisationFactory
from tests.factories.stories import StoryIndexPageFactory, StoryPageFactory, StoryYearPageFactory
from website.models import SiteSettings

pytestmark = [pytest.mark.stack, pytest.mark.django_db(transaction=True)]

PAGE_HEADERS = ("X-Cache", "Cache-Control", "CDN-Cache-Control", "Surrogate-Control")


def headers(response):
    return {name: response.headers.get(name) for name in PAGE_HEADERS}


def cached(max_age, outcome):
    return {
        "X-Cache": outcome,
        "Cache-Control": "no-store",
        "CDN-Cache-Control": f"max-age={max_age}",
        "Surrogate-Control": None,
    }


def shows(text):
    return lambda response: text in response.text


@pytest.fixture
def story(home):
    index = StoryIndexPageFactory(parent=home)
    folder = StoryYearPageFactory(parent=index, year=2020)
    return StoryPageFactory(
        parent=folder,
        key="takimi",
        title_sq="Takimi",
        title_en="The meeting",
        slug_sq="takimi",
        slug_en="meeting",
        date=datetime.date(2020, 11, 17),
        summary_sq="Përmbledhje",
        summary_en="Summary",
    )


def test_public_page_kept_by_the_front_never_by_the_browser(front, home):
    first = front.get("/sq/")
    second = front.get("/sq/")

    assert first.status_code == 200
    assert headers(first) == cached(600, "MISS")
    assert headers(second) == cached(600, "HIT")
    assert second.text == first.text


def test_lang_cookie_neither_splits_nor_bypasses_the_cache(front, home):
    other = front.get("/en/", cookies={"lang": "sq"})
    none = front.get("/en/")
    same = front.get("/en/", cookies={"lang": "en"})

    assert [other.headers["X-Cache"], none.headers["X-Cache"], same.headers["X-Cache"]] == [
        "MISS",
        "HIT",
        "HIT",
    ]
    assert (
        other.headers["Set-Cookie"] == "lang=en; Max-Age=31536000; Path=/; SameSite=Lax; HttpOnly"
    )
    assert none.headers["Set-Cookie"] == "lang=en; Max-Age=31536000; Path=/; SameSite=Lax; HttpOnly"
    assert "Set-Cookie" not in same.headers


def test_lang_cookie_from_the_front_is_secure_behind_tls(front, home):
    response = front.get("/sq/", headers={"X-Forwarded-Proto": "https"})

    assert response.headers["Set-Cookie"] == (
        "lang=sq; Max-Age=31536000; Path=/; SameSite=Lax; HttpOnly; Secure"
    )


def test_signed_in_reader_never_gets_or_fills_the_cache(front, home, client):
    client.force_login(UserFactory())
    session = {"sessionid": client.cookies["sessionid"].value}

    signed_in = [front.get("/sq/", cookies=session) for _ in range(2)]
    anonymous = front.get("/sq/")

    assert [response.headers["X-Cache"] for response in signed_in] == ["PASS", "PASS"]
    assert signed_in[1].headers["Cache-Control"] == "no-store"
    assert "CDN-Cache-Control" not in signed_in[1].headers
    assert anonymous.headers["X-Cache"] == "MISS"


@pytest.fixture
def entry(home):
    index = CompetitionIndexPageFactory(parent=home)
    competition = CompetitionPageFactory(parent=index, story=True)
    return EntryFactory(competition=competition, awaiting_consent=True)


def test_never_cached(front, entry):
    with translation.override("sq"):
        paths = {
            "admin": "/admin/login/",
            "jury sign-in": reverse("jury:login"),
            "entry form": reverse("competitions:enter", args=[entry.competition_id]),
            "private entry link": reverse("competitions:entry", args=[entrant_token(entry)]),
            "consent link": reverse("competitions:guardian", args=[guardian_token(entry)]),
            "newsletter form": reverse("newsletter:subscribe"),
            "language choice": "/",
        }

    seen = {}
    for name, path in paths.items():
        responses = [front.get(path) for _ in range(2)]
        seen[name] = [
            (response.status_code in (200, 302), response.headers["X-Cache"])
            for response in responses
        ] + [responses[1].headers.get("CDN-Cache-Control")]

    assert seen == {name: [(True, "PASS"), (True, "PASS"), None] for name in paths}


def test_search_results_kept_only_a_short_while(front, home):
    with translation.override("en"):
        path = reverse("sitesearch:search") + "?q=trafficking"

    first, second = front.get(path), front.get(path)

    assert headers(first) == cached(60, "MISS")
    assert headers(second) == cached(60, "HIT")


def test_publish_visible_through_the_front_in_both_languages_within_a_second(front, story):
    pages = {
        "/sq/histori/2020/takimi/": "Takimi",
        "/en/stories/2020/meeting/": "The meeting",
        "/sq/histori/": "Takimi",
        "/en/stories/": "The meeting",
        "/sq/histori/feed/": "Takimi",
    }
    for path, title in pages.items():
        assert title in front.get(path).text
        assert front.get(path).headers["X-Cache"] == "HIT"

    story.title_sq, story.title_en = "Takimi i ri", "The new meeting"
    story.save_revision().publish()

    new_titles = {"Takimi": "Takimi i ri", "The meeting": "The new meeting"}
    seen = {}
    for path, title in pages.items():
        _response, seen[path] = front.poll(path, shows(new_titles[title]))
    assert all(seconds is not None for seconds in seen.values()), seen
    print("publish to visible through the front (s):", seen)


def test_unpublished_page_leaves_the_front_in_both_languages(front, story):
    for path in ("/sq/histori/2020/takimi/", "/en/stories/2020/meeting/"):
        front.get(path)

    story.unpublish()

    for path in ("/sq/histori/2020/takimi/", "/en/stories/2020/meeting/"):
        response, seconds = front.poll(path, lambda response: response.status_code == 404)
        assert (response.status_code, seconds is not None) == (404, True)


def test_site_settings_change_purges_every_page(front, home, site_settings):
    front.get("/sq/")
    assert "0800 11 22 33" not in front.get("/sq/").text

    site_settings.help_lines = [
        (
            "help_line",
            {
                "number": "0800 11 22 33",
                "href": "tel:0800112233",
                "kind": "report",
                "label_sq": "Linja e re",
                "label_en": "The new line",
            },
        )
    ]
    site_settings.save()

    _response, seconds = front.poll("/sq/", shows("0800 11 22 33"))
    assert seconds is not None
    assert SiteSettings.load().help_lines[0].value["number"] == "0800 11 22 33"


def test_new_changed_and_deleted_partner_visible_in_every_footer_within_a_second(front, home):
    # Consortium members are in the footer of every page, chosen by no page.
    for path in ("/sq/", "/en/"):
        front.get(path)
        assert front.get(path).headers["X-Cache"] == "HIT"

    partner = PartnerFactory(name="Qendra e Re", is_consortium_member=True)
    added = [front.poll(path, shows("Qendra e Re"))[1] for path in ("/sq/", "/en/")]
    partner.name = "Qendra e Riemëruar"
    partner.save()
    renamed = [front.poll(path, shows("Qendra e Riemëruar"))[1] for path in ("/sq/", "/en/")]
    partner.delete()
    removed = [
        front.poll(path, lambda response: "Qendra e Riemëruar" not in response.text)[1]
        for path in ("/sq/", "/en/")
    ]

    assert None not in added + renamed + removed, (added, renamed, removed)


def test_new_organisation_listed_by_the_directory_within_a_second(front, home):
    directory = DirectoryPageFactory(parent=home)
    with translation.override("en"):
        path = urlsplit(directory.get_url()).path
    front.get(path)
    assert front.get(path).headers["X-Cache"] == "HIT"

    OrganisationFactory(name_en="A new shelter", name_sq="Një strehë e re", nationwide=True)

    response, seconds = front.poll(path, shows("A new shelter"))
    assert seconds is not None, response.text[-2000:]


def test_body_larger_than_the_largest_upload_refused_before_the_app(front):
    host, port = urlsplit(front.url).hostname, urlsplit(front.url).port
    connection = http.client.HTTPConnection(host, port, timeout=5)
    connection.putrequest("POST", "/sq/")
    connection.putheader("Content-Type", "multipart/form-data; boundary=x")
    connection.putheader("Content-Length", str(32505856 + 1))
    connection.endheaders()  # and no body: the front answers without reading one

    response = connection.getresponse()

    assert response.status == 413
    assert "The file is too large" in response.read().decode()
    connection.close()
