"""The subscribe form and double opt-in."""

import re

import pytest
from django.core import mail
from django.test import Client, override_settings

from newsletter.enums import ConsentSource, Language, SubscriberState
from newsletter.models import Subscriber
from tests.factories.newsletter import SubscriberFactory

pytestmark = pytest.mark.django_db

FORM = {
    "email": "Reader@Example.org",
    "language": "en",
    "consent": "on",
    "source": "footer",
    "website": "",
}


def confirm_link(message):
    return re.search(r"http://testserver(/\S+/)", message.body).group(1)


def test_subscribe_page_urls_in_both_languages(client, home):
    sq = client.get("/sq/abonohu/")
    en = client.get("/en/subscribe/")

    assert sq.status_code == 200
    assert "Abonohu në buletinin elektronik" in sq.content.decode()
    assert en.status_code == 200
    assert "Subscribe to the e-bulletin" in en.content.decode()


def test_footer_of_every_page_has_the_subscribe_form_without_a_cookie(client, home):
    response = client.get("/en/")

    body = response.content.decode()
    assert (
        '<form class="newsletter-signup__form" method="post" action="/en/subscribe/start/">' in body
    )
    assert "csrfmiddlewaretoken" not in body
    assert "csrftoken" not in response.cookies


def test_footer_form_posts_the_address_out_of_the_url_and_stores_nothing(home):
    browser = Client(enforce_csrf_checks=True)  # the footer of a cached page has no token

    response = browser.post(
        "/sq/abonohu/fillo/",
        {"email": "lexuese@example.org", "language": "both", "source": "footer"},
    )

    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]
    form = response.context["form"]
    assert form.initial == {"email": "lexuese@example.org", "language": "both", "source": "footer"}
    body = response.content.decode()
    assert 'value="lexuese@example.org"' in body
    assert 'name="consent"' in body and "csrfmiddlewaretoken" in body
    assert "Abonohu në buletinin elektronik" in body
    assert Subscriber.objects.count() == 0
    assert mail.outbox == []
    # Opened by hand, the step leads to the subscribe page.
    opened = browser.get("/en/subscribe/start/")
    assert (opened.status_code, opened["Location"]) == (302, "/en/subscribe/")


