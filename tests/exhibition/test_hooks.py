"""What the exhibition gives the apps below it through their hooks, without them importing it:
the publication record of an award, the publication paragraph of the awarded e-mail, the
section of the entrant's private page, and the entries the purge must keep."""

import pytest
from django.core import mail
from django.test import RequestFactory

from competitions import tokens
from competitions.extensions import entry_page_sections, protected_entry_ids
from competitions.models import Entry
from exhibition.enums import PublicationState
from exhibition.models import Publication
from jury import services as jury_services
from jury.enums import AwardKind
from tests.exhibition.helpers import award
from tests.factories.exhibition import PublicationFactory
from tests.factories.jury import AwardFactory
from tests.jury.conftest import make_entry


def test_award_makes_one_pending_publication(competition, entries, moderator):
    award(competition, entries[0], moderator, kind=AwardKind.FIRST)
    award(competition, entries[0], moderator, kind=AwardKind.EXHIBITION)

    [publication] = Publication.objects.all()
    assert (publication.entry, publication.state) == (entries[0], PublicationState.PENDING)


def test_awarded_email_in_english_links_to_the_publication_page(
    competition, moderator, django_capture_on_commit_callbacks
):
    entry = make_entry(competition, 5, language="en")
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        jury_services.record_award(
            competition=competition, entry=entry, kind=AwardKind.SECOND, by=moderator
        )

    [message] = [m for m in mail.outbox if m.to == ["entrant5@example.com"]]
    prefix = "anonymously): http://testserver/en/competitions/publication/"
    token = message.body.split(prefix, 1)[1].split("/\n", 1)[0]
    assert message.subject == f"Second prize: your entry {entry.reference}"
    assert tokens.entry_for_entrant(token, Entry.objects.all()) == entry
    assert "your parent or guardian will also be asked" not in message.body
    assert "116 006" in message.body


def test_awarded_email_in_albanian_links_to_the_albanian_page(
    competition, moderator, django_capture_on_commit_callbacks
):
    entry = make_entry(competition, 6)
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        jury_services.record_award(
            competition=competition, entry=entry, kind=AwardKind.FIRST, by=moderator
        )

    [message] = [m for m in mail.outbox if m.to == ["entrant6@example.com"]]
    assert "http://testserver/sq/konkurse/publikimi/" in message.body


@pytest.mark.parametrize("has_publication", [False, True])
def test_entry_page_section_only_with_a_publication(entries, has_publication):
    if has_publication:
        PublicationFactory(entry=entries[0])
    token = tokens.entrant_token(entries[0])

    html = entry_page_sections(RequestFactory().get("/"), entries[0], token)

    expected = f'href="/en/competitions/publication/{token}/"' if has_publication else ""
    assert (expected in html) if has_publication else html == ""


def test_purge_keeps_awarded_and_publishable_entries(entries):
    AwardFactory(entry=entries[0])
    PublicationFactory(entry=entries[1], published=True)
    PublicationFactory(entry=entries[2], taken_down=True)

    assert protected_entry_ids() == {entries[0].pk, entries[1].pk}
