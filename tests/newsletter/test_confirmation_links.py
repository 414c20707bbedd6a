"""The confirmation e-mail carries the personal preferences link too (every e-mail does), and the
private pages behind the links leave the footer's subscribe form out."""

import pytest
from django.core import mail

from newsletter.enums import SubscriberState
from newsletter.models import Subscriber
from tests.factories.newsletter import SubscriberFactory

pytestmark = pytest.mark.django_db

FORM = {"email": "reader@example.org", "language": "both", "consent": "on", "source": "page"}
FOOTER_FORM = 'class="newsletter-signup__form"'


def test_confirmation_email_has_the_preferences_link_in_each_language(
    client, home, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/subscribe/", FORM)

    subscriber = Subscriber.objects.get()
    [message] = mail.outbox
    sq_link = f"http://testserver/sq/buletini/preferencat/{subscriber.token}/"
    en_link = f"http://testserver/en/newsletter/preferences/{subscriber.token}/"
    assert message.body.count(sq_link) == 1
    assert message.body.count(en_link) == 1
    assert "Për të ndryshuar gjuhën ose temat, ose për t'u çregjistruar" in message.body
    assert "To change your language or topics, or to unsubscribe, open your preferences:" in (
        message.body
    )
    # The confirmation link still comes first (mail clients and readers open the first one).
    assert message.body.index("/sq/buletini/konfirmo/") < message.body.index(sq_link)


def test_private_pages_have_no_footer_subscribe_form(client, home):
    pending = SubscriberFactory(email="pending@example.org", state=SubscriberState.PENDING)
    confirmed = SubscriberFactory(email="confirmed@example.org")

    preferences = client.get(f"/en/newsletter/preferences/{confirmed.token}/")
    pending_preferences = client.get(f"/en/newsletter/preferences/{pending.token}/")
    public = client.get("/en/")

    assert preferences.status_code == pending_preferences.status_code == 200
    assert FOOTER_FORM not in preferences.content.decode()
    assert FOOTER_FORM not in pending_preferences.content.decode()
    assert FOOTER_FORM in public.content.decode()
