"""Django's and Wagtail's own e-mails (password reset, workflow notices) go through the outbox:
`EMAIL_BACKEND = mail.backends.OutboxBackend`, the worker sends with MAIL_DELIVERY_BACKEND."""

from datetime import timedelta

import pytest
from django.utils import timezone

from mail.delivery import send_due
from mail.enums import MessageState
from mail.models import Message
from tests.factories import member_of

pytestmark = pytest.mark.django_db


def test_password_reset_with_mail_server_down_waits_in_the_outbox(
    client, smtp_settings, smtp_server, django_capture_on_commit_callbacks
):
    member_of("Editors", username="ed", email="ed@example.org", preferred_language="en")
    smtp_server.down()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/admin/password_reset/", {"email": "ed@example.org"})

    assert response.status_code == 302
    [message] = Message.objects.all()
    assert (message.kind, message.to, message.state, message.attempts) == (
        "django",
        ["ed@example.org"],
        MessageState.QUEUED,
        1,
    )
    assert "/admin/password_reset/confirm/" in message.body

    smtp_server.up()
    assert send_due(now=timezone.now() + timedelta(minutes=2)) == {"sent": 1}
    assert smtp_server.recipients() == ["ed@example.org"]
