"""Bounce and complaint webhooks (anymail's tracking signal) suppress the address."""

import pytest
from anymail.signals import AnymailTrackingEvent, tracking

from newsletter import services
from newsletter.enums import SubscriberState, SuppressionReason

pytestmark = pytest.mark.django_db


def fire(event_type, recipient, description=""):
    event = AnymailTrackingEvent(
        event_type=event_type, recipient=recipient, description=description
    )
    tracking.send(sender=object, event=event, esp_name="TestESP")


@pytest.mark.parametrize(
    ("event_type", "reason"),
    [
        ("bounced", SuppressionReason.BOUNCED),
        ("complained", SuppressionReason.COMPLAINED),
        ("rejected", SuppressionReason.REJECTED),
    ],
)
def test_hard_bounce_and_complaint_suppress_the_address(make_subscriber, event_type, reason):
    subscriber = make_subscriber("Reader@example.org")

    fire(event_type, "reader@EXAMPLE.org", "550 mailbox unavailable")

    subscriber.refresh_from_db()
    assert subscriber.state == SubscriberState.SUPPRESSED
    assert subscriber.suppression_reason == reason
    assert subscriber.suppression_detail == "TestESP: 550 mailbox unavailable"


def test_a_temporary_bounce_changes_nothing(make_subscriber):
    subscriber = make_subscriber()

    fire("deferred", subscriber.email)

    subscriber.refresh_from_db()
    assert subscriber.state == SubscriberState.CONFIRMED


def test_an_unknown_address_is_ignored(make_subscriber):
    fire("bounced", "nobody@example.org")


def test_suppressed_is_never_mailed_again(make_subscriber):
    subscriber = make_subscriber()
    fire("complained", subscriber.email)

    with pytest.raises(services.RefusedMove):
        services.move_subscriber(subscriber, SubscriberState.CONFIRMED, by=None)
    services.request_subscription(
        email=subscriber.email, language="sq", consent_text="x", source="page", by=None
    )
    subscriber.refresh_from_db()
    assert subscriber.state == SubscriberState.SUPPRESSED
