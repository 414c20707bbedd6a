from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from competitions import services
from competitions.enums import MOVES, Actor, ConsentState, EntryState
from competitions.models import Entry, EntryEvent
from mail.delivery import send_due
from mail.enums import MessageState
from mail.models import Message
from tests.competitions.conftest import minor_birthday, submit
from tests.factories.competitions import EntryFactory

ALL_PAIRS = [(a, b) for a in EntryState for b in EntryState if a != b]


def _entry_in(photo, state):
    return EntryFactory(competition=photo, state=state)


def _move_id(value):
    """A stable test id (a set's order changes between processes, and xdist compares ids)."""
    if isinstance(value, (set, frozenset)):
        return "|".join(sorted(str(item) for item in value))
    return "->".join(str(item) for item in value)


@pytest.mark.parametrize(("move", "actors"), list(MOVES.items()), ids=_move_id)
def test_move_entry_every_allowed_move(photo, moderator, move, actors):
    from_state, to_state = move
    for actor in actors:
        entry = _entry_in(photo, from_state)
        event = services.move_entry(entry, to_state, actor=actor, by=moderator, note="n")
        assert entry.state == to_state
        assert (event.from_state, event.to_state, event.actor) == (from_state, to_state, actor)
        Entry.objects.filter(pk=entry.pk).delete()


@pytest.mark.parametrize(
    ("from_state", "to_state"), [pair for pair in ALL_PAIRS if pair not in MOVES]
)
def test_move_entry_refused_moves(photo, from_state, to_state):
    entry = _entry_in(photo, from_state)
    before = EntryEvent.objects.filter(entry=entry).count()
    for actor in Actor:
        with pytest.raises(services.MoveNotAllowed):
            services.move_entry(entry, to_state, actor=actor)
    entry.refresh_from_db()
    assert entry.state == from_state
    assert EntryEvent.objects.filter(entry=entry).count() == before


@pytest.mark.parametrize(("move", "actors"), list(MOVES.items()), ids=_move_id)
def test_move_entry_wrong_actor_refused(photo, move, actors):
    from_state, to_state = move
    entry = _entry_in(photo, from_state)
    for actor in set(Actor) - set(actors):
        with pytest.raises(services.MoveNotAllowed):
            services.move_entry(entry, to_state, actor=actor)
    entry.refresh_from_db()
    assert entry.state == from_state


