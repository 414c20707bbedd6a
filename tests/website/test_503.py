"""The database gone: every page answers the bilingual 503 page with `Retry-After` and the help
lines, rendered without the database (website/middleware.py, `service_unavailable`). The
database is a real unreachable one: PostgreSQL on a port where nothing listens."""

import pytest
from django.test import Client

from tests.outage import Outage

pytestmark = pytest.mark.django_db

HELP_LINES = ('href="tel:129"', 'href="tel:116006"', 'href="tel:116111"', "nukjevetem.al")


@pytest.fixture
def database_down(home):
    outage = Outage()
    outage.begin()
    yield
    outage.end()


def test_database_down_answers_503_in_albanian_then_english(client, database_down):
    response = client.get("/sq/")

    page = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "120"
    assert "no-store" in response["Cache-Control"]
    assert '<html lang="sq">' in page
    assert "<h1>Përkohësisht jashtë shërbimit</h1>" in page
    assert "Faqja e internetit nuk i arrin dot të dhënat e veta tani" in page
    assert '<article class="article" lang="en">' in page
    assert "<h2>Temporarily unavailable</h2>" in page
    assert "The site cannot reach its data right now" in page
    assert all(line in page for line in HELP_LINES)
    assert "Policia e Shtetit" in page
    assert 'class="quick-exit"' in page


def test_database_down_answers_503_in_english_then_albanian(client, database_down):
    response = client.get("/en/stories/")

    page = response.content.decode()
    assert response.status_code == 503
    assert '<html lang="en">' in page
    assert "<h1>Temporarily unavailable</h1>" in page
    assert '<article class="article" lang="sq">' in page
    assert "<h2>Përkohësisht jashtë shërbimit</h2>" in page
    assert "Albanian State Police" in page
    assert all(line in page for line in HELP_LINES)


def test_database_down_in_a_middleware_answers_503_too(database_down):
    """A signed-in reader's session is read by a middleware, before any view."""
    client = Client(raise_request_exception=False)
    client.cookies["sessionid"] = "a-session-the-database-cannot-look-up"

    response = client.get("/admin/")

    assert response.status_code == 503
    assert response["Retry-After"] == "120"
    assert "<h1>Përkohësisht jashtë shërbimit</h1>" in response.content.decode()
