"""Reads that need a little thought: who a send goes to, counted per language."""

from dataclasses import dataclass

from django.db.models import Count

from newsletter.enums import Language, SubscriberState
from newsletter.models import Subscriber
from website.models import Topic


def has_topics():
    return Topic.objects.exists()


def recipients(topics=()):
    """The confirmed subscribers a send goes to: all of them, or — a segment — those who chose
    at least one of `topics` (subscribers who chose no topic are not in any segment)."""
    queryset = Subscriber.objects.filter(state=SubscriberState.CONFIRMED)
    topic_ids = [getattr(topic, "pk", topic) for topic in topics]
    if topic_ids:
        # A subquery, not a join: a subscriber with two of the topics is counted once.
        queryset = queryset.filter(
            pk__in=Subscriber.topics.through.objects.filter(topic_id__in=topic_ids).values(
                "subscriber_id"
            )
        )
    return queryset


@dataclass(frozen=True)
class RecipientCounts:
    """How many subscribers get a send, per language they chose and in total."""

    sq: int = 0
    en: int = 0
    both: int = 0

    @property
    def total(self):
        return self.sq + self.en + self.both

    def per_language(self):
        """[(language code, label, count)] in the order of `Language`."""
        return [(code, label, getattr(self, code)) for code, label in Language.choices]

    def as_dict(self):
        return {"sq": self.sq, "en": self.en, "both": self.both, "total": self.total}


def recipient_counts(topics=()):
    """RecipientCounts of `recipients(topics)`: one query."""
    rows = dict(
        recipients(topics)
        .order_by()
        .values_list("language")
        .annotate(n=Count("id"))
        .values_list("language", "n")
    )
    return RecipientCounts(**{code: rows.get(code, 0) for code in Language.values})


def delivery_counts(send):
    """RecipientCounts of a send that has started: its deliveries, per language. One query."""
    rows = dict(
        send.deliveries.order_by()
        .values_list("language")
        .annotate(n=Count("id"))
        .values_list("language", "n")
    )
    return RecipientCounts(**{code: rows.get(code, 0) for code in Language.values})
