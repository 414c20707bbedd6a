"""The demo publishes the three prizes and the 30 shortlisted works, so that the public results
and exhibition pages show them in both languages; run twice, nothing doubles."""

import io

import pytest
from django.core import mail
from django.test import override_settings

from competitions import demo as competitions_demo
from exhibition import demo
from exhibition.enums import PublicationState
from exhibition.models import Publication
from jury import demo as jury_demo
from jury.enums import AwardKind
from jury.models import Award
from tests.conftest import make_home
from tests.database import kept_for_a_module
from website import demo as website_demo

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_loaded(django_db_setup, django_db_blocker):
    """The demo, loaded once for this module's tests (tests/database.py); the e-mails that the
    jury's and the exhibition's demo sent, which each test's fresh outbox no longer shows."""
    with kept_for_a_module(django_db_blocker):
        home = make_home()
        out = io.StringIO()
        with override_settings(DEBUG=True):
            website_demo.load_accounts(out)
            competitions_demo.load(home, out)
            mail.outbox = []
            for _run in range(2):
                jury_demo.load(home, out)
                demo.load(home, out)
        yield list(mail.outbox)


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
