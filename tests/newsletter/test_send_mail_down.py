"""A bulletin sent to 1,000 subscribers while the mail server is down, against a real SMTP
server in a thread (tests/mail/smtp_server.py): the send pauses instead of failing anyone,
probes the server with growing waits, and once it answers resumes by itself and delivers to
every subscriber exactly once. A server that accepts the connection and then says nothing
counts as unreachable after EMAIL_TIMEOUT. Failed deliveries can be sent again from the send
page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from newsletter import sending, services
from newsletter.enums import DeliveryState, Language, SendState
from newsletter.models import BulletinSend, Delivery, Subscriber
from tests.factories.newsletter import SubscriberFactory


class PlainRenderer:
    def __call__(self, page, mode, *, base_url, context):
        return f"Bulletin {mode}", f"<p>{mode} {context['unsubscribe_url']}</p>", f"{mode}"


@pytest.fixture
def renderer(monkeypatch):
    monkeypatch.setattr(sending, "get_renderer", PlainRenderer)


@pytest.fixture
def thousand(db):
    languages = [Language.SQ, Language.EN, Language.BOTH]
    Subscriber.objects.bulk_create(
        [
            SubscriberFactory.build(email=f"r{n:04}@example.org", language=languages[n % 3])
            for n in range(1000)
        ]
    )
    return sorted(Subscriber.objects.values_list("email", flat=True))


@pytest.fixture
def sending_settings(smtp_settings, fast_sending):
    fast_sending.NEWSLETTER_BATCH_SIZE = 100
    return fast_sending


def test_bulletin_to_1000_with_mail_server_down_pauses_then_delivers_each_once(
    bulletin,
    publisher,
    renderer,
    thousand,
    sending_settings,
    smtp_server,
):
    smtp_server.down()
    send = services.start_send(bulletin, by=publisher)  # the job is run by hand below

    assert sending.run_send(send.pk) == "paused"
    send.refresh_from_db()
    assert send.state == SendState.SENDING
    assert send.pause_probes == 1
    assert send.pause_reason.startswith("ConnectionRefusedError")
    first_wait = send.paused_until - timezone.now()
    assert timedelta(seconds=25) < first_wait <= timedelta(seconds=30)
    assert sending.counts(send) == sending.SendCounts(queued=1000)
    assert set(Delivery.objects.values_list("attempts", flat=True)) == {0}
    assert not sending.is_stalled(send)  # paused, waiting for its probe: no "Resume" button

    # The probe meets the server still down: a longer wait, still nobody failed.
    assert sending.run_send(send.pk) == "paused"
    send.refresh_from_db()
    assert send.pause_probes == 2
    assert send.paused_until - timezone.now() > timedelta(seconds=55)
    assert sending.counts(send) == sending.SendCounts(queued=1000)

    smtp_server.up()
    assert sending.run_send(send.pk) == "finished"
    send.refresh_from_db()
    assert (send.state, send.paused_until, send.pause_probes) == (SendState.FINISHED, None, 0)
    assert sending.counts(send) == sending.SendCounts(sent=1000)
    recipients = smtp_server.recipients()
    assert len(recipients) == 1000
    assert sorted(recipients) == thousand  # everyone, once
    assert sending.run_send(send.pk) == "busy"  # finished: no job takes it again
    assert len(smtp_server.recipients()) == 1000


def test_server_that_goes_down_in_the_middle_of_a_send_pauses_it(
    bulletin,
    publisher,
    renderer,
    sending_settings,
    smtp_server,
):
    for n in range(30):
        SubscriberFactory(email=f"r{n:02}@example.org")
    send = services.start_send(bulletin, by=publisher)
    job = sending.Job(send.pk)
    real_deliver = job.deliver

    def deliver(rendered, row):
        if len(smtp_server.received) == 12:
            smtp_server.down()
            job.reconnect()
        return real_deliver(rendered, row)

    job.deliver = deliver
    assert job.run() == "paused"
    assert sending.counts(send) == sending.SendCounts(queued=18, sent=12)
    assert Delivery.objects.filter(state=DeliveryState.QUEUED).exclude(attempts=0).count() == 0

    smtp_server.up()
    assert sending.run_send(send.pk) == "finished"
    assert sorted(smtp_server.recipients()) == [f"r{n:02}@example.org" for n in range(30)]


def test_silent_server_times_out_and_the_send_pauses(
    bulletin,
    publisher,
    renderer,
    sending_settings,
    smtp_server,
):
    SubscriberFactory(email="reader@example.org")
    smtp_server.mode = "silent"
    send = services.start_send(bulletin, by=publisher)

    assert sending.run_send(send.pk) == "paused"
    send.refresh_from_db()
    assert "timed out" in send.pause_reason
    assert sending.counts(send) == sending.SendCounts(queued=1)

    smtp_server.mode = "accept"
    assert sending.run_send(send.pk) == "finished"
    assert smtp_server.recipients() == ["reader@example.org"]


def test_failed_deliveries_sent_again_from_the_send_page(
    client,
    bulletin,
    publisher,
    renderer,
    sending_settings,
    smtp_server,
):
    for email in ("ok@example.org", "nobody@example.org", "gone@example.org"):
        SubscriberFactory(email=email)
    smtp_server.refuse_rcpt = {"nobody@example.org", "gone@example.org"}
    send = services.start_send(bulletin, by=publisher)
    assert sending.run_send(send.pk) == "finished"
    assert sending.counts(send) == sending.SendCounts(sent=1, failed=2)
    services.unsubscribe(Subscriber.objects.get(email="gone@example.org"))
    smtp_server.refuse_rcpt = set()
    client.force_login(publisher)
    page_url = f"/admin/newsletter/send/{bulletin.pk}/"
    assert "Dërgoni sërish të dështuarat" in client.get(page_url).content.decode()

    response = client.post(page_url, {"action": "retry_failed"})

    assert response.status_code == 302
    send = BulletinSend.objects.get()
    assert send.state == SendState.SENDING
    assert sending.counts(send) == sending.SendCounts(sent=1, queued=1, failed=1)
    assert sending.run_send(send.pk) == "finished"
    # The unsubscribed reader stays failed; the one who received it is not written to again.
    assert sorted(smtp_server.recipients()) == ["nobody@example.org", "ok@example.org"]
    assert "Dërgoni sërish të dështuarat" not in client.get(page_url).content.decode()


def test_retry_failed_refused_when_nothing_failed(bulletin, publisher, renderer, fast_sending):
    SubscriberFactory(email="ok@example.org")
    send = services.start_send(bulletin, by=publisher)
    sending.run_send(send.pk)
    with pytest.raises(services.SendRefused):
        services.retry_failed_deliveries(send, by=publisher)