def test_submit_adult_goes_to_moderation_with_receipt(photo, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        entry = submit(photo)
    assert entry.reference == "US3-PHOTO-0001"
    assert entry.state == EntryState.IN_MODERATION
    assert [(e.from_state, e.to_state) for e in entry.events.all()] == [
        (EntryState.SUBMITTED, EntryState.IN_MODERATION)
    ]
    assert entry.declared_licence_at == entry.submitted_at
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ana@example.com"]
    assert mail.outbox[0].subject == "Your entry US3-PHOTO-0001 has arrived"
    assert "US3-PHOTO-0001" in mail.outbox[0].body
    [message] = Message.objects.filter(topic=f"competitions.entry:{entry.pk}")
    assert (message.kind, message.language, message.state) == (
        "competitions.receipt",
        "en",
        MessageState.SENT,
    )


def test_submit_same_form_token_twice_one_entry(photo):
    first = submit(photo, token="same")
    second = submit(photo, token="same")
    assert first.pk == second.pk
    assert Entry.objects.count() == 1


def test_submit_references_are_sequential(photo):
    refs = [submit(photo, token=f"t{i}", email=f"p{i}@example.com").reference for i in range(3)]
    assert refs == ["US3-PHOTO-0001", "US3-PHOTO-0002", "US3-PHOTO-0003"]


def test_submit_over_per_person_limit_refused(photo):
    for i in range(3):
        submit(photo, token=f"t{i}")
    with pytest.raises(services.SubmissionRefused):
        submit(photo, token="t4", email="ANA@example.com")
    assert Entry.objects.count() == 3


def test_submit_minor_waits_for_consent_and_guardian_mailed(
    photo, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        entry = submit(
            photo,
            date_of_birth=minor_birthday(),
            guardian_name="Besa Hoxha",
            guardian_email="besa@example.com",
        )
    assert entry.state == EntryState.AWAITING_CONSENT
    assert entry.consent_state == ConsentState.PENDING
    assert sorted(m.to[0] for m in mail.outbox) == ["ana@example.com", "besa@example.com"]


def test_mail_server_down_entry_saved_and_sent_later(
    photo, settings, django_capture_on_commit_callbacks
):
    settings.MAIL_DELIVERY_BACKEND = "tests.competitions.failing_mail.Backend"
    with django_capture_on_commit_callbacks(execute=True):
        entry = submit(photo)
    [message] = Message.objects.filter(topic=f"competitions.entry:{entry.pk}")
    assert (message.state, message.attempts) == (MessageState.QUEUED, 1)
    assert message.last_error == "SMTPServerDisconnected: mail server down"
    assert Entry.objects.get().state == EntryState.IN_MODERATION

    settings.MAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_due(now=timezone.now() + timedelta(minutes=2)) == {"sent": 1}
    message.refresh_from_db()
    assert message.state == MessageState.SENT
    assert len(mail.outbox) == 1


def test_withdraw_deletes_personal_data_and_files(photo, django_capture_on_commit_callbacks):
    entry = submit(photo)
    storage = entry.image.storage
    names = [entry.image.name, entry.thumbnail.name]
    assert all(storage.exists(name) for name in names)
    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw_entry(entry)
    entry.refresh_from_db()
    assert entry.state == EntryState.WITHDRAWN
    assert not hasattr(entry, "entrant") or entry.entrant is None
    assert (entry.title, entry.image.name, entry.access_nonce) == ("", "", "")
    assert not any(storage.exists(name) for name in names)
    assert entry.erased_at is not None


def test_guardian_refuses_entry_withdrawn(photo):
    entry = submit(
        photo, date_of_birth=minor_birthday(), guardian_name="B", guardian_email="b@example.com"
    )
    services.refuse_consent(entry)
    entry.refresh_from_db()
    assert (entry.state, entry.consent_state) == (EntryState.WITHDRAWN, ConsentState.REFUSED)
    assert entry.title == ""


def test_guardian_consents_entry_to_moderation(photo):
    entry = submit(
        photo, date_of_birth=minor_birthday(), guardian_name="B", guardian_email="b@example.com"
    )
    services.give_consent(entry)
    entry.refresh_from_db()
    assert (entry.state, entry.consent_state) == (EntryState.IN_MODERATION, ConsentState.GIVEN)


def test_consent_reminder_once_then_expiry_deletes(photo, django_capture_on_commit_callbacks):
    entry = submit(
        photo, date_of_birth=minor_birthday(), guardian_name="B", guardian_email="b@example.com"
    )
    mail.outbox.clear()
    later = timezone.now() + timedelta(days=6)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_consent_reminders(now=later) == 1
        assert services.send_consent_reminders(now=later) == 0
    assert [m.subject for m in mail.outbox] == ["Reminder: a young person asks for your consent"]
    assert services.expire_unconsented(now=timezone.now() + timedelta(days=13)) == 0
    Entry.objects.filter(pk=entry.pk).update(submitted_at=timezone.now() - timedelta(days=15))
    call_command("purge_entries")
    entry.refresh_from_db()
    assert (entry.state, entry.consent_state) == (EntryState.WITHDRAWN, ConsentState.EXPIRED)
    assert entry.erased_at is not None


def test_purge_entries_erases_old_rejected(photo, moderator):
    entry = submit(photo)
    services.move_entry(
        entry, EntryState.REJECTED, actor=Actor.MODERATOR, by=moderator, reason="off_theme"
    )
    assert services.purge_entries(now=timezone.now() + timedelta(days=31)) == 1
    entry.refresh_from_db()
    assert (entry.state, entry.title, entry.erased_at is not None) == (
        EntryState.REJECTED,
        "",
        True,
    )
    assert entry.age == 20  # anonymous facts stay for counts


def test_flag_notifies_safeguarding_officers_without_content(
    photo, moderator, officer, django_capture_on_commit_callbacks
):
    entry = submit(photo, title="A very private title")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.move_entry(
            entry, EntryState.SAFEGUARDING_HOLD, actor=Actor.MODERATOR, by=moderator
        )
    officer_mail = next(m for m in mail.outbox if m.to == ["officer@example.com"])
    assert "A very private title" not in officer_mail.body
    assert f"/admin/entries/safeguarding/{entry.pk}/" in officer_mail.body
    entrant_mail = next(m for m in mail.outbox if m.to == ["ana@example.com"])
    assert "116 006" in entrant_mail.body
