"""Kinds and states of the jury's rounds, the round workflow's table of moves, award kinds and
the kinds of e-mail an entrant gets about the outcome."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jury.aggregation import Method


class RoundKind(models.TextChoices):
    SCORE = "score", _("Score against criteria")
    SHORTLIST = "shortlist", _("Shortlist (yes or no)")
    RANK = "rank", _("Rank (each juror orders the entries)")


class EntrySource(models.TextChoices):
    APPROVED = "approved", _("All approved entries")
    ADVANCED = "advanced", _("Entries advanced from the previous round")


class AssignmentMode(models.TextChoices):
    ALL = "all", _("Every juror sees every entry")
    K = "k", _("Each entry gets k jurors")


class AggregationMethod(models.TextChoices):
    MEAN = Method.MEAN.value, _("Mean")
    MEDIAN = Method.MEDIAN.value, _("Median")
    TRIMMED_MEAN = Method.TRIMMED_MEAN.value, _("Trimmed mean")


class RoundState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("round state", "Draft")
    OPEN = "open", pgettext_lazy("round state", "Open")
    CLOSED = "closed", pgettext_lazy("round state", "Closed")

    @classmethod
    def visible_to_jurors(cls):
        return [cls.OPEN, cls.CLOSED]


# The round workflow: the only moves there are. `jury.services.move_round` performs them.
ROUND_MOVES = {
    (RoundState.DRAFT, RoundState.OPEN),
    (RoundState.OPEN, RoundState.CLOSED),
}


class AwardKind(models.TextChoices):
    FIRST = "first", _("First prize")
    SECOND = "second", _("Second prize")
    THIRD = "third", _("Third prize")
    HONOURABLE_MENTION = "honourable_mention", _("Honourable mention")
    EXHIBITION = "exhibition", _("Selected for the exhibition")


class NoticeKind(models.TextChoices):
    """The e-mails that tell an entrant how their entry fared."""

    SHORTLISTED = "shortlisted", _("On the shortlist")
    AWARDED = "awarded", _("Awarded")
    NOT_SELECTED = "not_selected", _("Not selected")


PRIZES = [
    AwardKind.FIRST,
    AwardKind.SECOND,
    AwardKind.THIRD,
    AwardKind.HONOURABLE_MENTION,
]
