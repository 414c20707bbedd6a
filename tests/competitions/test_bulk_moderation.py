"""Approving or rejecting several entries at once: each goes through the workflow."""

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from wagtail.users.models import UserProfile

from competitions import services
from competitions.enums import Actor, EntryState
from competitions.models import Entry
from tests.competitions.conftest import submit

BULK_URL = "/admin/entries/bulk/"


@pytest.fixture
def moderator(moderator):
    """The moderator reads the admin in English (the admin's own default is Albanian)."""
    profile = UserProfile.get_for_user(moderator)
    profile.preferred_language = "en"
    profile.save()
    return moderator


def _three(photo, states):
    entries = []
    for i, state in enumerate(states):
        entry = submit(photo, token=f"t{i}", email=f"p{i}@example.com")
        Entry.objects.filter(pk=entry.pk).update(state=state)
        entries.append(Entry.objects.get(pk=entry.pk))
    return entries


def _states(entries):
    return [Entry.objects.get(pk=entry.pk).state for entry in entries]


def _messages(response):
    return [(m.level_tag, m.message) for m in get_messages(response.wsgi_request)]


def test_move_entries_reports_the_refused_move_and_moves_the_others(photo, moderator):
    entries = _three(
        photo, [EntryState.IN_MODERATION, EntryState.REJECTED, EntryState.IN_MODERATION]
    )

    moved, refused = services.move_entries(
        entries, EntryState.APPROVED, actor=Actor.MODERATOR, by=moderator, note="batch"
    )

    assert [e.reference for e in moved] == ["US3-PHOTO-0001", "US3-PHOTO-0003"]
    assert [(e.reference, why) for e, why in refused] == [
        ("US3-PHOTO-0002", "An entry that is “Not accepted” cannot become “Approved for judging”.")
    ]
    assert _states(entries) == [EntryState.APPROVED, EntryState.REJECTED, EntryState.APPROVED]
    assert [e.events.last().note for e in moved] == ["batch", "batch"]


def test_bulk_approve_view(client, photo, moderator, django_capture_on_commit_callbacks):
    entries = _three(
        photo, [EntryState.IN_MODERATION, EntryState.APPROVED, EntryState.IN_MODERATION]
    )
    client.force_login(moderator)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            BULK_URL,
            {
                "entries": [e.pk for e in entries],
                "action": "approve",
                "query": "state=in_moderation",
            },
        )

    assert response.status_code == 302
    assert response["Location"] == "/admin/entries/?state=in_moderation"
    assert _states(entries) == [EntryState.APPROVED] * 3
    assert _messages(response) == [
        ("success", "2 entries updated: US3-PHOTO-0001, US3-PHOTO-0003."),
        (
            "error",
            "US3-PHOTO-0002 was not changed: An entry that is “Approved for judging” cannot "
            "become “Approved for judging”.",
        ),
    ]
    assert sorted(m.to[0] for m in mail.outbox) == ["p0@example.com", "p2@example.com"]
    assert Entry.objects.get(pk=entries[0].pk).events.last().user == moderator


def test_bulk_reject_view_with_one_reason_and_message(
    client, photo, moderator, django_capture_on_commit_callbacks
):
    entries = _three(
        photo, [EntryState.IN_MODERATION, EntryState.CHANGES_REQUESTED, EntryState.APPROVED]
    )
    client.force_login(moderator)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            BULK_URL,
            {
                "entries": [e.pk for e in entries],
                "action": "reject",
                "reason": "off_theme",
                "message": "The theme is trafficking.",
                "note": "checked together",
            },
        )

    assert response["Location"] == "/admin/entries/"
    assert _states(entries) == [EntryState.REJECTED, EntryState.REJECTED, EntryState.APPROVED]
    events = [Entry.objects.get(pk=e.pk).events.last() for e in entries[:2]]
    assert [(e.reason, e.message, e.note) for e in events] == [
        ("off_theme", "The theme is trafficking.", "checked together")
    ] * 2
    assert _messages(response)[1] == (
        "error",
        "US3-PHOTO-0003 was not changed: An entry that is “Approved for judging” cannot become "
        "“Not accepted”.",
    )
    assert len(mail.outbox) == 2
    assert all("The theme is trafficking." in m.body for m in mail.outbox)


def test_bulk_reject_without_reason_changes_nothing(client, photo, moderator):
    entries = _three(photo, [EntryState.IN_MODERATION] * 3)
    client.force_login(moderator)

    response = client.post(BULK_URL, {"entries": [e.pk for e in entries], "action": "reject"})

    assert response.status_code == 302
    assert _states(entries) == [EntryState.IN_MODERATION] * 3
    assert _messages(response) == [("error", "Choose a reason.")]


def test_bulk_does_not_name_an_entry_held_for_safeguarding(client, photo, moderator):
    entries = _three(
        photo,
        [EntryState.IN_MODERATION, EntryState.SAFEGUARDING_HOLD, EntryState.IN_MODERATION],
    )
    client.force_login(moderator)

    response = client.post(BULK_URL, {"entries": [e.pk for e in entries], "action": "approve"})

    assert _states(entries) == [
        EntryState.APPROVED,
        EntryState.SAFEGUARDING_HOLD,
        EntryState.APPROVED,
    ]
    assert _messages(response) == [
        ("error", "1 selected entry is no longer in the queue and was not changed."),
        ("success", "2 entries updated: US3-PHOTO-0001, US3-PHOTO-0003."),
    ]


def test_bulk_refused_to_an_editor(client, photo, editor):
    entries = _three(photo, [EntryState.IN_MODERATION] * 3)
    client.force_login(editor)

    response = client.post(BULK_URL, {"entries": [e.pk for e in entries], "action": "approve"})

    assert response.status_code == 403
    assert _states(entries) == [EntryState.IN_MODERATION] * 3


def test_bulk_needs_post(client, moderator):
    client.force_login(moderator)

    assert client.get(BULK_URL).status_code == 405


def test_queue_has_a_checkbox_per_entry_and_the_bulk_actions(client, photo, moderator):
    entries = _three(photo, [EntryState.IN_MODERATION] * 3)
    client.force_login(moderator)

    html = client.get("/admin/entries/").content.decode()

    for entry in entries:
        assert f'name="entries" value="{entry.pk}"' in html
    assert 'action="/admin/entries/bulk/"' in html
    assert 'value="reject"' in html


def test_bulk_messages_in_the_moderators_language(client, photo, moderator):
    entries = _three(photo, [EntryState.IN_MODERATION, EntryState.REJECTED])
    profile = UserProfile.get_for_user(moderator)
    profile.preferred_language = "sq"
    profile.save()
    client.force_login(moderator)

    response = client.post(BULK_URL, {"entries": [e.pk for e in entries], "action": "approve"})

    assert _messages(response) == [
        ("success", "1 punim u përditësua: US3-PHOTO-0001."),
        (
            "error",
            "US3-PHOTO-0002 nuk ndryshoi: Një punim në gjendjen „Nuk u pranua“ nuk mund "
            "të kalojë në „Miratuar për vlerësim“.",
        ),
    ]
