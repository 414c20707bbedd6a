"""The send screen as a mailing tool: recipients per language and in total, subject and sender
per language, segments by topic, remembered test addresses, a send scheduled in Tirana time and
started by the worker, cancelling it, the progress as JSON, and no tracking in the e-mail."""

import datetime
import re
import zoneinfo
from email.header import decode_header, make_header
from email.utils import parseaddr

import pytest
from django.core import mail
from django.utils import timezone

from newsletter import dashboard, scheduling, sending, services, tasks
from newsletter.enums import DeliveryState, Language, SendState
from newsletter.models import BulletinSend, RememberedTestAddresses
from tests.factories import TopicFactory, member_of
from tests.factories.newsletter import BulletinSendFactory, DeliveryFactory, SubscriberFactory

pytestmark = pytest.mark.django_db

TIRANE = zoneinfo.ZoneInfo("Europe/Tirane")
UTC = datetime.UTC
SENDER = "buletini@example.org"


@pytest.fixture
def sender(settings):
    settings.NEWSLETTER_FROM_EMAIL = f"Programme <{SENDER}>"
    settings.EMAIL_SENDER_NAMES = {"sq": "Historitë e pathëna", "en": "Untold Stories"}
    return settings


@pytest.fixture
def topics(db):
    return {
        "prevention": TopicFactory(slug="prevention", name_sq="Parandalimi", name_en="Prevention"),
        "protection": TopicFactory(slug="protection", name_sq="Mbrojtja", name_en="Protection"),
        "online": TopicFactory(slug="online", name_sq="Siguria në internet", name_en="Online"),
    }


@pytest.fixture
def audience(topics):
    """Confirmed: 3 in Albanian, 2 in English, 1 in both; and three who get nothing."""
    prevention, protection = topics["prevention"], topics["protection"]
    return {
        "sq1": SubscriberFactory(email="sq1@example.org", topics=[prevention]),
        "sq2": SubscriberFactory(email="sq2@example.org", topics=[prevention, protection]),
        "sq3": SubscriberFactory(email="sq3@example.org"),  # no topic chosen
        "en1": SubscriberFactory(
            email="en1@example.org", language=Language.EN, topics=[protection]
        ),
        "en2": SubscriberFactory(email="en2@example.org", language=Language.EN),
        "both": SubscriberFactory(
            email="both@example.org", language=Language.BOTH, topics=[prevention]
        ),
        "pending": SubscriberFactory(email="p@example.org", pending=True, topics=[prevention]),
        "gone": SubscriberFactory(email="u@example.org", unsubscribed=True, topics=[prevention]),
        "bounced": SubscriberFactory(email="b@example.org", suppressed=True),
    }


def url(bulletin, tail=""):
    return f"/admin/newsletter/send/{bulletin.pk}/{tail}"


def summary(response):
    """{language: recipients} and the total, as the screen shows them."""
    rows = response.context["summary"]["rows"]
    return {row["code"]: row["count"] for row in rows}, response.context["summary"]["total"]


def from_header(message):
    return str(make_header(decode_header(message.message()["From"])))


def next_year_at(month, day, hour, minute=0):
    """A Tirana wall-clock time next year, as typed in the form and as an aware datetime."""
    year = timezone.now().year + 1
    typed = f"{year}-{month:02}-{day:02}T{hour:02}:{minute:02}"
    return typed, datetime.datetime(year, month, day, hour, minute, tzinfo=TIRANE)


# --- recipients, subject, sender --------------------------------------------------------------


def test_send_page_counts_recipients_per_language_and_in_total(
    client, publisher, bulletin, audience, sender
):
    client.force_login(publisher)

    response = client.get(url(bulletin))

    assert response.status_code == 200
    assert summary(response) == ({"sq": 3, "en": 2, "both": 1}, 6)
    html = response.content.decode()
    assert '<td data-recipients="total">6</td>' in html
    assert '<td data-recipients="sq">3</td>' in html


