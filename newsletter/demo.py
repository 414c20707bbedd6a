"""Demo subscribers (example.org addresses), one per language, confirmed. Idempotent."""

from django.utils import timezone

from newsletter.enums import ConsentSource, Language, SubscriberState
from newsletter.models import Subscriber

DEMO_SUBSCRIBERS = [
    ("lexuesi.shqip@example.org", Language.SQ, SubscriberState.CONFIRMED),
    ("english.reader@example.org", Language.EN, SubscriberState.CONFIRMED),
    ("dygjuhesh@example.org", Language.BOTH, SubscriberState.CONFIRMED),
    ("ne.pritje@example.org", Language.SQ, SubscriberState.PENDING),
]
CONSENT = "Demo subscriber: no real person behind this address."


def load(home, stdout):
    now = timezone.now()
    for email, language, state in DEMO_SUBSCRIBERS:
        Subscriber.objects.update_or_create(
            email=email,
            defaults={
                "language": language,
                "state": state,
                "consent_text": CONSENT,
                "consent_source": ConsentSource.DEMO,
            },
            create_defaults={
                "language": language,
                "state": state,
                "consent_text": CONSENT,
                "consent_at": now,
                "consent_source": ConsentSource.DEMO,
                "confirmed_at": now if state == SubscriberState.CONFIRMED else None,
            },
        )
    stdout.write(f"Newsletter: {len(DEMO_SUBSCRIBERS)} demo subscribers.")
