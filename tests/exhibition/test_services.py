"""The do-no-harm check before publication: records, confirmations, checklist, take-down."""

from datetime import date

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.models import ModelLogEntry

from competitions import services as competition_services
from competitions import tokens
from competitions.enums import Actor, CreditChoice
from competitions.models import Entry
from exhibition import services
from exhibition.enums import PublicationState
from exhibition.models import Publication
from jury.enums import AwardKind
from tests.exhibition.helpers import award, check, publish
from tests.jury.conftest import ENTRANT_NAME, ENTRANT_PEN_NAME, make_entry


@pytest.fixture
def minor(competition):
    """An entrant of 16 whose guardian consented to the entry; approved for judging."""
    entry = make_entry(
        competition,
        7,
        minor=True,
        date_of_birth=date(timezone.localdate().year - 16, 1, 1),
        guardian_name="Prindi",
        guardian_email="prindi@example.com",
    )
    return Entry.objects.get(pk=entry.pk)


def test_award_creates_pending_publication_with_the_entry_credit(competition, entries, moderator):
    award(competition, entries[0], moderator)

    publication = Publication.objects.get(entry=entries[0])
    assert (publication.state, publication.credit, publication.credit_name) == (
        PublicationState.PENDING,
        CreditChoice.PEN_NAME,
        ENTRANT_PEN_NAME,
    )
    assert publication.guardian_needed is False
    assert publication.competition_id == competition.pk


def test_second_award_keeps_one_publication(competition, entries, moderator):
    award(competition, entries[0], moderator)
    award(competition, entries[0], moderator, kind=AwardKind.EXHIBITION)

    assert Publication.objects.filter(entry=entries[0]).count() == 1


def test_entrant_confirmation_alone_keeps_it_private(competition, entries, moderator):
    award(competition, entries[0], moderator)
    publication = entries[0].publication

    services.confirm_by_entrant(publication, credit=CreditChoice.REAL_NAME)

    publication.refresh_from_db()
    assert publication.state == PublicationState.PENDING
    assert publication.credit_name == ENTRANT_NAME
    assert publication.entrant_confirmed_at is not None


def test_checklist_alone_keeps_it_private(competition, entries, moderator):
    award(competition, entries[0], moderator)

    publication = check(entries[0].publication, moderator)

    assert publication.state == PublicationState.PENDING
    assert (publication.checked_by, publication.caption_en) == (moderator, "A caption")


def test_both_done_publishes(competition, entries, moderator):
    publication = publish(competition, entries[0], moderator)

    publication.refresh_from_db()
    assert publication.state == PublicationState.PUBLISHED
    assert (publication.credit, publication.credit_label) == (CreditChoice.PEN_NAME, "Drita")
    assert publication.published_at is not None
    actions = set(
        ModelLogEntry.objects.filter(action__startswith="exhibition.publication.").values_list(
            "action", flat=True
        )
    )
    assert actions == {
        "exhibition.publication.entrant_confirmed",
        "exhibition.publication.checked",
        "exhibition.publication.published",
    }


def test_anonymous_credit_shows_anonymous(competition, entries, moderator):
    publication = publish(competition, entries[0], moderator, credit=CreditChoice.ANONYMOUS)

    assert (publication.credit_name, str(publication.credit_label)) == ("", "Anonymous")


def test_pen_name_credit_without_a_name_is_refused(competition, entries, moderator):
    award(competition, entries[0], moderator)

    with pytest.raises(services.PublicationError):
        services.confirm_by_entrant(entries[0].publication, credit=CreditChoice.PEN_NAME)

    assert Publication.objects.get(entry=entries[0]).entrant_confirmed_at is None


def test_incomplete_checklist_is_refused(competition, entries, moderator):
    award(competition, entries[0], moderator)

    with pytest.raises(services.PublicationError):
        check(entries[0].publication, moderator, no_victim_identifiable=False)

    assert Publication.objects.get(entry=entries[0]).checked_at is None


def test_checklist_by_a_juror_is_refused(competition, entries, moderator, jurors):
    award(competition, entries[0], moderator)

    with pytest.raises(services.PublicationError):
        check(entries[0].publication, jurors[0])

    assert Publication.objects.get(entry=entries[0]).checked_at is None


def test_database_refuses_a_published_row_without_consent(competition, entries, moderator):
    award(competition, entries[0], moderator)

    with pytest.raises(IntegrityError), transaction.atomic():
        Publication.objects.filter(entry=entries[0]).update(state=PublicationState.PUBLISHED)


def test_minor_needs_the_guardian_who_gets_a_link(
    competition, minor, moderator, django_capture_on_commit_callbacks
):
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        award(competition, minor, moderator)
    publication = Publication.objects.get(entry=minor)
    services.confirm_by_entrant(publication, credit=CreditChoice.ANONYMOUS)
    check(publication, moderator)

    publication.refresh_from_db()
    assert (publication.guardian_needed, publication.state) == (True, PublicationState.PENDING)
    guardian_mails = [message for message in mail.outbox if message.to == ["prindi@example.com"]]
    assert len(guardian_mails) == 1
    minor.refresh_from_db()
    assert tokens.guardian_token(minor).split(":")[0] in guardian_mails[0].body

    services.confirm_by_guardian(publication)

    publication.refresh_from_db()
    minor.refresh_from_db()
    assert publication.state == PublicationState.PUBLISHED
    assert minor.guardian_nonce == ""


def test_entrant_takes_down_a_published_work(competition, entries, moderator):
    publication = publish(competition, entries[0], moderator)

    services.take_down(publication, actor=Actor.ENTRANT)

    publication.refresh_from_db()
    assert (publication.state, publication.taken_down_by) == (
        PublicationState.TAKEN_DOWN,
        Actor.ENTRANT,
    )


def test_entrant_declines_before_publication(competition, entries, moderator):
    award(competition, entries[0], moderator)

    services.take_down(entries[0].publication, actor=Actor.ENTRANT)

    publication = Publication.objects.get(entry=entries[0])
    assert publication.state == PublicationState.TAKEN_DOWN
    with pytest.raises(services.PublicationError):
        services.confirm_by_entrant(publication, credit=CreditChoice.ANONYMOUS)


def test_staff_take_down_needs_a_moderator(competition, entries, moderator, jurors):
    publication = publish(competition, entries[0], moderator)

    with pytest.raises(services.PublicationError):
        services.take_down(publication, actor=Actor.MODERATOR, by=jurors[1])
    services.take_down(publication, actor=Actor.MODERATOR, by=moderator)

    publication.refresh_from_db()
    assert publication.state == PublicationState.TAKEN_DOWN


def test_entrant_cannot_reopen_and_staff_reopen_asks_everything_again(
    competition, entries, moderator
):
    publication = publish(competition, entries[0], moderator)
    services.take_down(publication, actor=Actor.ENTRANT)

    with pytest.raises(services.PublicationError):
        services.move_publication(publication, PublicationState.PENDING, actor=Actor.ENTRANT)
    services.reopen(publication, by=moderator)

    publication.refresh_from_db()
    assert (
        publication.state,
        publication.entrant_confirmed_at,
        publication.checked_at,
        publication.caption_reviewed,
    ) == (PublicationState.PENDING, None, None, False)


def test_withdrawn_entry_cannot_be_confirmed(competition, entries, moderator):
    award(competition, entries[0], moderator)
    competition_services.withdraw_entry(Entry.objects.get(pk=entries[0].pk))

    publication = Publication.objects.get(entry=entries[0])
    with pytest.raises(services.PublicationError):
        services.confirm_by_entrant(publication, credit=CreditChoice.ANONYMOUS)