def test_send_page_shows_subject_and_sender_per_language(
    client, publisher, bulletin, audience, sender
):
    client.force_login(publisher)

    response = client.get(url(bulletin))

    rows = {row["code"]: row for row in response.context["summary"]["rows"]}
    for code in ("sq", "en", "both"):
        assert rows[code]["subject"] == sending.render_mode(bulletin, code)["subject"]
    assert (rows["sq"]["sender_name"], rows["sq"]["sender_address"]) == (
        "Historitë e pathëna",
        SENDER,
    )
    assert (rows["en"]["sender_name"], rows["en"]["sender_address"]) == ("Untold Stories", SENDER)
    assert rows["both"]["sender_name"] == "Historitë e pathëna"
    html = response.content.decode()
    assert f"Untold Stories &lt;{SENDER}&gt;" in html
    assert rows["en"]["subject"] in html


def test_bulletin_emails_come_from_the_sender_name_of_their_language(
    bulletin, publisher, audience, sender, fast_sending, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.start_send(bulletin, by=publisher)

    senders = {message.to[0]: from_header(message) for message in mail.outbox}
    assert senders["sq1@example.org"] == f"Historitë e pathëna <{SENDER}>"
    assert senders["en1@example.org"] == f"Untold Stories <{SENDER}>"
    assert senders["both@example.org"] == f"Historitë e pathëna <{SENDER}>"
    assert {parseaddr(value)[1] for value in senders.values()} == {SENDER}
    assert len(senders) == 6


def test_a_test_email_comes_from_the_sender_name_of_its_language(
    client, publisher, bulletin, sender
):
    client.force_login(publisher)

    client.post(url(bulletin), {"action": "test", "test-mode": "en", "test-addresses": "a@b.org"})

    [message] = mail.outbox
    assert from_header(message) == f"Untold Stories <{SENDER}>"


# --- segments -----------------------------------------------------------------------------------


def test_a_segment_counts_the_subscribers_who_chose_one_of_its_topics_once(
    client, publisher, bulletin, audience, topics
):
    client.force_login(publisher)
    prevention, protection = topics["prevention"].pk, topics["protection"].pk

    one = client.get(url(bulletin, "recipients/"), {"topics": [prevention]})
    two = client.get(url(bulletin, "recipients/"), {"topics": [prevention, protection]})
    nobody = client.get(url(bulletin, "recipients/"), {"topics": [topics["online"].pk]})
    everyone = client.get(url(bulletin, "recipients/"))

    assert one.json() == {"sq": 2, "en": 0, "both": 1, "total": 3}
    assert two.json() == {"sq": 2, "en": 1, "both": 1, "total": 4}  # sq2 has both: once
    assert nobody.json() == {"sq": 0, "en": 0, "both": 0, "total": 0}
    assert everyone.json() == {"sq": 3, "en": 2, "both": 1, "total": 6}


def test_the_count_button_recounts_for_the_chosen_topics_without_sending(
    client, publisher, bulletin, audience, topics
):
    client.force_login(publisher)

    response = client.post(
        url(bulletin), {"action": "count", "send-topics": [topics["protection"].pk]}
    )

    assert response.status_code == 200
    assert summary(response) == ({"sq": 1, "en": 1, "both": 0}, 2)
    assert not BulletinSend.objects.exists()
    assert mail.outbox == []


def test_recipients_json_refuses_editors_and_unknown_topics(
    client, editor, publisher, bulletin, audience
):
    client.force_login(editor)
    refused = client.get(url(bulletin, "recipients/"))
    client.force_login(publisher)
    unknown = client.get(url(bulletin, "recipients/"), {"topics": ["999999"]})

    assert refused.status_code == 403
    assert unknown.status_code == 400


def test_a_segmented_send_reaches_only_the_segment(
    client, publisher, bulletin, audience, topics, fast_sending, django_capture_on_commit_callbacks
):
    client.force_login(publisher)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url(bulletin),
            {
                "action": "send",
                "send-topics": [topics["protection"].pk],
                "send-when": "now",
                "send-checked": "on",
            },
        )

    assert response.status_code == 302
    assert sorted(message.to[0] for message in mail.outbox) == [
        "en1@example.org",
        "sq2@example.org",
    ]
    send = BulletinSend.objects.get()
    assert list(send.topics.all()) == [topics["protection"]]
    screen = client.get(url(bulletin))
    assert summary(screen) == ({"sq": 1, "en": 1, "both": 0}, 2)  # the send's deliveries


# --- test addresses ----------------------------------------------------------------------------


