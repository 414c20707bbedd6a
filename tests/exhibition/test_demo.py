"""The demo publishes the three prizes and the 30 shortlisted works, so that the public results
and exhibition pages show them in both languages; run twice, nothing doubles."""

import io

import pytest
from django.core import mail
from django.test import override_settings

from exhibition import demo
from exhibition.enums import PublicationState
from exhibition.models import Publication
from jury import demo as jury_demo
from jury.enums import AwardKind
from jury.models import Award
from website import demo as website_demo

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_loaded(shared_demo, django_db_blocker):
    """The run's demo (tests/demo_database.py), and the jury's and the exhibition's demo run a
    second time on it for this module's tests (undone after them); the e-mails that both runs
    sent, which each test's fresh outbox no longer shows."""
    with django_db_blocker.unblock():
        home = website_demo.get_or_create_home()
        mail.outbox = []
        with override_settings(DEBUG=True):
            jury_demo.load(home, io.StringIO())
            demo.load(home, io.StringIO())
        yield [*shared_demo, *((message.subject, message.to) for message in mail.outbox)]


def test_demo_publishes_prizes_and_exhibition_once(demo_loaded):
    assert Award.objects.filter(kind=AwardKind.EXHIBITION).count() == 30
    assert Publication.objects.count() == 30
    assert Publication.objects.filter(state=PublicationState.PUBLISHED).count() == 30
    assert demo_loaded == []  # made-up entrants: nobody is written to


def test_demo_results_page_in_both_languages(client, demo_loaded):
    prizes = {
        award.kind: award.entry
        for award in Award.objects.exclude(kind=AwardKind.EXHIBITION).select_related("entry")
    }
    real_name = prizes[AwardKind.SECOND].entrant.full_name

    sq = client.get("/sq/konkurse/historite-e-pathena-3/rezultatet/").content.decode()
    en = client.get("/en/competitions/untold-stories-3/results/").content.decode()

    for html, anonymous in ((sq, "Anonim"), (en, "Anonymous")):
        assert html.count('class="winner"') == 3
        assert "Drita e Re" in html and real_name in html and anonymous in html
    assert "Çmimi i parë" in sq and "First prize" in en


def test_demo_exhibition_in_both_languages(client, demo_loaded):
    sq = client.get("/sq/konkurse/historite-e-pathena-3/ekspozita/")
    en = client.get("/en/competitions/untold-stories-3/exhibition/")

    assert sq.content.decode().count('class="gallery__item"') == 30
    assert en.content.decode().count('class="gallery__item"') == 30
    assert "A work chosen by the jury for the exhibition in Tirana" in en.content.decode()
