"""Bounces reported after the mail server accepted an e-mail (mail/bounces.py): the provider's
webhook (Mailgun's, signed, through django-anymail) and delivery status notifications read from
a mailbox by `manage.py process_bounces` mark the e-mail FAILED and fire `mail_message_failed`,
once; anything else changes nothing."""

import mailbox
from email.message import EmailMessage

import pytest
from django.core import mail as django_mail
from django.core.management import CommandError, call_command
from django.db import transaction
from wagtail import hooks

from mail import delivery, outbox
from mail.delivery import MESSAGE_FAILED
from mail.enums import FailureKind, MessageState
from mail.models import Message
from tests.mail import mailgun

pytestmark = pytest.mark.django_db


@pytest.fixture
def failed_hook():
    """The messages announced FAILED through the hook, as the apps above receive them."""
    announced = []
    with hooks.register_temporarily(MESSAGE_FAILED, lambda message: announced.append(message.pk)):
        yield announced


def sent(smtp_server, to="besa@example.org"):
    with transaction.atomic():
        message = outbox.enqueue(to=to, subject="Consent", body="Please answer", kind="t")
    assert delivery.deliver(message.pk) == delivery.SENT
    message.refresh_from_db()
    return message


def snapshot():
    return sorted(Message.objects.values_list("pk", "state", "failure", "last_error", "failed_at"))


def test_the_message_id_sent_is_the_one_stored(smtp_settings, smtp_server):
    message = sent(smtp_server)

    [received] = smtp_server.received
    assert received["Message-ID"] == message.message_id
    assert message.message_id.startswith("<") and message.message_id.endswith("@localhost>")
    assert message.provider_message_id == ""


def test_webhook_bounce_marks_the_message_failed_once(
    client, smtp_settings, smtp_server, failed_hook
):
    message = sent(smtp_server)

    first = mailgun.post(client, message_id=message.message_id, recipient="Besa@Example.org")
    message.refresh_from_db()
    after_first = snapshot()
    second = mailgun.post(client, message_id=message.message_id, recipient="besa@example.org")

    assert (first.status_code, second.status_code) == (200, 200)
    assert (message.state, message.failure) == (MessageState.FAILED, FailureKind.BOUNCED)
    assert message.last_error == (
        "Mailgun: 5.1.1 The email account that you tried to reach does not exist"
    )
    assert message.failed_at is not None
    assert failed_hook == [message.pk]
    assert snapshot() == after_first


def test_webhook_bounce_for_an_unknown_message_id_changes_nothing(
    client, smtp_settings, smtp_server, failed_hook
):
    sent(smtp_server)
    before = snapshot()

    response = mailgun.post(client, message_id="<nobody@localhost>", recipient="besa@example.org")

    assert response.status_code == 200
    assert snapshot() == before
    assert failed_hook == []


@pytest.mark.parametrize(
    ("changes", "status"),
    [
        ({"severity": "temporary"}, 200),  # a delay, Mailgun tries again
        ({"event": "complained"}, 200),  # it arrived; the newsletter suppresses the address
        ({"event": "delivered"}, 200),
        ({"recipient": "other@example.org"}, 200),  # not an address it was sent to
        ({"key": "a-key-that-is-not-ours"}, 400),  # not signed by Mailgun
    ],
)
def test_webhook_events_that_are_no_bounce_of_ours_change_nothing(
    client, smtp_settings, smtp_server, failed_hook, changes, status
):
    message = sent(smtp_server)
    before = snapshot()

    arguments = {"message_id": message.message_id, "recipient": "besa@example.org", **changes}
    response = mailgun.post(client, **arguments)

    assert response.status_code == status
    assert snapshot() == before
    assert failed_hook == []


def test_provider_message_id_is_stored_and_matched(client, settings, failed_hook):
    settings.MAIL_DELIVERY_BACKEND = "anymail.backends.test.EmailBackend"
    django_mail.outbox = []
    with transaction.atomic():
        message = outbox.enqueue(to="besa@example.org", subject="Consent", body="B")
    assert delivery.deliver(message.pk) == delivery.SENT
    message.refresh_from_db()
    # anymail's test backend numbers the messages it sends from 0.
    assert message.provider_message_id == "0"

    mailgun.post(client, message_id="0", recipient="besa@example.org")

    message.refresh_from_db()
    assert (message.state, message.failure) == (MessageState.FAILED, FailureKind.BOUNCED)
    assert failed_hook == [message.pk]