def test_test_addresses_are_remembered_for_each_user(client, publisher, bulletin):
    other = member_of("Publishers", username="pub2")
    client.force_login(publisher)

    client.post(
        url(bulletin),
        {"action": "test", "test-mode": "sq", "test-addresses": "a@example.org\nB@example.org"},
    )
    again = client.get(url(bulletin))
    client.force_login(other)
    others = client.get(url(bulletin))

    assert RememberedTestAddresses.objects.get(user=publisher).addresses == [
        "a@example.org",
        "B@example.org",
    ]
    assert again.context["test_form"]["addresses"].value() == "a@example.org\nB@example.org"
    assert others.context["test_form"]["addresses"].value() == ""
    assert len(mail.outbox) == 2


def test_a_refused_test_address_list_is_not_remembered(client, publisher, bulletin):
    client.force_login(publisher)

    response = client.post(
        url(bulletin), {"action": "test", "test-mode": "sq", "test-addresses": "not an address"}
    )

    assert response.status_code == 200
    assert not RememberedTestAddresses.objects.exists()
    assert mail.outbox == []


# --- scheduling ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("month", "utc_hour"),
    [(1, 8), (7, 7)],  # Tirana is UTC+1 in winter, UTC+2 in summer
)
def test_a_send_is_scheduled_in_tirana_time(
    client, publisher, bulletin, audience, topics, month, utc_hour
):
    typed, expected = next_year_at(month, 15, 9)
    client.force_login(publisher)

    response = client.post(
        url(bulletin),
        {
            "action": "send",
            "send-topics": [topics["prevention"].pk],
            "send-when": "later",
            "send-scheduled_for": typed,
            "send-checked": "on",
        },
    )

    assert response.status_code == 302
    send = BulletinSend.objects.get()
    assert send.state == SendState.SCHEDULED
    assert send.scheduled_for == expected
    assert send.scheduled_for.astimezone(UTC).hour == utc_hour
    assert send.deliveries.count() == 0  # made when it starts
    assert mail.outbox == []
    screen = client.get(url(bulletin)).content.decode()
    when = expected.strftime("%d.%m.%Y %H:%M")
    assert when in screen, when


def test_a_time_in_the_past_or_missing_is_refused(client, publisher, bulletin, audience):
    client.force_login(publisher)
    past = timezone.localtime(timezone.now() - datetime.timedelta(hours=1), TIRANE)

    in_the_past = client.post(
        url(bulletin),
        {
            "action": "send",
            "send-when": "later",
            "send-scheduled_for": past.strftime("%Y-%m-%dT%H:%M"),
            "send-checked": "on",
        },
    )
    missing = client.post(
        url(bulletin), {"action": "send", "send-when": "later", "send-checked": "on"}
    )

    assert in_the_past.status_code == 200
    assert in_the_past.context["send_form"].errors == {
        "scheduled_for": ["Zgjidhni një kohë në të ardhmen."]
    }
    assert missing.context["send_form"].errors == {
        "scheduled_for": ["Zgjidhni datën dhe orën e dërgimit."]
    }
    assert not BulletinSend.objects.exists()


def scheduled(bulletin, publisher, topics=(), *, hours=2):
    at = timezone.now() + datetime.timedelta(hours=hours)
    return services.start_send(bulletin, by=publisher, topics=topics, at=at)


def test_the_worker_starts_a_scheduled_send_at_its_time(
    bulletin, publisher, audience, topics, fast_sending, monkeypatch
):
    send = scheduled(bulletin, publisher, [topics["prevention"]])
    at = send.scheduled_for

    monkeypatch.setattr(scheduling.timezone, "now", lambda: at - datetime.timedelta(minutes=1))
    early = tasks.start_scheduled_sends.call()
    send.refresh_from_db()
    state_before = send.state
    mailed_before = len(mail.outbox)
    monkeypatch.setattr(scheduling.timezone, "now", lambda: at)
    on_time = tasks.start_scheduled_sends.call()
    send.refresh_from_db()

    assert (early, state_before, mailed_before) == ([], SendState.SCHEDULED, 0)
    assert on_time == [send.pk]
    assert send.state == SendState.FINISHED
    assert send.started_at == at
    assert sorted(message.to[0] for message in mail.outbox) == [
        "both@example.org",
        "sq1@example.org",
        "sq2@example.org",
    ]


