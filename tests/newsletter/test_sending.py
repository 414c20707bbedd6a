"""Sending a bulletin: every confirmed subscriber once, in their language, with the headers."""

import random
import re
import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.utils import translation

from bulletins.rendering import render_bulletin_email
from newsletter import sending, services
from newsletter.enums import DeliveryState, Language, SendState
from newsletter.models import BulletinSend, Delivery
from tests.factories.newsletter import SubscriberFactory

pytestmark = pytest.mark.django_db


class CountingRenderer:
    def __init__(self):
        self.calls = []

    def __call__(self, page, mode, **kwargs):
        self.calls.append(mode)
        return render_bulletin_email(page, mode, **kwargs)


@pytest.fixture
def renderer(monkeypatch):
    counting = CountingRenderer()
    monkeypatch.setattr(sending, "get_renderer", lambda: counting)
    return counting


@pytest.fixture
def audience():
    return {
        "sq": SubscriberFactory(email="sq@example.org", language=Language.SQ),
        "en": SubscriberFactory(email="en@example.org", language=Language.EN),
        "both": SubscriberFactory(email="both@example.org", language=Language.BOTH),
        "pending": SubscriberFactory(email="p@example.org", pending=True),
        "gone": SubscriberFactory(email="u@example.org", unsubscribed=True),
        "bounced": SubscriberFactory(email="b@example.org", suppressed=True),
    }


def expected_subject(bulletin, mode):
    return render_bulletin_email(bulletin, mode, base_url="http://testserver")[0]


def start(bulletin, publisher, capture):
    with capture(execute=True):
        return services.start_send(bulletin, by=publisher)


def by_recipient(outbox):
    return {message.to[0]: message for message in outbox}


def test_send_reaches_each_confirmed_subscriber_once_in_their_language(
    bulletin, publisher, audience, renderer, fast_sending, django_capture_on_commit_callbacks
):
    send = start(bulletin, publisher, django_capture_on_commit_callbacks)

    messages = by_recipient(mail.outbox)
    assert sorted(messages) == ["both@example.org", "en@example.org", "sq@example.org"]
    assert messages["sq@example.org"].subject == expected_subject(bulletin, "sq")
    assert messages["sq@example.org"].subject.endswith(" | Nëntor–Dhjetor 2020")
    assert messages["en@example.org"].subject == "e-Bulletin | November–December 2020"
    both = messages["both@example.org"].body
    assert both.index("Titulli 3") < both.index("Headline 3")
    assert sorted(renderer.calls) == ["both", "en", "sq"]
    send.refresh_from_db()
    assert send.state == SendState.FINISHED
    assert sending.counts(send) == sending.SendCounts(sent=3)


def test_every_bulletin_email_has_one_click_unsubscribe_headers(
    bulletin, publisher, audience, renderer, fast_sending, django_capture_on_commit_callbacks
):
    start(bulletin, publisher, django_capture_on_commit_callbacks)

    assert len(mail.outbox) == 3
    for message in mail.outbox:
        subscriber = next(s for s in audience.values() if s.email == message.to[0])
        prefix = (
            "/en/newsletter/unsubscribe/"
            if subscriber.language == "en"
            else ("/sq/buletini/cregjistrohu/")
        )
        assert message.extra_headers["List-Unsubscribe"] == (
            f"<http://testserver{prefix}{subscriber.token}/>, "
            f"<mailto:unsubscribe@localhost?subject=unsubscribe%20{subscriber.token}>"
        )
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        html = message.alternatives[0].content
        assert f"{prefix}{subscriber.token}/" in html
        assert sending.TOKEN_PLACEHOLDER not in html
        assert sending.TOKEN_PLACEHOLDER not in message.body
        raw = message.message().as_string()
        assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in raw


