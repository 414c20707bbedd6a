"""The outbox against a real SMTP server (tests/mail/smtp_server.py): sent after commit, kept
while the server refuses connections or stays silent, sent once it is back; a refused address
fails at once and may be sent again."""

import smtplib
from datetime import timedelta

import pytest
from django.core import mail as django_mail
from django.core.mail import EmailMultiAlternatives, send_mail
from django.db import transaction
from django.utils import timezone, translation

from mail import delivery, outbox
from mail.enums import FailureKind, MessageState
from mail.errors import classify, is_unreachable
from mail.models import Message
from mail.tasks import PERIODIC_TASKS, send_due_messages
from website.tasks import all_periodic_tasks

pytestmark = pytest.mark.django_db


def queue(django_capture_on_commit_callbacks, **kwargs):
    values = {"to": "ana@example.org", "subject": "Hello", "body": "Body", **kwargs}
    with django_capture_on_commit_callbacks(execute=True):
        return outbox.enqueue(**values)


def test_enqueue_sends_after_commit(smtp_settings, smtp_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        message = outbox.enqueue(
            to="ana@example.org", subject="Pjesëmarrja  juaj\n ka mbërritur", body="Tekst", kind="t"
        )
    assert smtp_server.received == []  # nothing leaves before the commit
    assert len(callbacks) == 1
    callbacks[0]()
    message.refresh_from_db()
    assert (message.state, message.attempts, message.last_error) == (MessageState.SENT, 1, "")
    assert message.sent_at is not None
    assert smtp_server.recipients() == ["ana@example.org"]
    assert smtp_server.subjects() == ["Pjesëmarrja juaj ka mbërritur"]
    assert smtp_server.received[0].get_content().strip() == "Tekst"


def test_enqueue_rolled_back_sends_nothing(smtp_settings, smtp_server):
    with pytest.raises(RuntimeError), transaction.atomic():
        outbox.enqueue(to="ana@example.org", subject="Hello", body="Body")
        raise RuntimeError
    assert Message.objects.count() == 0
    assert smtp_server.received == []


def test_server_refusing_connections_keeps_message_and_sends_when_back(
    smtp_settings, smtp_server, django_capture_on_commit_callbacks
):
    smtp_server.down()
    message = queue(django_capture_on_commit_callbacks)
    message.refresh_from_db()
    assert message.state == MessageState.QUEUED
    assert message.attempts == 1
    assert message.last_error.startswith("ConnectionRefusedError")
    assert message.next_attempt_at - timezone.now() > timedelta(seconds=55)

    # Not due yet: the round leaves it alone; a round after the wait is still refused.
    assert delivery.send_due() == {}
    later = timezone.now() + timedelta(minutes=2)
    assert delivery.send_due(now=later) == {delivery.UNREACHABLE: 1}
    message.refresh_from_db()
    assert (message.state, message.attempts) == (MessageState.QUEUED, 2)

    smtp_server.up()
    assert delivery.send_due(now=timezone.now() + timedelta(minutes=10)) == {delivery.SENT: 1}
    message.refresh_from_db()
    assert (message.state, message.attempts) == (MessageState.SENT, 3)
    assert smtp_server.recipients() == ["ana@example.org"]


def test_silent_server_times_out_and_is_retried(
    smtp_settings, smtp_server, django_capture_on_commit_callbacks
):
    smtp_server.mode = "silent"
    message = queue(django_capture_on_commit_callbacks)
    message.refresh_from_db()
    assert message.state == MessageState.QUEUED
    assert message.attempts == 1
    assert message.last_error.startswith(("TimeoutError", "SMTPServerDisconnected"))
    assert "timed out" in message.last_error
    smtp_server.mode = "accept"
    assert delivery.send_due(now=timezone.now() + timedelta(minutes=2)) == {delivery.SENT: 1}
    message.refresh_from_db()
    assert message.state == MessageState.SENT
    assert smtp_server.recipients() == ["ana@example.org"]


def test_round_stops_at_the_first_unreachable_attempt(
    smtp_settings, smtp_server, django_capture_on_commit_callbacks
):
    smtp_server.down()
    with django_capture_on_commit_callbacks(execute=False):
        messages = [outbox.enqueue(to=f"r{n}@example.org", subject="S", body="B") for n in range(5)]
    assert delivery.send_due() == {delivery.UNREACHABLE: 1}
    attempts = sorted(Message.objects.values_list("attempts", flat=True))
    assert attempts == [0, 0, 0, 0, 1]
    smtp_server.up()
    # The server answers again: the due ones go, and so does the one still in its wait.
    assert delivery.send_due() == {delivery.SENT: 5}
    assert sorted(smtp_server.recipients()) == [m.to[0] for m in messages]
    assert set(Message.objects.values_list("state", flat=True)) == {MessageState.SENT}


def test_refused_address_fails_at_once(
    smtp_settings, smtp_server, django_capture_on_commit_callbacks
):
    smtp_server.refuse_rcpt = {"nobody@example.org"}
    message = queue(django_capture_on_commit_callbacks, to="nobody@example.org")
    message.refresh_from_db()
    assert (message.state, message.failure, message.attempts) == (
        MessageState.FAILED,
        FailureKind.REFUSED,
        1,
    )
    assert "550" in message.last_error
    assert message.failed_at is not None
    assert delivery.send_due(now=timezone.now() + timedelta(days=1)) == {}


def test_send_again_after_a_refusal(smtp_settings, smtp_server, django_capture_on_commit_callbacks):
    smtp_server.refuse_rcpt = {"nobody@example.org"}
    message = queue(django_capture_on_commit_callbacks, to="nobody@example.org")
    smtp_server.refuse_rcpt = set()
    with django_capture_on_commit_callbacks(execute=True):
        assert outbox.send_again(message) is True
    message.refresh_from_db()
    assert (message.state, message.failure, message.attempts) == (MessageState.SENT, "", 1)
    assert smtp_server.recipients() == ["nobody@example.org"]
    assert outbox.send_again(message) is False  # sent: nothing to do


def test_too_many_attempts_fail(
    settings, smtp_settings, smtp_server, django_capture_on_commit_callbacks
):
    settings.MAIL_MAX_ATTEMPTS = 2
    smtp_server.down()
    message = queue(django_capture_on_commit_callbacks)
    assert delivery.send_due(now=timezone.now() + timedelta(minutes=5)) == {delivery.FAILED: 1}
    message.refresh_from_db()
    assert (message.state, message.failure, message.attempts) == (
        MessageState.FAILED,
        FailureKind.GAVE_UP,
        2,
    )


def test_retry_waits_grow_to_an_hour():
    assert [delivery.retry_delay(n).total_seconds() for n in (1, 2, 3, 6, 7, 12)] == [
        60,
        120,
        240,
        1920,
        3600,
        3600,
    ]


def test_a_second_worker_does_not_send_a_held_message(smtp_settings, smtp_server):
    with transaction.atomic():
        message = outbox.enqueue(to="ana@example.org", subject="S", body="B")
    Message.objects.filter(pk=message.pk).update(lease_until=timezone.now() + timedelta(minutes=1))
    assert delivery.deliver(message.pk) == delivery.SKIPPED
    # A killed worker's lease runs out: the message goes.
    Message.objects.filter(pk=message.pk).update(lease_until=timezone.now() - timedelta(seconds=1))
    assert delivery.deliver(message.pk) == delivery.SENT
    assert delivery.deliver(message.pk) == delivery.SKIPPED
    assert smtp_server.recipients() == ["ana@example.org"]


def test_django_send_mail_goes_through_the_outbox(
    smtp_settings, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), translation.override("en"):
        email = EmailMultiAlternatives("Reset", "Text", "site@example.org", ["ana@example.org"])
        email.attach_alternative("<p>HTML</p>", "text/html")
        assert email.send() == 1
        assert send_mail("Two", "Text", None, ["besa@example.org"]) == 1
    first, second = Message.objects.order_by("pk")
    assert (first.kind, first.html, first.from_email, first.state) == (
        "django",
        "<p>HTML</p>",
        "site@example.org",
        MessageState.SENT,
    )
    assert second.to == ["besa@example.org"]
    assert smtp_server.recipients() == ["ana@example.org", "besa@example.org"]
    html = smtp_server.received[0].get_body(preferencelist=("html",)).get_content()
    assert html.strip() == "<p>HTML</p>"
    assert django_mail.outbox == []  # the SMTP server got them, not locmem


def test_discard_deletes_the_messages_about_a_topic(settings):
    settings.MAIL_DELIVERY_BACKEND = "tests.competitions.failing_mail.Backend"
    with transaction.atomic():
        kept = outbox.enqueue(to="a@example.org", subject="S", body="B", topic="x:2")
        outbox.enqueue(to="a@example.org", subject="S", body="B", topic="x:1")
    assert outbox.discard("x:1") == 1
    assert list(Message.objects.all()) == [kept]


def test_sent_messages_are_deleted_after_the_keep_period(smtp_settings, smtp_server):
    with transaction.atomic():
        message = outbox.enqueue(to="a@example.org", subject="S", body="B")
    assert delivery.deliver(message.pk) == delivery.SENT
    delivery.send_due(now=timezone.now() + timedelta(days=29))
    assert Message.objects.filter(pk=message.pk).exists()
    delivery.send_due(now=timezone.now() + timedelta(days=31))
    assert not Message.objects.filter(pk=message.pk).exists()


def test_send_due_is_a_periodic_task():
    assert (send_due_messages,) == PERIODIC_TASKS
    assert send_due_messages in all_periodic_tasks()


def test_send_due_task_runs_a_round(smtp_settings, smtp_server):
    with transaction.atomic():
        outbox.enqueue(to="a@example.org", subject="S", body="B")
    result = send_due_messages.enqueue()
    assert result.return_value == {delivery.SENT: 1}


@pytest.mark.parametrize(
    ("error", "unreachable", "permanent"),
    [
        (ConnectionRefusedError(111, "Connection refused"), True, False),
        (TimeoutError("timed out"), True, False),
        (smtplib.SMTPServerDisconnected("Connection unexpectedly closed"), True, False),
        (smtplib.SMTPConnectError(421, b"busy"), True, False),
        (smtplib.SMTPConnectError(554, b"no service"), False, True),
        (smtplib.SMTPResponseException(421, b"try later"), False, False),
        (smtplib.SMTPAuthenticationError(535, b"bad password"), False, True),
        (smtplib.SMTPRecipientsRefused({"a@example.org": (550, b"no")}), False, True),
    ],
)
def test_errors_are_told_apart(error, unreachable, permanent):
    assert (is_unreachable(error), classify(error)[0]) == (unreachable, permanent)