def test_a_scheduled_send_reaches_who_is_subscribed_when_it_starts(
    bulletin, publisher, audience, fast_sending
):
    send = scheduled(bulletin, publisher, hours=1)
    SubscriberFactory(email="late@example.org")
    services.unsubscribe(audience["en2"], by=None)

    started = scheduling.start_due_sends(now=send.scheduled_for)

    assert started == [send.pk]
    emails = set(send.deliveries.values_list("subscriber__email", flat=True))
    assert "late@example.org" in emails
    assert "en2@example.org" not in emails
    assert len(emails) == 6


def test_a_scheduled_send_of_an_unpublished_bulletin_waits(bulletin, publisher, audience):
    send = scheduled(bulletin, publisher)
    bulletin.unpublish()

    started = scheduling.start_due_sends(now=send.scheduled_for + datetime.timedelta(hours=1))

    send.refresh_from_db()
    assert started == []
    assert send.state == SendState.SCHEDULED


def test_a_scheduled_bulletin_cannot_be_sent_or_scheduled_again(bulletin, publisher, audience):
    scheduled(bulletin, publisher)

    with pytest.raises(services.SendRefused) as refusal:
        services.start_send(bulletin, by=publisher)

    assert str(refusal.value.reason) == (
        "Ky buletin është planifikuar tashmë; anulojeni atë dërgim për ta ndryshuar."
    )


def test_cancelling_a_scheduled_send_deletes_it_and_the_bulletin_can_be_sent_again(
    client, publisher, bulletin, audience, fast_sending, django_capture_on_commit_callbacks
):
    scheduled(bulletin, publisher)
    client.force_login(publisher)

    cancelled = client.post(url(bulletin), {"action": "cancel"})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(bulletin), {"action": "send", "send-checked": "on"})

    assert cancelled.status_code == 302
    send = BulletinSend.objects.get()
    assert (send.state, send.scheduled_for) == (SendState.FINISHED, None)
    assert len(mail.outbox) == 6


def test_a_send_that_has_started_cannot_be_cancelled(client, publisher, editor, bulletin):
    send = BulletinSendFactory(page=bulletin)
    client.force_login(publisher)

    client.post(url(bulletin), {"action": "cancel"})

    assert BulletinSend.objects.get() == send
    with pytest.raises(services.SendRefused):
        services.cancel_scheduled_send(send, by=publisher)


def test_editors_cannot_cancel_a_scheduled_send(bulletin, publisher, editor):
    send = scheduled(bulletin, publisher)

    with pytest.raises(services.SendRefused):
        services.cancel_scheduled_send(send, by=editor)

    assert BulletinSend.objects.get().state == SendState.SCHEDULED


# --- progress -----------------------------------------------------------------------------------


def test_progress_json_gives_the_state_and_counts(client, publisher, bulletin):
    send = BulletinSendFactory(page=bulletin)
    for state, number in [
        (DeliveryState.QUEUED, 3),
        (DeliveryState.SENDING, 1),
        (DeliveryState.SENT, 5),
        (DeliveryState.FAILED, 2),
    ]:
        for _ in range(number):
            DeliveryFactory(send=send, state=state)
    client.force_login(publisher)

    response = client.get(url(bulletin, "progress/"))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert response.json() == {
        "state": "sending",
        "state_label": "Në dërgim",
        "queued": 3,
        "sending": 1,
        "sent": 5,
        "failed": 2,
        "total": 11,
        "done": 7,
    }


def test_the_send_screen_shows_the_counts_without_script(client, publisher, bulletin):
    send = BulletinSendFactory(page=bulletin)
    DeliveryFactory(send=send, state=DeliveryState.SENT)
    DeliveryFactory(send=send, state=DeliveryState.QUEUED)
    DeliveryFactory(send=send, state=DeliveryState.FAILED)
    client.force_login(publisher)

    html = client.get(url(bulletin)).content.decode()

    assert '<dd data-count="waiting">1</dd>' in html
    assert '<dd data-count="sent">1</dd>' in html
    assert '<dd data-count="failed">1</dd>' in html
    assert '<dd data-count="total">3</dd>' in html
    assert 'max="3" value="2"' in html
    assert 'http-equiv="refresh"' not in html
    assert "<script src=" in html and "newsletter/js/send" in html