def test_html_has_no_external_resource_but_site_images(
    bulletin, publisher, audience, renderer, fast_sending, django_capture_on_commit_callbacks
):
    start(bulletin, publisher, django_capture_on_commit_callbacks)

    assert len(mail.outbox) == 3
    for message in mail.outbox:
        html = message.alternatives[0].content
        assert "<link" not in html
        assert "<script" not in html
        assert "@import" not in html
        assert "<style" not in html  # inlined
        assert 'style="' in html
        for url in re.findall(r'\bsrc="([^"]+)"', html) + re.findall(r"url\(([^)]+)\)", html):
            assert url.startswith("http://testserver/"), url


def test_plain_text_has_every_item(
    bulletin, publisher, audience, renderer, fast_sending, django_capture_on_commit_callbacks
):
    start(bulletin, publisher, django_capture_on_commit_callbacks)

    messages = by_recipient(mail.outbox)
    for n in (3, 11, 17):
        assert f"Titulli {n}" in messages["sq@example.org"].body
        assert f"Headline {n}" in messages["en@example.org"].body
        assert f"Summary {n}" in messages["en@example.org"].body
        assert f"Titulli {n}" in messages["both@example.org"].body
        assert f"Headline {n}" in messages["both@example.org"].body
    assert "116 006" in messages["en@example.org"].body
    assert "/en/newsletter/preferences/" in messages["en@example.org"].body


def test_a_bulletin_cannot_be_sent_twice(
    bulletin, publisher, audience, renderer, fast_sending, django_capture_on_commit_callbacks
):
    start(bulletin, publisher, django_capture_on_commit_callbacks)

    with translation.override("en"), pytest.raises(services.SendRefused) as refused:
        start(bulletin, publisher, django_capture_on_commit_callbacks)

    assert str(refused.value) == "This bulletin has already been sent."
    assert BulletinSend.objects.count() == 1
    assert len(mail.outbox) == 3


def test_a_draft_bulletin_cannot_be_sent(bulletin, publisher, audience):
    bulletin.unpublish()

    with translation.override("en"), pytest.raises(services.SendRefused) as refused:
        services.start_send(bulletin, by=publisher)

    assert str(refused.value) == (
        "Publish the bulletin first: the e-mail links to its page on the site."
    )
    assert BulletinSend.objects.count() == 0


def test_every_link_of_the_email_is_on_the_public_address(bulletin, settings, renderer):
    settings.WAGTAILADMIN_BASE_URL = "https://bulletin.example.org"  # SITE_URL; the Wagtail
    # Site of the tests is http://testserver.

    rendered = sending.render_mode(bulletin, "en", token="t0ken")

    links = re.findall(r'href="([^"]+)"', rendered["html"])
    assert "https://bulletin.example.org/en/bulletin/november-december-2020-6/" in links
    assert "https://bulletin.example.org/en/newsletter/unsubscribe/t0ken/" in links
    assert "https://bulletin.example.org/en/newsletter/preferences/t0ken/" in links
    assert [link for link in links if "testserver" in link] == []


class Crash(Exception):
    """A worker killed in the middle of a send."""


class CrashingBackend(EmailBackend):
    def __init__(self, *, after, **kwargs):
        super().__init__(**kwargs)
        self.after = after

    def send_messages(self, messages):
        if len(mail.outbox) >= self.after:
            raise Crash
        return super().send_messages(messages)


@pytest.mark.parametrize("seed", range(6))
def test_crash_and_resume_sends_to_everyone_exactly_once(
    bulletin, publisher, renderer, fast_sending, seed
):
    for n in range(40):
        SubscriberFactory(email=f"r{n}@example.org", language=["sq", "en", "both"][n % 3])
    send = services.start_send(bulletin, by=publisher)  # on_commit not run: no job yet
    crash_after = random.Random(seed).randrange(0, 40)

    with pytest.raises(Crash):
        sending.run_send(send.pk, connection=CrashingBackend(after=crash_after))
    assert len(mail.outbox) == crash_after
    assert sending.run_send(send.pk) == "finished"

    recipients = [message.to[0] for message in mail.outbox]
    assert len(recipients) == 40
    assert len(set(recipients)) == 40
    assert sending.counts(send) == sending.SendCounts(sent=40)
    assert sorted(renderer.calls) == ["both", "en", "sq"]  # not again on resume


