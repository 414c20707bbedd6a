"""The jury of a competition: its members, rounds, criteria, assignments and every juror's marks.

Entrants' identities never come here: a juror knows an entry only by its `AnonymousCode`.
"""

import secrets

from django import forms
from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from jury.enums import (
    AggregationMethod,
    AssignmentMode,
    AwardKind,
    EntrySource,
    RoundKind,
    RoundState,
)

JURORS_GROUP = "Jurors"


def in_language(sq, en):
    return en if get_language() == "en" and en else sq


class Jury(models.Model):
    """Who judges one competition: the jurors (users in the Jurors group) and the chair."""

    competition = models.OneToOneField(
        "competitions.CompetitionPage",
        verbose_name=_("competition"),
        on_delete=models.CASCADE,
        related_name="jury_setup",
    )
    jurors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("jurors"),
        related_name="juries",
        blank=True,
        limit_choices_to={"groups__name": JURORS_GROUP},
    )
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("chair"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="chaired_juries",
        limit_choices_to={"groups__name": JURORS_GROUP},
    )

    panels = [
        FieldPanel("competition"),
        FieldPanel("chair"),
        FieldPanel("jurors", widget=forms.CheckboxSelectMultiple),
    ]

    class Meta:
        verbose_name = _("jury")
        verbose_name_plural = _("juries")

    def __str__(self):
        return str(self.competition.title)


class Round(ClusterableModel):
    """One round of judging. Its state changes only through `jury.services.move_round`."""

    jury = models.ForeignKey(
        Jury, verbose_name=_("jury"), on_delete=models.CASCADE, related_name="rounds"
    )
    position = models.PositiveSmallIntegerField(
        _("position"), default=1, help_text=_("Rounds run in this order: 1, 2, 3 …")
    )
    name_sq = models.CharField(_("name in Albanian"), max_length=120)
    name_en = models.CharField(_("name in English"), max_length=120)
    kind = models.CharField(
        _("kind"), max_length=16, choices=RoundKind.choices, default=RoundKind.SCORE
    )
    source = models.CharField(
        _("entries"), max_length=16, choices=EntrySource.choices, default=EntrySource.APPROVED
    )
    assignment_mode = models.CharField(
        _("assignment"), max_length=8, choices=AssignmentMode.choices, default=AssignmentMode.ALL
    )
    k = models.PositiveSmallIntegerField(
        _("jurors per entry (k)"),
        default=3,
        help_text=_("Used only when each entry gets k jurors."),
    )
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    method = models.CharField(
        _("aggregation"),
        max_length=16,
        choices=AggregationMethod.choices,
        default=AggregationMethod.MEAN,
    )
    use_z_scores = models.BooleanField(
        _("standardise each juror's scores (z-scores)"),
        default=False,
        help_text=_("Evens out harsh and lenient jurors."),
    )
    state = models.CharField(
        _("state"), max_length=8, choices=RoundState.choices, default=RoundState.DRAFT
    )
    opened_at = models.DateTimeField(null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)
    chair_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)

    panels = [
        FieldPanel("jury"),
        FieldRowPanel([FieldPanel("position"), FieldPanel("kind")]),
        FieldRowPanel([FieldPanel("name_sq"), FieldPanel("name_en")]),
        FieldPanel("source"),
        FieldRowPanel([FieldPanel("assignment_mode"), FieldPanel("k")]),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
        MultiFieldPanel(
            [FieldPanel("method"), FieldPanel("use_z_scores")], heading=_("Aggregation")
        ),
        InlinePanel("criteria", heading=_("Criteria (score rounds)"), label=_("criterion")),
    ]

    class Meta:
        ordering = ["jury", "position"]
        verbose_name = _("jury round")
        verbose_name_plural = _("jury rounds")
        constraints = [
            models.UniqueConstraint(fields=["jury", "position"], name="jury_round_position"),
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")), name="jury_round_closes_after_opening"
            ),
            models.CheckConstraint(condition=Q(k__gte=1), name="jury_round_k_positive"),
        ]

    def __str__(self):
        return f"{self.jury} · {self.name}"

    @property
    def name(self):
        return in_language(self.name_sq, self.name_en)

    def accepts_marks_at(self, moment):
        return self.state == RoundState.OPEN and self.opens_at <= moment < self.closes_at

    @property
    def accepts_marks(self):
        return self.accepts_marks_at(timezone.now())


