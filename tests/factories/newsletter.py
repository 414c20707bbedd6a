"""Factories of the newsletter: subscribers in each state and language, a bulletin's send and
its deliveries, and the bulletin page a send needs.

    SubscriberFactory()                                  confirmed, reads Albanian
    SubscriberFactory(language=Language.EN, state=SubscriberState.PENDING)
    SubscriberFactory(unsubscribed=True) / (suppressed=True) / (pending=True)
    DeliveryFactory(send=send, subscriber=subscriber)    queued, in the subscriber's language
    BulletinPageFactory(parent=BulletinIndexPageFactory(parent=home))
"""

import datetime

import factory
from django.utils import timezone

from bulletins.models import BulletinIndexPage, BulletinPage
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
from tests.factories.website import TranslatedPageFactory


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


def news_item(n):
    """One of the bulletin's own news items (both languages in one block)."""
    return (
        "own",
        {
            "date": datetime.date(2020, 12, n),
            "headline_sq": f"Titulli i lajmit {n}",
            "headline_en": f"News headline {n}",
            "summary_sq": f"Përmbledhja e lajmit {n}.",
            "summary_en": f"Summary of news item {n}.",
            "image": None,
            "url": f"https://example.org/full-{n}",
        },
    )


class BulletinIndexPageFactory(TranslatedPageFactory):
    """The bulletin archive (under the home page: `parent=home`)."""

    class Meta:
        model = BulletinIndexPage

    title_sq = "Buletini"
    title_en = "Bulletin"
    slug_sq = "buletini"
    slug_en = "bulletin"


class BulletinPageFactory(TranslatedPageFactory):
    """An issue of the e-bulletin, November–December 2020, with three news items (3, 11, 17
    December); `parent=` a BulletinIndexPage."""

    class Meta:
        model = BulletinPage

    title_sq = "Buletini elektronik: nëntor–dhjetor 2020"
    title_en = "e-Bulletin: November–December 2020"
    slug_sq = factory.Sequence(lambda n: f"nentor-dhjetor-2020-{n}")
    slug_en = factory.Sequence(lambda n: f"november-december-2020-{n}")
    period_label_sq = "Nëntor–Dhjetor 2020"
    period_label_en = "November–December 2020"
    number = 6
    issue_date = datetime.date(2020, 12, 30)
    masthead_intro_sq = "Lajmet e dy muajve të fundit."
    masthead_intro_en = "The news of the last two months."
    items = factory.LazyFunction(lambda: [news_item(n) for n in (3, 11, 17)])


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
