"""The mail provider's bounce and complaint webhooks: django-anymail's `tracking` signal, an
event of a library we hook into (as STYLE.md allows), handed on to
`services.record_provider_event`, which decides what each event does."""

from anymail.signals import tracking
from django.dispatch import receiver

from newsletter import services


@receiver(tracking, dispatch_uid="newsletter_tracking")
def handle_tracking_event(sender, event, esp_name, **kwargs):
    services.record_provider_event(
        event_type=event.event_type,
        email=event.recipient,
        detail=f"{esp_name}: {event.description or event.mta_response or ''}".strip(),
    )