class Criterion(Orderable):
    """What a score round scores, with a weight and a scale; both languages stay paired."""

    round = ParentalKey(Round, on_delete=models.CASCADE, related_name="criteria")
    name_sq = models.CharField(_("name in Albanian"), max_length=120)
    name_en = models.CharField(_("name in English"), max_length=120)
    guidance_sq = models.TextField(_("guidance in Albanian"), blank=True)
    guidance_en = models.TextField(_("guidance in English"), blank=True)
    weight = models.DecimalField(_("weight"), max_digits=5, decimal_places=2, default=1)
    scale_min = models.SmallIntegerField(_("lowest mark"), default=1)
    scale_max = models.SmallIntegerField(_("highest mark"), default=10)
    comment_required = models.BooleanField(_("comment required"), default=False)

    panels = [
        FieldRowPanel([FieldPanel("name_sq"), FieldPanel("name_en")]),
        FieldRowPanel([FieldPanel("guidance_sq"), FieldPanel("guidance_en")]),
        FieldRowPanel([FieldPanel("weight"), FieldPanel("scale_min"), FieldPanel("scale_max")]),
        FieldPanel("comment_required"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            models.CheckConstraint(
                condition=Q(scale_max__gt=F("scale_min")), name="jury_criterion_scale"
            ),
            models.CheckConstraint(condition=Q(weight__gt=0), name="jury_criterion_weight"),
        ]

    def __str__(self):
        return self.name

    @property
    def name(self):
        return in_language(self.name_sq, self.name_en)

    @property
    def guidance(self):
        return in_language(self.guidance_sq, self.guidance_en)


CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L


def new_code():
    return "J-" + "".join(secrets.choice(CODE_ALPHABET) for _ in range(4))


class AnonymousCode(models.Model):
    """The only name a juror sees for an entry: random, e.g. "J-7F3K", saying nothing."""

    entry = models.OneToOneField(
        "competitions.Entry", on_delete=models.CASCADE, related_name="jury_code"
    )
    competition = models.ForeignKey(
        "competitions.CompetitionPage", on_delete=models.CASCADE, related_name="+"
    )
    code = models.CharField(_("code"), max_length=12)

    class Meta:
        verbose_name = _("anonymous code")
        constraints = [
            models.UniqueConstraint(fields=["competition", "code"], name="jury_code_unique"),
        ]

    def __str__(self):
        return self.code


class Assignment(models.Model):
    """An entry on a juror's list in a round."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="assignments")
    juror = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jury_assignments"
    )
    entry = models.ForeignKey(
        "competitions.Entry", on_delete=models.CASCADE, related_name="jury_assignments"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["round", "juror", "entry"], name="jury_assignment_unique"
            ),
        ]

    def __str__(self):
        return f"{self.round_id}: {self.juror_id} → {self.entry_id}"


class Score(models.Model):
    """One juror's mark for one entry on one criterion. One row only: the last write wins."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="scores")
    juror = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="jury_scores"
    )
    entry = models.ForeignKey(
        "competitions.Entry", on_delete=models.CASCADE, related_name="jury_scores"
    )
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    value = models.SmallIntegerField(_("mark"))
    comment = models.TextField(_("comment"), blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["juror", "entry", "criterion"], name="jury_score_unique"
            ),
        ]
        indexes = [models.Index(fields=["round", "juror"])]

    def __str__(self):
        return f"{self.juror_id}/{self.entry_id}/{self.criterion_id}: {self.value}"


class ShortlistVote(models.Model):
    """A juror's yes or no for an entry in a shortlist round."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="shortlist_votes")
    juror = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    entry = models.ForeignKey("competitions.Entry", on_delete=models.CASCADE, related_name="+")
    vote = models.BooleanField(_("on the shortlist"))
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["round", "juror", "entry"], name="jury_shortlist_vote_unique"
            ),
        ]

    def __str__(self):
        return f"{self.round_id}: {self.juror_id} → {self.entry_id}: {self.vote}"


class RankBallot(models.Model):
    """A juror's order of the entries in a rank round, best first (a list of entry ids)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="ballots")
    juror = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    order = models.JSONField(default=list)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "juror"], name="jury_ballot_unique"),
        ]

    def __str__(self):
        return f"{self.round_id}: {self.juror_id}"


class ConflictDeclaration(models.Model):
    """ "I may know who made this": the juror leaves the entry in every round of the competition."""

    juror = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jury_conflicts"
    )
    entry = models.ForeignKey(
        "competitions.Entry", on_delete=models.CASCADE, related_name="jury_conflicts"
    )
    round = models.ForeignKey(
        Round, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)
    declared_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["juror", "entry"], name="jury_conflict_unique"),
        ]

    def __str__(self):
        return f"{self.juror_id} ✕ {self.entry_id}"


class Advancement(models.Model):
    """An entry that goes on from `round` to the next round."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="advancements")
    entry = models.ForeignKey("competitions.Entry", on_delete=models.CASCADE, related_name="+")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "entry"], name="jury_advancement_unique"),
        ]

    def __str__(self):
        return f"{self.round_id} → {self.entry_id}"


class Award(models.Model):
    """A prize or a mention for an entry, per category, with the jury's note."""

    competition = models.ForeignKey(
        "competitions.CompetitionPage", on_delete=models.CASCADE, related_name="jury_awards"
    )
    entry = models.ForeignKey(
        "competitions.Entry", on_delete=models.CASCADE, related_name="jury_awards"
    )
    category = models.ForeignKey(
        "competitions.CompetitionCategory",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kind = models.CharField(_("award"), max_length=24, choices=AwardKind.choices)
    note = models.TextField(_("note"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["competition", "kind", "created_at"]
        verbose_name = _("award")
        constraints = [
            models.UniqueConstraint(fields=["entry", "kind"], name="jury_award_unique"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.entry_id}"