def test_a_second_job_does_nothing_while_the_first_holds_the_send(
    bulletin, publisher, audience, renderer, fast_sending
):
    send = services.start_send(bulletin, by=publisher)
    first = sending.Job(send.pk)
    assert first.acquire()

    assert sending.run_send(send.pk) == "busy"
    assert mail.outbox == []


class FlakyBackend(EmailBackend):
    """Refuses "refused@…" for good; times out once on "slow@…"; always on "down@…"."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.timeouts = 0

    def send_messages(self, messages):
        to = messages[0].to[0]
        if to.startswith("refused@"):
            raise smtplib.SMTPRecipientsRefused({to: (550, b"5.1.1 No such user")})
        if to.startswith("slow@") and self.timeouts == 0:
            self.timeouts += 1
            raise TimeoutError("timed out")
        if to.startswith("down@"):
            raise smtplib.SMTPResponseException(421, b"4.3.2 Try again later")
        return super().send_messages(messages)


def test_refusals_fail_4xx_are_retried_a_timeout_pauses_and_the_job_finishes(
    bulletin, publisher, renderer, fast_sending
):
    for email in ("ok@example.org", "refused@example.org", "slow@example.org", "down@example.org"):
        SubscriberFactory(email=email)
    send = services.start_send(bulletin, by=publisher)
    backend = FlakyBackend()

    # The timeout means the server cannot be reached: the send pauses (circuit breaker).
    assert sending.run_send(send.pk, connection=backend) == "paused"
    send.refresh_from_db()
    assert (send.pause_reason, send.pause_probes) == ("TimeoutError: timed out", 1)
    assert send.job_id == ""
    assert sending.run_send(send.pk, connection=backend) == "finished"

    assert sorted(m.to[0] for m in mail.outbox) == ["ok@example.org", "slow@example.org"]
    rows = {d.subscriber.email: d for d in Delivery.objects.select_related("subscriber")}
    assert rows["refused@example.org"].state == DeliveryState.FAILED
    assert rows["refused@example.org"].attempts == 1
    assert "No such user" in rows["refused@example.org"].reason
    assert rows["slow@example.org"].state == DeliveryState.SENT
    assert rows["slow@example.org"].attempts == 1  # the outage is not counted
    assert rows["down@example.org"].state == DeliveryState.FAILED
    assert rows["down@example.org"].attempts == 3
    assert rows["down@example.org"].reason.startswith("SMTPResponseException: (421")
    send.refresh_from_db()
    assert send.state == SendState.FINISHED
    assert (send.paused_until, send.pause_probes, send.pause_reason) == (None, 0, "")


def test_send_test_goes_only_to_the_given_addresses(bulletin, renderer):
    SubscriberFactory()

    count = sending.send_test(bulletin, mode="en", addresses=["staff@example.org"])

    assert count == 1
    assert mail.outbox[0].to == ["staff@example.org"]
    assert mail.outbox[0].subject == "[Test] e-Bulletin | November–December 2020"
    assert BulletinSend.objects.count() == 0


def test_rate_limit_paces_the_sending(bulletin, publisher, renderer, settings):
    settings.NEWSLETTER_SEND_RATE = 2
    settings.NEWSLETTER_BATCH_SIZE = 100
    for n in range(4):
        SubscriberFactory(email=f"r{n}@example.org")
    send = services.start_send(bulletin, by=publisher)
    now = [0.0]
    sleeps = []

    def sleep(seconds):
        sleeps.append(seconds)
        now[0] += seconds

    sending.run_send(send.pk, sleep=sleep, clock=lambda: now[0])

    assert len(mail.outbox) == 4
    assert sleeps == [0.5, 0.5, 0.5, 0.5]  # 2 messages a second
