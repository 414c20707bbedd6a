"""E-mails to entrants: shortlisted, awarded, not selected; in their language, with the help lines,
once each, never to an erased entry."""

import pytest
from django.core import mail

from competitions import services as competition_services
from competitions.models import Entry
from jury import services
from jury.enums import AwardKind, EntrySource
from jury.models import EntrantNotice

from .conftest import ENTRANT_EMAIL, make_entry, make_round


@pytest.fixture
def closed_round(score_round, moderator):
    services.close_round(score_round, by=moderator)
    return score_round


def mails_to(address):
    return [message for message in mail.outbox if message.to == [address]]


def test_shortlisted_entrant_is_told_in_albanian_with_help_lines(
    closed_round, entries, moderator, django_capture_on_commit_callbacks
):
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        services.advance_entries(round=closed_round, entry_ids=[entries[0].pk], by=moderator)

    [message] = mails_to(ENTRANT_EMAIL)
    assert message.subject == f"Punimi yt {entries[0].reference} është në listën e ngushtë"
    assert "116 006" in message.body and "ALO 116 111" in message.body
    assert mails_to("entrant1@example.com") == []


def test_shortlisted_notice_goes_once(
    closed_round, entries, moderator, django_capture_on_commit_callbacks
):
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        services.advance_entries(round=closed_round, entry_ids=[entries[0].pk], by=moderator)
    with django_capture_on_commit_callbacks(execute=True):
        services.advance_entries(
            round=closed_round, entry_ids=[entries[0].pk, entries[1].pk], by=moderator
        )

    assert len(mails_to(ENTRANT_EMAIL)) == 1
    assert len(mails_to("entrant1@example.com")) == 1


def test_awarded_entrant_in_english_is_congratulated_once(
    competition, moderator, closed_round, django_capture_on_commit_callbacks
):
    entry = make_entry(competition, 5, language="en")
    mail.outbox = []
    for _time in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            services.record_award(
                competition=competition, entry=entry, kind=AwardKind.SECOND, by=moderator
            )

    [message] = mails_to("entrant5@example.com")
    assert message.subject == f"Second prize: your entry {entry.reference}"
    assert "Congratulations! The jury of" in message.body
    assert "116 006" in message.body


def test_closing_the_only_round_tells_nobody_yet(
    score_round, entries, moderator, django_capture_on_commit_callbacks
):
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        services.close_round(score_round, by=moderator)

    assert EntrantNotice.objects.count() == 0


def test_closing_the_final_round_tells_those_who_did_not_reach_it(
    jury, entries, moderator, django_capture_on_commit_callbacks
):
    first = make_round(jury)
    services.open_round(first, by=moderator)
    services.close_round(first, by=moderator)
    services.advance_entries(round=first, entry_ids=[entries[0].pk, entries[1].pk], by=moderator)
    final = make_round(jury, position=2, source=EntrySource.ADVANCED)
    services.open_round(final, by=moderator)
    mail.outbox = []

    with django_capture_on_commit_callbacks(execute=True):
        services.close_round(final, by=moderator)

    told = set(EntrantNotice.objects.filter(key="not_selected").values_list("entry_id", flat=True))
    assert told == {entries[2].pk, entries[3].pk}
    assert len(mails_to("entrant2@example.com")) == 1


def test_announcement_tells_every_entry_without_an_award_once(
    competition, closed_round, entries, moderator, django_capture_on_commit_callbacks
):
    services.record_award(
        competition=competition, entry=entries[0], kind=AwardKind.FIRST, by=moderator
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.announce_not_selected(round=closed_round, by=moderator)
    with django_capture_on_commit_callbacks(execute=True):
        services.announce_not_selected(round=closed_round, by=moderator)

    told = set(EntrantNotice.objects.filter(key="not_selected").values_list("entry_id", flat=True))
    assert told == {entries[1].pk, entries[2].pk, entries[3].pk}
    assert len(mails_to("entrant3@example.com")) == 1


def test_announcement_of_an_open_round_is_refused(score_round, moderator):
    with pytest.raises(services.JuryError):
        services.announce_not_selected(round=score_round, by=moderator)


def test_erased_entry_gets_no_notice(
    closed_round, entries, moderator, django_capture_on_commit_callbacks
):
    competition_services.withdraw_entry(Entry.objects.get(pk=entries[1].pk))
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        services.announce_not_selected(round=closed_round, by=moderator)

    assert mails_to("entrant1@example.com") == []
    assert not EntrantNotice.objects.filter(entry_id=entries[1].pk).exists()


def test_chair_announces_from_the_results_page(
    client, closed_round, jurors, django_capture_on_commit_callbacks
):
    client.force_login(jurors[0])
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/en/jury/round/{closed_round.pk}/results/", {"action": "announce"})

    assert response.status_code == 302
    assert EntrantNotice.objects.filter(key="not_selected").count() == 4
