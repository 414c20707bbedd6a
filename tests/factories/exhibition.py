"""Factories of the exhibition: publication records in each state.

    PublicationFactory(entry=entry)                     pending, nobody agreed yet
    PublicationFactory(entry=entry, published=True)     agreed, checked and public
    PublicationFactory(entry=entry, taken_down=True)

Rows only: no service runs (`exhibition.services` moves a publication and writes its audit log).
"""

import factory
from django.utils import timezone

from competitions.enums import Actor, CreditChoice
from exhibition.enums import PublicationState
from exhibition.models import Publication


class PublicationFactory(factory.django.DjangoModelFactory):
    """The publication record of `entry` (required), in its competition."""

    class Meta:
        model = Publication

    competition = factory.LazyAttribute(lambda publication: publication.entry.competition)
    state = PublicationState.PENDING
    credit = CreditChoice.ANONYMOUS
    caption_sq = "Një vepër e zgjedhur nga juria."
    caption_en = "A work chosen by the jury."

    class Params:
        published = factory.Trait(
            state=PublicationState.PUBLISHED,
            entrant_confirmed_at=factory.LazyFunction(timezone.now),
            no_unconsented_people=True,
            no_victim_identifiable=True,
            caption_reviewed=True,
            checked_at=factory.LazyFunction(timezone.now),
            published_at=factory.LazyFunction(timezone.now),
        )
        taken_down = factory.Trait(
            state=PublicationState.TAKEN_DOWN,
            taken_down_at=factory.LazyFunction(timezone.now),
            taken_down_by=Actor.ENTRANT,
        )
