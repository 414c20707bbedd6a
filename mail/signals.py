"""The mail provider's tracking webhooks (django-anymail's `tracking` signal, an event of a
library we hook into, as STYLE.md allows): an e-mail of the outbox that bounced or that the
provider rejected after we handed it over is marked FAILED (`bounces.record_bounce`). The
newsletter listens to the same signal for its subscribers' addresses (newsletter/signals.py)."""

from anymail.signals import EventType, tracking
from django.dispatch import receiver

from mail import bounces

# Complaints are not failures: the e-mail arrived (the newsletter suppresses the address).
BOUNCE_EVENTS = {EventType.BOUNCED, EventType.REJECTED}


@receiver(tracking, dispatch_uid="mail_tracking")
def handle_tracking_event(sender, event, esp_name, **kwargs):
    if event.event_type not in BOUNCE_EVENTS or not event.message_id:
        return
    reason = event.mta_response or event.description or event.reject_reason or event.event_type
    bounces.record_bounce(
        event.message_id, recipient=event.recipient or "", reason=f"{esp_name}: {reason}"
    )
