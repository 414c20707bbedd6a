"""Bounce and complaint webhooks (anymail's tracking signal) suppress the address."""

import pytest
from anymail.signals import AnymailTrackingEvent, tracking
from django.core import mail

from newsletter import services
from newsletter.enums import SubscriberState, SuppressionReason
from newsletter.models import Subscriber
from tests.factories.newsletter import SubscriberFactory

pytestmark = pytest.mark.django_db


def fire(event_type, recipient, description=""):
    event = AnymailTrackingEvent(
        event_type=event_type, recipient=recipient, description=description
    )
    tracking.send(sender=object, event=event, esp_name="TestESP")


def states():
    return dict(Subscriber.objects.values_list("email", "state"))


@pytest.mark.parametrize(
    ("event_type", "reason"),
    [
        ("bounced", SuppressionReason.BOUNCED),
        ("complained", SuppressionReason.COMPLAINED),
        ("rejected", SuppressionReason.REJECTED),
    ],
)
def test_hard_bounce_and_complaint_suppress_the_address(event_type, reason):
    subscriber = SubscriberFactory(email="Reader@example.org")

    fire(event_type, "reader@EXAMPLE.org", "550 mailbox unavailable")

    subscriber.refresh_from_db()
    assert subscriber.state == SubscriberState.SUPPRESSED
    assert subscriber.suppression_reason == reason
    assert subscriber.suppression_detail == "TestESP: 550 mailbox unavailable"
    assert subscriber.suppressed_at is not None


def test_a_temporary_bounce_changes_nothing():
    subscriber = SubscriberFactory(email="reader@example.org")
    other = SubscriberFactory(email="other@example.org")

    fire("deferred", "reader@example.org", "451 mailbox busy, try later")

    subscriber.refresh_from_db()
    assert subscriber.state == SubscriberState.CONFIRMED
    assert subscriber.suppression_reason == ""
    assert subscriber.suppression_detail == ""
    assert subscriber.suppressed_at is None
    assert subscriber.unsubscribed_at is None
    assert states() == {
        "reader@example.org": SubscriberState.CONFIRMED,
        "other@example.org": SubscriberState.CONFIRMED,
    }
    other.refresh_from_db()
    assert other.suppression_reason == ""


def test_an_unknown_address_is_ignored():
    SubscriberFactory(email="reader@example.org")

    fire("bounced", "nobody@example.org", "550 no such user")

    assert states() == {"reader@example.org": SubscriberState.CONFIRMED}


def test_an_event_without_a_recipient_is_ignored():
    SubscriberFactory(email="reader@example.org")

    fire("bounced", "", "550 no such user")

    assert states() == {"reader@example.org": SubscriberState.CONFIRMED}


def test_a_provider_side_unsubscribe_unsubscribes():
    subscriber = SubscriberFactory(email="reader@example.org")

    fire("unsubscribed", "READER@example.org")

    subscriber.refresh_from_db()
    assert subscriber.state == SubscriberState.UNSUBSCRIBED
    assert subscriber.suppression_reason == ""
    assert subscriber.unsubscribed_at is not None


def test_suppressed_is_never_mailed_again(django_capture_on_commit_callbacks):
    subscriber = SubscriberFactory()
    fire("complained", subscriber.email)
    subscriber.refresh_from_db()  # a stale CONFIRMED copy would be refused for another reason

    with pytest.raises(services.RefusedMove):
        services.move_subscriber(subscriber, SubscriberState.CONFIRMED, by=None)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.request_subscription(
            email=subscriber.email, language="sq", consent_text="x", source="page", by=None
        )

    subscriber.refresh_from_db()
    assert subscriber.state == SubscriberState.SUPPRESSED
    assert subscriber.suppression_reason == SuppressionReason.COMPLAINED
    assert callbacks == []
    assert mail.outbox == []
