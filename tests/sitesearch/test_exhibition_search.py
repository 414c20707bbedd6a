"""The results, the exhibition and each exhibition work are views, not pages: the site search
finds them (exhibition/search.py) in both languages while they are public, and never by the
entrant's identity."""

import pytest
from bs4 import BeautifulSoup

from competitions.enums import Actor, CreditChoice
from exhibition import services
from exhibition.enums import PublicationState
from sitesearch import indexing
from sitesearch.models import SearchDocument
from tests.exhibition.conftest import judging_over, published  # noqa: F401 - fixtures
from tests.exhibition.helpers import publish
from tests.jury.conftest import (  # noqa: F401 - fixtures
    ENTRANT_EMAIL,
    ENTRANT_NAME,
    _english,
    competition,
    entries,
    jurors,
    jury,
    moderator,
)

pytestmark = pytest.mark.django_db


def results(response):
    doc = BeautifulSoup(response.content.decode(), "html.parser")
    return [
        (
            li.select_one(".search-result__kind").get_text(strip=True).split("·")[0].strip(),
            li.h2.get_text(strip=True),
            li.h2.a["href"],
        )
        for li in doc.select(".search-result")
    ]


@pytest.fixture
def titled(entries):  # noqa: F811 - the fixture above
    entry = entries[0]
    entry.title = "Dallëndyshja e fundit"
    entry.save(update_fields=["title"])
    return entry


@pytest.fixture
def work(competition, titled, moderator):  # noqa: F811 - the fixtures above
    return publish(competition, titled, moderator, credit=CreditChoice.PEN_NAME, pen_name="Drita")


def test_published_work_is_found_by_its_title_in_both_languages(client, work):
    albanian = results(client.get("/sq/kerko/", {"q": "dallendyshja"}))
    english = results(client.get("/en/search/", {"q": "Dallëndyshja"}))

    assert sorted(albanian) == [
        ("Ekspozita", "Ekspozita: art3", "/sq/konkurse/art3/ekspozita/"),
        ("Rezultatet", "Rezultatet: art3", "/sq/konkurse/art3/rezultatet/"),
        (
            "Vepër e ekspozitës",
            "Dallëndyshja e fundit",
            f"/sq/konkurse/art3/ekspozita/{work.public_id}/",
        ),
    ]
    assert (
        "Exhibition work",
        "Dallëndyshja e fundit",
        f"/en/competitions/art3/exhibition/{work.public_id}/",
    ) in english
    assert len(english) == 3
    assert client.get(f"/en/competitions/art3/exhibition/{work.public_id}/").status_code == 200
    assert client.get(albanian[2][2]).status_code == 200


def test_results_and_exhibition_are_found_by_a_winning_title(client, work):
    found = results(client.get("/en/search/", {"q": "fundit"}))

    assert sorted(found) == sorted(
        [
            (
                "Exhibition work",
                "Dallëndyshja e fundit",
                f"/en/competitions/art3/exhibition/{work.public_id}/",
            ),
            ("Results", "Results: art3", "/en/competitions/art3/results/"),
            ("Exhibition", "Exhibition: art3", "/en/competitions/art3/exhibition/"),
        ]
    )
    for _kind, _title, href in found:
        assert client.get(href).status_code == 200


def test_work_is_found_by_the_credit_the_entrant_chose_not_by_their_name(client, work):
    by_pen_name = results(client.get("/en/search/", {"q": "Drita"}))
    by_name = client.get("/en/search/", {"q": ENTRANT_NAME.split()[0]})
    by_email = client.get("/en/search/", {"q": ENTRANT_EMAIL.split("@")[0]})

    assert ("Exhibition work", "Dallëndyshja e fundit") in [row[:2] for row in by_pen_name]
    assert results(by_name) == []
    assert results(by_email) == []


def test_pending_work_is_not_indexed(competition, titled, moderator):  # noqa: F811
    from tests.exhibition.helpers import award  # noqa: PLC0415

    award(competition, titled, moderator)

    assert SearchDocument.objects.filter(kind__in=["work", "results", "exhibition"]).count() == 0


def test_taken_down_work_leaves_the_search_at_once(client, work):
    services.take_down(work, actor=Actor.ENTRANT)
    work.refresh_from_db()

    assert work.state == PublicationState.TAKEN_DOWN
    assert results(client.get("/en/search/", {"q": "fundit"})) == []
    assert SearchDocument.objects.filter(kind__in=["work", "results", "exhibition"]).count() == 0


def test_unpublished_competition_takes_its_works_out_of_the_search(work, competition):  # noqa: F811
    competition.unpublish()

    assert SearchDocument.objects.filter(kind__in=["work", "results", "exhibition"]).count() == 0


def test_rebuild_indexes_the_exhibition(work):
    SearchDocument.objects.all().delete()

    indexing.rebuild()

    assert sorted(
        SearchDocument.objects.filter(kind__in=["work", "results", "exhibition"]).values_list(
            "kind", "language", "title"
        )
    ) == [
        ("exhibition", "en", "Exhibition: art3"),
        ("exhibition", "sq", "Ekspozita: art3"),
        ("results", "en", "Results: art3"),
        ("results", "sq", "Rezultatet: art3"),
        ("work", "en", "Dallëndyshja e fundit"),
        ("work", "sq", "Dallëndyshja e fundit"),
    ]