def test_footer_form_prefills_the_subscribe_page(client, home):
    response = client.get(
        "/en/subscribe/", {"email": "reader@example.org", "language": "both", "source": "footer"}
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["email"] == "reader@example.org"
    assert form.initial["language"] == "both"
    assert form.initial["source"] == "footer"
    body = response.content.decode()
    assert 'name="consent"' in body
    assert 'name="website"' in body  # the honeypot
    assert "csrfmiddlewaretoken" in body


def test_subscribe_page_ignores_a_prefilled_address_with_a_line_break(client, home):
    response = client.get("/en/subscribe/", {"email": "a@example.org\nBcc: b@example.org"})

    assert "email" not in response.context["form"].initial


def test_double_opt_in_end_to_end(client, home, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/subscribe/", FORM)

    assert response.status_code == 303
    assert response["Location"] == "/en/subscribe/thanks/"
    subscriber = Subscriber.objects.get()
    assert subscriber.state == SubscriberState.PENDING
    assert subscriber.email == "Reader@Example.org"
    assert subscriber.language == Language.EN
    assert subscriber.consent_source == ConsentSource.FOOTER
    assert subscriber.consent_text.startswith("I agree to receive the programme's e-bulletin")
    assert subscriber.consent_at is not None
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["Reader@Example.org"]
    assert message.subject == "Confirm your subscription to the e-bulletin"
    link = confirm_link(message)
    assert link.startswith("/en/newsletter/confirm/")

    page = client.get(link)
    assert page.status_code == 200
    assert "Confirm my subscription" in page.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.state == SubscriberState.PENDING  # a GET (a link scanner) confirms nothing

    done = client.post(link)
    assert done.status_code == 200
    assert "Subscription confirmed" in done.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.state == SubscriberState.CONFIRMED
    assert subscriber.confirmed_at is not None

    again = client.post(link)  # a used link
    assert again.status_code == 404
    assert "This link does not work" in again.content.decode()


def test_confirmation_in_albanian_and_both_languages(
    client, home, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/sq/abonohu/", {**FORM, "email": "a@example.org", "language": "sq"})
        client.post("/sq/abonohu/", {**FORM, "email": "b@example.org", "language": "both"})

    sq, both = mail.outbox
    assert sq.subject == "Konfirmoni abonimin në buletinin elektronik"
    assert "/sq/buletini/konfirmo/" in sq.body
    assert both.subject == (
        "Konfirmoni abonimin në buletinin elektronik / Confirm your subscription to the e-bulletin"
    )
    assert "/sq/buletini/konfirmo/" in both.body
    assert "/en/newsletter/confirm/" in both.body


@pytest.mark.parametrize(
    "state", [SubscriberState.CONFIRMED, SubscriberState.UNSUBSCRIBED, SubscriberState.SUPPRESSED]
)
def test_form_answers_the_same_whatever_the_state(client, home, state):
    SubscriberFactory(email="known@example.org", state=state)

    known = client.post("/en/subscribe/", {**FORM, "email": "known@example.org"})
    unknown = client.post("/en/subscribe/", {**FORM, "email": "new@example.org"})

    assert known.status_code == unknown.status_code == 303
    assert known["Location"] == unknown["Location"] == "/en/subscribe/thanks/"


def test_confirmed_address_gets_a_notice_and_keeps_its_preferences(
    client, home, django_capture_on_commit_callbacks
):
    subscriber = SubscriberFactory(email="known@example.org", language=Language.SQ)

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/subscribe/", {**FORM, "email": "KNOWN@example.org", "language": "en"})

    subscriber.refresh_from_db()
    assert subscriber.language == Language.SQ
    assert subscriber.state == SubscriberState.CONFIRMED
    assert [m.subject for m in mail.outbox] == ["Jeni tashmë i abonuar në buletinin elektronik"]
    assert f"/sq/buletini/preferencat/{subscriber.token}/" in mail.outbox[0].body


def test_suppressed_address_is_never_mailed(client, home, django_capture_on_commit_callbacks):
    SubscriberFactory(email="bounced@example.org", state=SubscriberState.SUPPRESSED)

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/subscribe/", {**FORM, "email": "bounced@example.org"})

    assert mail.outbox == []
    assert Subscriber.objects.get().state == SubscriberState.SUPPRESSED


def test_unsubscribed_address_can_subscribe_again(client, home, django_capture_on_commit_callbacks):
    subscriber = SubscriberFactory(email="back@example.org", state=SubscriberState.UNSUBSCRIBED)

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/subscribe/", {**FORM, "email": "back@example.org"})

    subscriber.refresh_from_db()
    assert subscriber.state == SubscriberState.PENDING
    assert len(mail.outbox) == 1
    client.post(confirm_link(mail.outbox[0]))
    subscriber.refresh_from_db()
    assert subscriber.state == SubscriberState.CONFIRMED


def test_second_request_within_the_interval_sends_no_second_mail(
    client, home, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/subscribe/", FORM)
        client.post("/en/subscribe/", FORM)

    assert len(mail.outbox) == 1
    assert Subscriber.objects.count() == 1


def test_honeypot_filled_does_nothing_but_answers_the_same(
    client, home, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/subscribe/", {**FORM, "website": "http://spam.example"})

    assert response.status_code == 303
    assert response["Location"] == "/en/subscribe/thanks/"
    assert Subscriber.objects.count() == 0
    assert mail.outbox == []


@override_settings(NEWSLETTER_SUBSCRIBE_RATE=(2, 600))
def test_rate_limit_answers_429_in_the_readers_language(client, home):
    for n in range(2):
        client.post("/sq/abonohu/", {**FORM, "email": f"r{n}@example.org"})

    response = client.post("/sq/abonohu/", {**FORM, "email": "r9@example.org"})

    assert response.status_code == 429
    assert "Shumë përpjekje" in response.content.decode()
    assert Subscriber.objects.count() == 2


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("not-an-address", "Enter a valid e-mail address, for example name@example.com."),
        ("a@b@example.org", "Enter one e-mail address only."),
        ("a@example.org, b@example.org", "Enter one e-mail address only."),
        (
            "a@example.org\r\nBcc: victim@example.org",
            "An e-mail address cannot contain line breaks",
        ),
        ("a@example.org\n", "An e-mail address cannot contain line breaks"),
        ("x" * 250 + "@example.org", "This e-mail address is too long (at most 254 characters)."),
        ("", "Enter your e-mail address."),
    ],
)
def test_bad_addresses_are_refused_with_a_clear_message(client, home, email, message):
    response = client.post("/en/subscribe/", {**FORM, "email": email})

    assert response.status_code == 400
    assert message in response.content.decode()
    assert Subscriber.objects.count() == 0


def test_consent_is_required(client, home):
    data = {**FORM}
    del data["consent"]

    response = client.post("/en/subscribe/", data)

    assert response.status_code == 400
    assert "Tick the box to agree" in response.content.decode()


@pytest.mark.parametrize(
    "token",
    ["garbage", "WzEsImFiYyJd:1tXyZ:tampered-signature"],
)
def test_tampered_confirm_token_shows_the_invalid_page(client, home, token):
    response = client.get(f"/en/newsletter/confirm/{token}/")

    assert response.status_code == 404
    assert "This link does not work" in response.content.decode()


def test_expired_confirm_token_is_refused(client, home, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/subscribe/", FORM)
    link = confirm_link(mail.outbox[0])

    with override_settings(NEWSLETTER_CONFIRM_MAX_AGE=-1):
        response = client.post(link)

    assert response.status_code == 404
    assert Subscriber.objects.get().state == SubscriberState.PENDING
