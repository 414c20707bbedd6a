"""The jury's e-mails while the mail server refuses connections (a real SMTP server in a
thread, tests/mail/smtp_server.py): every juror's e-mail waits in the outbox (a failure for one
no longer drops the others) and each goes out once when the server is back."""

from datetime import timedelta

import pytest
from django.utils import timezone

from jury import services
from mail.delivery import send_due
from mail.enums import MessageState
from mail.models import Message
from tests.jury.conftest import make_round


@pytest.fixture
def server_down(smtp_settings, smtp_server):
    smtp_server.down()
    return smtp_server


def test_round_opened_with_mail_server_down_every_juror_mailed_when_back(
    jury, entries, moderator, server_down, django_capture_on_commit_callbacks
):
    round = make_round(jury)
    with django_capture_on_commit_callbacks(execute=True):
        services.open_round(round, by=moderator)

    queued = Message.objects.filter(kind="jury.round_opened")
    assert sorted(queued.values_list("to", "state")) == [
        (["juror1@example.org"], MessageState.QUEUED),
        (["juror2@example.org"], MessageState.QUEUED),
        (["juror3@example.org"], MessageState.QUEUED),
    ]
    # The first round of retries meets the server still down: one probe, nobody dropped.
    assert send_due(now=timezone.now() + timedelta(minutes=2)) == {"unreachable": 1}

    server_down.up()
    assert send_due(now=timezone.now() + timedelta(minutes=10)) == {"sent": 3}
    assert sorted(server_down.recipients()) == [
        "juror1@example.org",
        "juror2@example.org",
        "juror3@example.org",
    ]
    assert set(queued.values_list("state", flat=True)) == {MessageState.SENT}
