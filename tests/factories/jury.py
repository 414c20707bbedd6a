"""Factories of the jury: juries, rounds and their criteria, anonymous codes, assignments, marks,
conflicts, advancement and awards.

    jury = JuryFactory(competition=competition, jurors=[a, b], chair=a)
    round = RoundFactory(jury=jury)                    a draft score round with two criteria
    round = RoundFactory(jury=jury, criteria=0, kind=RoundKind.SHORTLIST)
    ScoreFactory(round=round, juror=a, entry=entry, criterion=round.criteria.first(), value=7)
    AwardFactory(entry=entry, kind=AwardKind.FIRST)    no e-mail, no publication record

Rows only: no service runs (opening a round makes its assignments through
`jury.services.open_round`, not here). Entries come from the competitions' factories or services.
"""

from datetime import timedelta
from decimal import Decimal

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from jury.enums import AwardKind, RoundKind
from jury.models import (
    JURORS_GROUP,
    Advancement,
    AnonymousCode,
    Assignment,
    Award,
    ConflictDeclaration,
    Criterion,
    Jury,
    Round,
    Score,
    ShortlistVote,
)
from tests.factories.website import UserFactory

# (name_sq, name_en, weight, lowest, highest) of the criteria a round gets by default.
CRITERIA = [("Origjinaliteti", "Originality", 2, 1, 10), ("Mesazhi", "Message", 1, 0, 5)]


class JurorFactory(UserFactory):
    """A user in the Jurors group."""

    username = factory.Sequence(lambda n: f"juror{n}")
    last_name = "Juror"

    @factory.post_generation
    def groups(self, create, names, **kwargs):
        if create:
            self.groups.add(*Group.objects.filter(name__in=names or [JURORS_GROUP]))
            self.save()


class JuryFactory(factory.django.DjangoModelFactory):
    """The jury of `competition` (required); `jurors=[…]` sets its members."""

    class Meta:
        model = Jury
        skip_postgeneration_save = True

    chair = None

    @factory.post_generation
    def jurors(self, create, extracted, **kwargs):
        if create and extracted:
            self.jurors.set(extracted)


class RoundFactory(factory.django.DjangoModelFactory):
    """A draft round of `jury` (required), open from an hour ago for five days, with the first
    `criteria` (2) of `CRITERIA`."""

    class Meta:
        model = Round
        skip_postgeneration_save = True

    position = 1
    name_sq = factory.LazyAttribute(lambda round: f"Raundi {round.position}")
    name_en = factory.LazyAttribute(lambda round: f"Round {round.position}")
    kind = RoundKind.SCORE
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=5))

    @factory.post_generation
    def criteria(self, create, extracted, **kwargs):
        if not create:
            return
        count = len(CRITERIA) if extracted is None else extracted
        for index, (sq, en, weight, low, high) in enumerate(CRITERIA[:count]):
            CriterionFactory(
                round=self,
                sort_order=index,
                name_sq=sq,
                name_en=en,
                weight=Decimal(weight),
                scale_min=low,
                scale_max=high,
            )


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    sort_order = factory.Sequence(lambda n: n)
    name_sq = factory.Sequence(lambda n: f"Kriteri {n}")
    name_en = factory.Sequence(lambda n: f"Criterion {n}")
    weight = Decimal(1)
    scale_min = 1
    scale_max = 10


class AnonymousCodeFactory(factory.django.DjangoModelFactory):
    """The code of `entry` (required) in its competition."""

    class Meta:
        model = AnonymousCode

    competition = factory.LazyAttribute(lambda code: code.entry.competition)
    code = factory.Sequence(lambda n: f"J-{n:04d}")


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment


class ScoreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Score

    value = 5


class ShortlistVoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ShortlistVote

    vote = True


class ConflictDeclarationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConflictDeclaration


class AdvancementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Advancement


class AwardFactory(factory.django.DjangoModelFactory):
    """An award row for `entry` (required) in its competition (no e-mail, no publication)."""

    class Meta:
        model = Award

    competition = factory.LazyAttribute(lambda award: award.entry.competition)
    kind = AwardKind.FIRST
