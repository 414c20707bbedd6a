"""Factories of the newsletter: subscribers in each state and language, a bulletin's send and
its deliveries (the bulletin pages are in tests/factories/bulletins.py).

    SubscriberFactory()                                  confirmed, reads Albanian
    SubscriberFactory(language=Language.EN, state=SubscriberState.PENDING)
    SubscriberFactory(unsubscribed=True) / (suppressed=True) / (pending=True)
    DeliveryFactory(send=send, subscriber=subscriber)    queued, in the subscriber's language
"""

import factory
from django.utils import timezone

from newsletter.enums import (
    ConsentSource,
    DeliveryState,
    Language,
    SendState,
    SubscriberState,
    SuppressionReason,
)
from newsletter.models import BulletinSend, Delivery, Subscriber
from newsletter.tokens import new_nonce


def _when(state):
    """The time stamp a subscriber in `state` has for it (now), None otherwise."""
    return factory.LazyAttribute(lambda o: timezone.now() if o.state == state else None)


class SubscriberFactory(factory.django.DjangoModelFactory):
    """A subscriber as the services leave one in each state: a pending one has its
    confirmation nonce, a suppressed one its reason; `topics=[…]` sets the topics."""

    class Meta:
        model = Subscriber
        skip_postgeneration_save = True

    class Params:
        pending = factory.Trait(state=SubscriberState.PENDING)
        unsubscribed = factory.Trait(state=SubscriberState.UNSUBSCRIBED)
        suppressed = factory.Trait(state=SubscriberState.SUPPRESSED)

    email = factory.Sequence(lambda n: f"reader{n}@example.org")
    language = Language.SQ
    state = SubscriberState.CONFIRMED
    consent_text = "I agree."
    consent_at = factory.LazyFunction(timezone.now)
    consent_source = ConsentSource.PAGE
    confirm_nonce = factory.LazyAttribute(
        lambda o: new_nonce() if o.state == SubscriberState.PENDING else ""
    )
    confirmed_at = _when(SubscriberState.CONFIRMED)
    unsubscribed_at = _when(SubscriberState.UNSUBSCRIBED)
    suppressed_at = _when(SubscriberState.SUPPRESSED)
    suppression_reason = factory.LazyAttribute(
        lambda o: SuppressionReason.BOUNCED if o.state == SubscriberState.SUPPRESSED else ""
    )

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)


class BulletinSendFactory(factory.django.DjangoModelFactory):
    """The send of a bulletin page (`page=` required: any page, the sending job reads a
    BulletinPage), still sending, held by no job, with no deliveries."""

    class Meta:
        model = BulletinSend

    state = SendState.SENDING


class DeliveryFactory(factory.django.DjangoModelFactory):
    """One subscriber's copy of a send, queued, in the subscriber's language."""

    class Meta:
        model = Delivery

    subscriber = factory.SubFactory(SubscriberFactory)
    language = factory.LazyAttribute(lambda o: o.subscriber.language)
    state = DeliveryState.QUEUED