def test_progress_json_refuses_editors_and_before_a_send(client, editor, publisher, bulletin):
    client.force_login(publisher)
    before = client.get(url(bulletin, "progress/"))
    BulletinSendFactory(page=bulletin)
    client.force_login(editor)
    refused = client.get(url(bulletin, "progress/"))

    assert before.status_code == 403  # the admin's "there is nothing here"
    assert before.context["reason"] == "Këtu nuk ka asgjë."
    assert refused.status_code == 403
    assert refused.context["reason"] == "Nuk keni leje të dërgoni buletine."


# --- no tracking --------------------------------------------------------------------------------


def test_bulletin_email_has_no_open_or_click_tracking(bulletin, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://example.org"
    rendered = sending.render_mode(bulletin, "both")
    one = sending.personalise(rendered, "tokenONE")
    two = sending.personalise(rendered, "tokenTWO")
    html = one["html"]

    # The two readers' e-mails differ only by their token: nothing else identifies a reader.
    assert one["html"].replace("tokenONE", "X") == two["html"].replace("tokenTWO", "X")
    # The token is only in the unsubscribe and preferences links.
    token_urls = {u for u in re.findall(r'href="([^"]+)"', html) if "tokenONE" in u}
    assert token_urls == {
        "https://example.org/sq/buletini/cregjistrohu/tokenONE/",
        "https://example.org/sq/buletini/preferencat/tokenONE/",
    }
    # No pixel: every image is a picture of the site, none sized 1×1 or hidden.
    images = re.findall(r"<img\b[^>]*>", html)
    for image in images:
        src = re.search(r'src="([^"]+)"', image).group(1)
        assert src.startswith("https://example.org/"), src
        assert "tokenONE" not in src
        assert not re.search(r'(width|height)="?1"?[\s>/]', image), image
        assert "display:none" not in image.replace(" ", "")
    # No redirect links: no link carries another address or a tracking parameter.
    for link in re.findall(r'href="([^"]+)"', html):
        assert not re.search(r"(?i)(%3A%2F%2F|[?&](url|u|redirect|utm_[a-z]+)=)", link), link
        assert "/click" not in link and "/track" not in link, link
    assert "List-Unsubscribe" not in html  # (headers, not body)


# --- the button in the editor ------------------------------------------------------------------


def header_actions(html):
    """The header's visible actions: from the actions bar up to its "…" dropdown."""
    start = html.index('id="w-slim-header-buttons"')
    end = html.index('data-controller="w-dropdown', start)
    return html[start:end]


def test_send_by_email_is_a_visible_button_in_a_bulletins_editor_header(
    client, publisher, bulletin
):
    client.force_login(publisher)

    html = client.get(f"/admin/pages/{bulletin.pk}/edit/").content.decode()

    visible = header_actions(html)
    assert f'href="/admin/newsletter/send/{bulletin.pk}/"' in visible
    assert "Dërgo me e-mail" in visible
    assert html.count(f"/admin/newsletter/send/{bulletin.pk}/") == 1  # not also in "…"


def test_other_pages_and_editors_have_no_send_button(client, publisher, editor, bulletin, home):
    client.force_login(publisher)
    home_page = client.get(f"/admin/pages/{home.pk}/edit/").content.decode()
    client.force_login(editor)
    editors = client.get(f"/admin/pages/{bulletin.pk}/edit/").content.decode()

    assert "/admin/newsletter/send/" not in home_page
    assert "/admin/newsletter/send/" not in editors
    assert "data-newsletter-send" not in editors


def test_the_sends_listing_shows_a_scheduled_send_with_its_time_and_the_dashboard_skips_it(
    client, publisher, bulletin, audience
):
    _typed, at = next_year_at(3, 2, 10, 30)
    services.start_send(bulletin, by=publisher, at=at)
    client.force_login(publisher)

    listing = client.get("/admin/newsletter/sends/").content.decode()

    assert f"I planifikuar · {at.strftime('%d.%m.%Y %H:%M')}" in listing
    assert dashboard.last_send() is None
