"""How long the outbox keeps e-mails (mail/retention.py), run by its periodic round: sent ones
30 days after they went out, failed ones 90 days after they failed, waiting ones until sent."""

from datetime import timedelta

import pytest
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone

from mail import delivery, outbox
from mail.enums import MessageState
from mail.models import EMAIL_FIELDS, Message

pytestmark = pytest.mark.django_db


def test_failed_and_sent_messages_are_deleted_after_their_keep_periods(smtp_settings, smtp_server):
    smtp_server.refuse_rcpt.add("gone@example.org")
    with transaction.atomic():
        failed = outbox.enqueue(to="gone@example.org", subject="S", body="B")
        sent = outbox.enqueue(to="ana@example.org", subject="S", body="B")
    assert delivery.deliver(failed.pk) == delivery.FAILED
    assert delivery.deliver(sent.pk) == delivery.SENT
    smtp_server.down()  # the rounds below send nothing: only the purge acts
    with transaction.atomic():
        waiting = outbox.enqueue(to="ana@example.org", subject="Later", body="B")
    Message.objects.filter(pk=waiting.pk).update(
        created_at=timezone.now() - timedelta(days=200),
        next_attempt_at=timezone.now() + timedelta(days=365),
    )
    now = timezone.now()

    delivery.send_due(now=now + timedelta(days=29))
    assert set(Message.objects.values_list("pk", "state")) == {
        (failed.pk, MessageState.FAILED),
        (sent.pk, MessageState.SENT),
        (waiting.pk, MessageState.QUEUED),
    }
    delivery.send_due(now=now + timedelta(days=31))
    assert set(Message.objects.values_list("pk", flat=True)) == {failed.pk, waiting.pk}
    delivery.send_due(now=now + timedelta(days=89))
    assert set(Message.objects.values_list("pk", flat=True)) == {failed.pk, waiting.pk}
    delivery.send_due(now=now + timedelta(days=91))
    assert list(Message.objects.values_list("pk", flat=True)) == [waiting.pk]


def test_an_email_message_goes_through_the_outbox_row_unchanged(settings):
    """`enqueue_email` and `Message.as_email` map the same fields, in the two directions."""
    settings.MAIL_DELIVERY_BACKEND = "tests.competitions.failing_mail.Backend"
    email = EmailMultiAlternatives(
        subject="Subject",
        body="Text",
        from_email="Site <site@example.org>",
        to=["ana@example.org"],
        cc=["besa@example.org"],
        bcc=["mira@example.org"],
        reply_to=["desk@example.org"],
        headers={"List-Id": "<news.example.org>"},
    )
    email.attach_alternative("<p>HTML</p>", "text/html")
    with transaction.atomic():
        message = outbox.enqueue_email(email)

    rebuilt = Message.objects.get(pk=message.pk).as_email()

    for name in EMAIL_FIELDS:
        original = getattr(email, "extra_headers" if name == "headers" else name)
        again = getattr(rebuilt, "extra_headers" if name == "headers" else name)
        if name == "headers":
            assert again == {**original, "Message-ID": message.message_id}
        else:
            assert again == original, name
    assert rebuilt.alternatives == [("<p>HTML</p>", "text/html")]
