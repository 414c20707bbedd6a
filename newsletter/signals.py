"""Bounce and complaint webhooks (django-anymail's `tracking` signal) suppress the address.

Anymail normalises every provider's events: "bounced" is a permanent bounce ("deferred" is a
temporary one and is ignored), "complained" a spam complaint, "rejected" a refusal by the
provider (often its own suppression list), "unsubscribed" a provider-side unsubscribe.
"""

import logging

from anymail.signals import tracking
from django.dispatch import receiver

from newsletter import services
from newsletter.enums import SuppressionReason
from newsletter.models import Subscriber

logger = logging.getLogger(__name__)

SUPPRESSING_EVENTS = {
    "bounced": SuppressionReason.BOUNCED,
    "complained": SuppressionReason.COMPLAINED,
    "rejected": SuppressionReason.REJECTED,
}


@receiver(tracking, dispatch_uid="newsletter_tracking")
def handle_tracking_event(sender, event, esp_name, **kwargs):
    recipient = (event.recipient or "").strip()
    if not recipient:
        return
    if event.event_type in SUPPRESSING_EVENTS:
        detail = f"{esp_name}: {event.description or event.mta_response or ''}".strip()
        services.suppress(
            email=recipient, reason=SUPPRESSING_EVENTS[event.event_type], detail=detail, by=None
        )
        logger.info("newsletter: suppressed an address after a %s event", event.event_type)
    elif event.event_type == "unsubscribed":
        subscriber = Subscriber.objects.filter(email__iexact=recipient).first()
        if subscriber is not None:
            services.unsubscribe(subscriber, by=None)
