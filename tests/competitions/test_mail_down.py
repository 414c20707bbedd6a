"""An entry, a consent request, the consent given, a moderator's message and the entrant's reply
while the mail server refuses connections (a real SMTP server in a thread,
tests/mail/smtp_server.py, fixtures registered by tests/conftest.py): the change is saved, its
e-mails wait in the outbox and go out, once each, when the server is back."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from competitions import services
from competitions.enums import Actor, EntryState
from competitions.models import Entry, EntryMessage
from mail.delivery import send_due
from mail.enums import MessageState
from mail.models import Message
from tests.competitions.conftest import minor_birthday, submit


@pytest.fixture
def server_down(smtp_settings, smtp_server):
    smtp_server.down()
    return smtp_server


def test_entry_receipt_with_mail_server_down_delivered_when_back(
    photo, server_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        entry = submit(photo)

    assert Entry.objects.get().state == EntryState.IN_MODERATION
    [receipt] = Message.objects.all()
    assert (receipt.state, receipt.kind, receipt.to) == (
        MessageState.QUEUED,
        "competitions.receipt",
        ["ana@example.com"],
    )
    assert receipt.subject == "Your entry US3-PHOTO-0001 has arrived"

    server_down.up()
    assert send_due(now=timezone.now() + timedelta(minutes=2)) == {"sent": 1}
    assert send_due(now=timezone.now() + timedelta(hours=2)) == {}
    assert server_down.recipients() == ["ana@example.com"]
    assert entry.reference in server_down.received[0].get_content()


def test_consent_request_with_mail_server_down_delivered_when_back(
    photo, server_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        entry = submit(
            photo,
            date_of_birth=minor_birthday(),
            guardian_name="Besa Hoxha",
            guardian_email="besa@example.com",
        )

    assert entry.state == EntryState.AWAITING_CONSENT
    assert sorted(Message.objects.values_list("kind", "state")) == [
        ("competitions.consent_request", MessageState.QUEUED),
        ("competitions.receipt", MessageState.QUEUED),
    ]
    receipt = Message.objects.get(kind="competitions.receipt")
    assert "We have written to your parent or guardian" in receipt.body

    server_down.up()
    assert send_due(now=timezone.now() + timedelta(minutes=2)) == {"sent": 2}
    assert sorted(server_down.recipients()) == ["ana@example.com", "besa@example.com"]
    guardian = next(m for m in server_down.received if m["To"] == "besa@example.com")
    assert "http://testserver/en/competitions/consent/" in guardian.get_content()


def test_withdrawal_deletes_the_entrants_waiting_e_mails(
    photo, server_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        entry = submit(photo)
    services.move_entry(entry, EntryState.WITHDRAWN, actor="entrant")
    assert Message.objects.count() == 0


def test_consent_given_email_with_mail_server_down_delivered_once_when_back(
    photo, smtp_settings, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        entry = submit(
            photo,
            date_of_birth=minor_birthday(),
            guardian_name="Besa Hoxha",
            guardian_email="besa@example.com",
        )
    assert sorted(smtp_server.recipients()) == ["ana@example.com", "besa@example.com"]
    smtp_server.down()

    with django_capture_on_commit_callbacks(execute=True):
        services.give_consent(entry)

    entry.refresh_from_db()
    assert entry.state == EntryState.IN_MODERATION
    given = Message.objects.get(kind="competitions.consent_given")
    assert (given.state, given.to, given.attempts) == (
        MessageState.QUEUED,
        ["ana@example.com"],
        1,
    )
    assert given.last_error.startswith("ConnectionRefusedError")

    smtp_server.up()
    assert send_due(now=timezone.now() + timedelta(minutes=2)) == {"sent": 1}
    assert send_due(now=timezone.now() + timedelta(hours=2)) == {}
    assert smtp_server.recipients() == ["ana@example.com", "besa@example.com", "ana@example.com"]
    assert str(smtp_server.received[-1]["Subject"]) == given.subject
    assert Message.objects.get(pk=given.pk).state == MessageState.SENT


def test_moderator_message_and_entrant_reply_with_mail_server_down_delivered_once_when_back(
    photo, moderator, server_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        entry = submit(photo)
        services.move_entry(
            entry,
            EntryState.CHANGES_REQUESTED,
            actor=Actor.MODERATOR,
            by=moderator,
            message="Please crop the faces out.",
        )
        services.reply_to_organisers(entry, body="Which faces?")

    assert EntryMessage.objects.get().body == "Which faces?"
    waiting = Message.objects.order_by("pk")
    assert [(m.kind, m.to, m.state) for m in waiting] == [
        ("competitions.receipt", ["ana@example.com"], MessageState.QUEUED),
        ("competitions.state_changed", ["ana@example.com"], MessageState.QUEUED),
        ("competitions.entrant_reply", ["moderator@example.com"], MessageState.QUEUED),
    ]
    assert "Please crop the faces out." in waiting[1].body

    server_down.up()
    assert send_due(now=timezone.now() + timedelta(minutes=2)) == {"sent": 3}
    assert send_due(now=timezone.now() + timedelta(hours=2)) == {}
    assert server_down.recipients() == [
        "ana@example.com",
        "ana@example.com",
        "moderator@example.com",
    ]
    notice = server_down.received[2].get_content()
    assert reverse("competitions_admin:detail", args=[entry.pk]) in notice
    assert "Which faces?" not in notice
