"""An entry and a consent request while the mail server refuses connections (a real SMTP
server in a thread, tests/mail/smtp_server.py): the entry is saved, its e-mails wait in the
outbox and go out, once each, when the server is back."""

from datetime import timedelta

import pytest
from django.utils import timezone

from competitions import services
from competitions.enums import EntryState
from competitions.models import Entry
from mail.delivery import send_due
from mail.enums import MessageState
from mail.models import Message
from tests.competitions.conftest import minor_birthday, submit
from tests.mail.smtp_server import smtp_server, smtp_settings  # noqa: F401 - fixtures


@pytest.fixture
def server_down(smtp_settings, smtp_server):  # noqa: F811
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