# --- Delivery status notifications in a mailbox ---------------------------------------------


def dsn(message_id, recipient, *, action="failed", status="5.1.1", whole=False):
    """A bounce as Postfix writes it (RFC 3464): text, delivery status, the original (whole or
    its headers)."""
    original_type = "message/rfc822" if whole else "text/rfc822-headers"
    original_body = "\nPlease answer\n" if whole else ""
    return (
        "From: MAILER-DAEMON@mx.example.net (Mail Delivery System)\n"
        "To: no-reply@localhost\n"
        "Subject: Undelivered Mail Returned to Sender\n"
        "MIME-Version: 1.0\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="B"\n'
        "\n"
        "--B\n"
        "Content-Type: text/plain\n"
        "\n"
        "This is the mail system at host mx.example.net.\n"
        "\n"
        "--B\n"
        "Content-Type: message/delivery-status\n"
        "\n"
        "Reporting-MTA: dns; mx.example.net\n"
        "\n"
        f"Final-Recipient: rfc822; {recipient}\n"
        f"Original-Recipient: rfc822;{recipient}\n"
        f"Action: {action}\n"
        f"Status: {status}\n"
        f"Diagnostic-Code: smtp; 550 {status} <{recipient}>: Recipient address rejected\n"
        "\n"
        "--B\n"
        f"Content-Type: {original_type}\n"
        "\n"
        f"Message-ID: {message_id}\n"
        f"To: {recipient}\n"
        "Subject: Consent\n"
        f"{original_body}"
        "\n"
        "--B--\n"
    )


@pytest.fixture
def maildir(tmp_path, settings):
    path = tmp_path / "bounces"
    settings.MAIL_BOUNCE_MAILBOX = str(path)
    return mailbox.Maildir(path, create=True)


@pytest.mark.parametrize("whole", [False, True])
def test_process_bounces_marks_the_reported_message_failed(
    smtp_settings, smtp_server, maildir, failed_hook, whole, capsys
):
    message = sent(smtp_server)
    other = sent(smtp_server, to="mira@example.org")
    maildir.add(dsn(message.message_id, "besa@example.org", whole=whole))
    letter = EmailMessage()
    letter["Subject"] = "A reply, not a bounce"
    letter.set_content("Thank you")
    kept = maildir.add(letter)

    call_command("process_bounces")

    message.refresh_from_db()
    other.refresh_from_db()
    assert capsys.readouterr().out.strip() == "reports=1 failed=1"
    assert (message.state, message.failure) == (MessageState.FAILED, FailureKind.BOUNCED)
    assert message.last_error.startswith(
        "DSN: 5.1.1 550 5.1.1 <besa@example.org>: Recipient address rejected"
    )
    assert other.state == MessageState.SENT
    assert failed_hook == [message.pk]
    assert list(maildir.keys()) == [kept]  # the report is deleted, the letter stays


def test_process_bounces_repeated_unknown_and_delayed_change_nothing(
    smtp_settings, smtp_server, tmp_path, settings, failed_hook, capsys
):
    message = sent(smtp_server)
    path = tmp_path / "bounces.mbox"
    box = mailbox.mbox(path)
    box.add(dsn(message.message_id, "besa@example.org"))
    box.add(dsn(message.message_id, "besa@example.org"))
    box.add(dsn("<nobody@localhost>", "besa@example.org"))
    box.add(dsn(message.message_id, "besa@example.org", action="delayed", status="4.4.1"))
    box.flush()
    settings.MAIL_BOUNCE_MAILBOX = str(path)

    call_command("process_bounces")

    assert capsys.readouterr().out.strip() == "reports=3 failed=1"
    assert failed_hook == [message.pk]
    assert len(mailbox.mbox(path)) == 1  # the delay report stays for a person to read


def test_process_bounces_without_a_mailbox_says_so(settings):
    settings.MAIL_BOUNCE_MAILBOX = ""
    with pytest.raises(CommandError, match="Set MAIL_BOUNCE_MAILBOX"):
        call_command("process_bounces")
