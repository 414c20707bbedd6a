"""Every move of an entry is written to Wagtail's audit log, once, with who and why."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation
from wagtail.log_actions import registry
from wagtail.models import ModelLogEntry

from competitions import services
from competitions.enums import Actor, EntryState
from competitions.models import Entry, EntryEvent
from tests.competitions.conftest import minor_birthday, submit


def _logs(entry):
    return list(ModelLogEntry.objects.for_instance(entry).order_by("timestamp", "pk"))


def assert_log_follows_state(entry):
    """The logged moves form one chain from "submitted" to the entry's current state."""
    entry.refresh_from_db()
    state = EntryState.SUBMITTED
    for log in _logs(entry):
        assert log.data["from"] == state
        assert log.action == f"competitions.entry.{log.data['to']}"
        state = log.data["to"]
    assert state == entry.state


def test_move_entry_writes_one_log_entry_with_action_user_and_data(photo, moderator):
    entry = submit(photo)
    before = _logs(entry)

    services.move_entry(
        entry,
        EntryState.REJECTED,
        actor=Actor.MODERATOR,
        by=moderator,
        reason="off_theme",
        note="Not about trafficking",
        message="Sorry",
    )

    after = _logs(entry)
    assert len(after) == len(before) + 1
    log = after[-1]
    assert log.action == "competitions.entry.rejected"
    assert log.user == moderator
    assert log.label == "US3-PHOTO-0001"
    assert log.data == {
        "from": "in_moderation",
        "to": "rejected",
        "reason": "off_theme",
        "note": "Not about trafficking",
    }


def test_move_entry_keeps_the_entry_event(photo, moderator):
    entry = submit(photo)

    event = services.move_entry(entry, EntryState.APPROVED, actor=Actor.MODERATOR, by=moderator)

    assert EntryEvent.objects.filter(pk=event.pk, to_state=EntryState.APPROVED).exists()
    assert entry.events.count() == len(_logs(entry)) == 2


def test_move_entry_by_the_system_has_no_user(photo):
    entry = submit(photo)

    log = _logs(entry)[0]

    assert (log.action, log.user, log.data["from"], log.data["to"]) == (
        "competitions.entry.in_moderation",
        None,
        "submitted",
        "in_moderation",
    )


def test_move_entry_refused_writes_no_log_entry(photo, moderator):
    entry = submit(photo)
    before = len(_logs(entry))

    with pytest.raises(services.MoveNotAllowed):
        services.move_entry(entry, EntryState.WITHDRAWN, actor=Actor.MODERATOR, by=moderator)

    assert len(_logs(entry)) == before


@pytest.mark.parametrize(
    ("language", "label"),
    [("en", "Entry approved for judging"), ("sq", "Punimi u miratua për vlerësim")],
)
def test_log_actions_have_labels_in_both_languages(language, label):
    with translation.override(language):
        assert str(registry.get_action_label("competitions.entry.approved")) == label


def test_every_state_has_a_registered_log_action():
    assert all(registry.action_exists(services.log_action_name(state)) for state in EntryState)


# Each public way of changing an entry leaves the audit log in step with the entry's state.


def test_log_follows_state_through_consent_changes_and_approval(photo, moderator):
    entry = submit(
        photo, date_of_birth=minor_birthday(), guardian_name="B", guardian_email="b@x.al"
    )
    services.give_consent(entry)
    services.move_entry(
        entry, EntryState.CHANGES_REQUESTED, actor=Actor.MODERATOR, by=moderator, message="m"
    )
    entry.refresh_from_db()
    services.answer_change_request(entry, title="New", description="")
    services.move_entries([entry], EntryState.APPROVED, actor=Actor.MODERATOR, by=moderator)

    assert_log_follows_state(entry)
    assert [log.action for log in _logs(entry)] == [
        "competitions.entry.awaiting_consent",
        "competitions.entry.in_moderation",
        "competitions.entry.changes_requested",
        "competitions.entry.in_moderation",
        "competitions.entry.approved",
    ]


def test_log_follows_state_when_consent_is_refused(photo):
    entry = submit(
        photo, date_of_birth=minor_birthday(), guardian_name="B", guardian_email="b@x.al"
    )

    services.refuse_consent(entry)

    assert_log_follows_state(entry)
    assert entry.state == EntryState.WITHDRAWN


def test_log_follows_state_when_consent_expires(photo):
    entry = submit(
        photo, date_of_birth=minor_birthday(), guardian_name="B", guardian_email="b@x.al"
    )

    services.expire_unconsented(now=timezone.now() + timedelta(days=15))

    assert_log_follows_state(entry)
    assert entry.state == EntryState.WITHDRAWN


def test_log_follows_state_through_safeguarding_and_withdrawal(photo, moderator, officer):
    entry = submit(photo)
    services.move_entry(entry, EntryState.SAFEGUARDING_HOLD, actor=Actor.MODERATOR, by=moderator)
    services.record_safeguarding_note(entry, by=officer, note="Called the entrant")
    services.move_entry(entry, EntryState.IN_MODERATION, actor=Actor.SAFEGUARDING, by=officer)
    services.withdraw_entry(entry)

    assert_log_follows_state(entry)
    assert [log.user for log in _logs(entry)] == [None, moderator, officer, None]


def test_purge_changes_no_state(photo, moderator):
    entry = submit(photo)
    services.move_entry(entry, EntryState.REJECTED, actor=Actor.MODERATOR, by=moderator)

    services.purge_entries(now=timezone.now() + timedelta(days=31))

    entry.refresh_from_db()
    assert entry.erased_at is not None
    assert Entry.objects.get(pk=entry.pk).state == EntryState.REJECTED
    assert_log_follows_state(entry)
