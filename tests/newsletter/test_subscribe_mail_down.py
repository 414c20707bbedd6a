"""Subscribing while the mail server refuses connections (a real SMTP server in a thread,
tests/mail/smtp_server.py): the reader gets the usual answer, nothing is lost, the confirmation
goes out once the server is back, and asking again is not blocked by the resend throttle."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from mail.delivery import send_due
from mail.enums import MessageState
from mail.models import Message
from newsletter.enums import SubscriberState
from newsletter.models import Subscriber

FORM = {
    "email": "reader@example.org",
    "language": "en",
    "consent": "on",
    "source": "footer",
    "website": "",
}


def link_in(message):
    return re.search(r"http://testserver(/en/newsletter/confirm/\S+/)", message.get_content())[1]


@pytest.fixture
def server_down(smtp_settings, smtp_server):
    smtp_server.down()
    return smtp_server


def test_subscribe_with_mail_server_down_same_answer_and_sent_when_back(
    client, home, server_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/subscribe/", FORM)

    assert response.status_code == 303
    assert response["Location"] == "/en/subscribe/thanks/"
    subscriber = Subscriber.objects.get()
    assert subscriber.state == SubscriberState.PENDING
    [queued] = Message.objects.all()
    assert (queued.state, queued.attempts, queued.kind, queued.language) == (
        MessageState.QUEUED,
        1,
        "newsletter.confirm",
        "en",
    )
    assert queued.last_error.startswith("ConnectionRefusedError")

    server_down.up()
    assert send_due(now=timezone.now() + timedelta(minutes=2)) == {"sent": 1}
    [delivered] = server_down.received
    assert delivered["To"] == "reader@example.org"
    assert str(delivered["Subject"]) == "Confirm your subscription to the e-bulletin"
    client.post(link_in(delivered))
    subscriber.refresh_from_db()
    assert subscriber.state == SubscriberState.CONFIRMED


def test_asking_again_for_a_confirmation_that_never_went_out_is_not_throttled(
    client, home, server_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/subscribe/", FORM)
    server_down.up()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/subscribe/", {**FORM, "language": "sq"})

    assert response.status_code == 303
    # The one that never went out is replaced (never two waiting), and the new one is sent.
    [message] = Message.objects.all()
    assert (message.state, message.language) == (MessageState.SENT, "sq")
    assert [str(m["Subject"]) for m in server_down.received] == [
        "Konfirmoni abonimin në buletinin elektronik"
    ]
    assert send_due(now=timezone.now() + timedelta(hours=1)) == {}
    assert len(server_down.received) == 1


def test_asking_again_after_a_sent_confirmation_is_still_throttled(
    client,
    home,
    smtp_settings,
    smtp_server,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/subscribe/", FORM)
        client.post("/en/subscribe/", FORM)
    assert len(smtp_server.received) == 1
    assert Message.objects.get().state == MessageState.SENT
