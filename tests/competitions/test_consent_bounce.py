"""A consent e-mail that the mail server accepted and the guardian's mailbox bounced later: the
provider's webhook (Mailgun's, signed, through anymail) marks it FAILED and the entrant is told
on their private page and by e-mail, as when the server refuses it at once (test_consent.py)."""

import pytest
from django.urls import reverse

from competitions import services, tokens
from competitions.enums import EntryState
from mail.enums import FailureKind, MessageState
from mail.models import Message
from tests.competitions.conftest import minor_birthday, submit
from tests.mail import mailgun


@pytest.fixture
def minor_entry(photo, smtp_settings, smtp_server, django_capture_on_commit_callbacks):
    """A 16-year-old's entry whose consent request the (real) SMTP server has accepted."""
    with django_capture_on_commit_callbacks(execute=True):
        return submit(
            photo,
            email="arta@example.com",
            date_of_birth=minor_birthday(),
            guardian_name="Besa Hoxha",
            guardian_email="besa@example.com",
        )


def test_consent_email_bounced_after_acceptance_shown_and_mailed_to_entrant(
    client, minor_entry, smtp_server, django_capture_on_commit_callbacks
):
    entry = minor_entry
    request = Message.objects.get(kind="competitions.consent_request")
    assert request.state == MessageState.SENT
    [sent] = [m for m in smtp_server.received if m["To"] == "besa@example.com"]
    assert sent["Message-ID"] == request.message_id
    page_url = reverse("competitions:entry", args=[tokens.entrant_token(entry)])
    assert "did not get our e-mail" not in client.get(page_url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = mailgun.post(client, message_id=sent["Message-ID"], recipient="besa@example.com")

    assert response.status_code == 200
    request.refresh_from_db()
    assert (request.state, request.failure) == (MessageState.FAILED, FailureKind.BOUNCED)
    assert request.last_error == (
        "Mailgun: 5.1.1 The email account that you tried to reach does not exist"
    )
    entry.refresh_from_db()
    assert entry.state == EntryState.AWAITING_CONSENT
    assert entry.consent_undelivered_at is not None
    page = client.get(page_url).content.decode()
    assert "Your parent or guardian did not get our e-mail" in page
    told = [m for m in smtp_server.received if str(m["Subject"]).endswith("did not arrive")]
    assert [m["To"] for m in told] == ["arta@example.com"]
    assert "besa@example.com" in told[0].get_content()


@pytest.fixture
def bounced(client, minor_entry, django_capture_on_commit_callbacks):
    entry = minor_entry
    request = Message.objects.get(kind="competitions.consent_request")
    with django_capture_on_commit_callbacks(execute=True):
        mailgun.post(client, message_id=request.message_id, recipient="besa@example.com")
    return entry, request


def test_a_repeated_bounce_tells_the_entrant_once(
    client, bounced, smtp_server, django_capture_on_commit_callbacks
):
    entry, request = bounced
    request.refresh_from_db()
    entry.refresh_from_db()
    received = len(smtp_server.received)
    rows = sorted(Message.objects.values_list("pk", "state"))

    with django_capture_on_commit_callbacks(execute=True):
        response = mailgun.post(client, message_id=request.message_id, recipient="besa@example.com")

    assert response.status_code == 200
    assert len(smtp_server.received) == received
    assert sorted(Message.objects.values_list("pk", "state")) == rows
    assert Message.objects.get(pk=request.pk).failed_at == request.failed_at
    assert Message.objects.filter(kind="competitions.consent_undelivered").count() == 1
    assert (
        type(entry).objects.get(pk=entry.pk).consent_undelivered_at == entry.consent_undelivered_at
    )


def test_a_late_bounce_of_an_address_since_replaced_changes_nothing(
    client, minor_entry, smtp_server, django_capture_on_commit_callbacks
):
    entry = minor_entry
    old_request = Message.objects.get(kind="competitions.consent_request")
    # The entrant gives another address (they may, once a day) before the old one bounces.
    with django_capture_on_commit_callbacks(execute=True):
        services.change_guardian_email(entry, email="mira@example.com")
    received = len(smtp_server.received)

    with django_capture_on_commit_callbacks(execute=True):
        response = mailgun.post(
            client, message_id=old_request.message_id, recipient="besa@example.com"
        )

    assert response.status_code == 200
    old_request.refresh_from_db()
    assert (old_request.state, old_request.failure) == (MessageState.FAILED, FailureKind.BOUNCED)
    entry.refresh_from_db()
    assert entry.consent_undelivered_at is None
    assert len(smtp_server.received) == received
    assert not Message.objects.filter(kind="competitions.consent_undelivered").exists()
