"""Preferences page and one-click unsubscribe (RFC 8058)."""

import pytest
from django.test import Client

from newsletter.enums import DeliveryState, Language, SubscriberState
from tests.factories import TopicFactory
from tests.factories.newsletter import BulletinSendFactory, DeliveryFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


def test_one_click_unsubscribe_as_a_mail_client_does_it(home):
    subscriber = SubscriberFactory()
    mail_client = Client(enforce_csrf_checks=True)  # no cookie, no CSRF token, no login

    response = mail_client.post(
        f"/sq/buletini/cregjistrohu/{subscriber.token}/",
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    assert "Location" not in response
    assert "U çregjistruat" in response.content.decode()
    assert not response.cookies
    subscriber.refresh_from_db()
    assert subscriber.state == SubscriberState.UNSUBSCRIBED
    assert subscriber.unsubscribed_at is not None


def test_one_click_unsubscribe_twice_answers_the_same(home):
    subscriber = SubscriberFactory()
    client = Client(enforce_csrf_checks=True)
    url = f"/en/newsletter/unsubscribe/{subscriber.token}/"

    first = client.post(url, "List-Unsubscribe=One-Click", "application/x-www-form-urlencoded")
    second = client.post(url, "List-Unsubscribe=One-Click", "application/x-www-form-urlencoded")

    assert first.status_code == second.status_code == 200
    assert "You are unsubscribed" in second.content.decode()


def test_unsubscribe_get_only_shows_a_button(client, home):
    subscriber = SubscriberFactory()

    response = client.get(f"/en/newsletter/unsubscribe/{subscriber.token}/")

    assert response.status_code == 200
    assert 'name="List-Unsubscribe" value="One-Click"' in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.state == SubscriberState.CONFIRMED


def test_unsubscribe_of_a_suppressed_address_keeps_it_suppressed(home):
    subscriber = SubscriberFactory(state=SubscriberState.SUPPRESSED)

    response = Client().post(f"/en/newsletter/unsubscribe/{subscriber.token}/")

    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.state == SubscriberState.SUPPRESSED


@pytest.mark.parametrize("path", ["unsubscribe", "preferences"])
@pytest.mark.parametrize("token", ["not-a-token", "x" * 100])
def test_unknown_token_shows_the_invalid_page(client, home, path, token):
    SubscriberFactory()

    response = client.get(f"/en/newsletter/{path}/{token}/")

    assert response.status_code == 404
    assert "This link does not work" in response.content.decode()


def test_one_click_with_an_unknown_token_changes_nothing(home):
    subscriber = SubscriberFactory()

    response = Client(enforce_csrf_checks=True).post(
        "/en/newsletter/unsubscribe/not-a-token/",
        "List-Unsubscribe=One-Click",
        "application/x-www-form-urlencoded",
    )

    assert response.status_code == 404
    assert "This link does not work" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.state == SubscriberState.CONFIRMED


def test_unsubscribe_takes_effect_at_once_on_a_send_in_progress(home):
    subscriber = SubscriberFactory()
    delivery = DeliveryFactory(send=BulletinSendFactory(page=home), subscriber=subscriber)

    Client().post(
        f"/sq/buletini/cregjistrohu/{subscriber.token}/",
        "List-Unsubscribe=One-Click",
        "application/x-www-form-urlencoded",
    )

    delivery.refresh_from_db()
    assert delivery.state == DeliveryState.FAILED
    assert delivery.reason == "subscriber unsubscribed"


def test_preferences_change_language_and_topics(client, home):
    topic = TopicFactory(slug="prevention", name_sq="Parandalimi", name_en="Prevention")
    subscriber = SubscriberFactory(language=Language.SQ)
    url = f"/en/newsletter/preferences/{subscriber.token}/"

    page = client.get(url)
    saved = client.post(url, {"language": "both", "topics": [topic.pk]})

    assert page.status_code == 200
    assert page.context["form"].initial["language"] == Language.SQ
    assert saved.status_code == 200
    assert "Your preferences are saved." in saved.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.language == Language.BOTH
    assert list(subscriber.topics.all()) == [topic]


def test_preferences_unsubscribe_button(client, home):
    subscriber = SubscriberFactory()

    response = client.post(f"/en/newsletter/preferences/{subscriber.token}/", {"unsubscribe": "1"})

    assert response.status_code == 200
    assert "You are unsubscribed" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.state == SubscriberState.UNSUBSCRIBED


def test_preferences_of_an_unsubscribed_address_shows_the_unsubscribed_page(client, home):
    subscriber = SubscriberFactory(state=SubscriberState.UNSUBSCRIBED)

    response = client.post(f"/en/newsletter/preferences/{subscriber.token}/", {"language": "en"})

    assert response.status_code == 200
    assert "You are unsubscribed" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.language == Language.SQ


def test_preferences_requires_csrf(home):
    subscriber = SubscriberFactory()

    response = Client(enforce_csrf_checks=True).post(
        f"/en/newsletter/preferences/{subscriber.token}/", {"language": "en"}
    )

    assert response.status_code == 403
