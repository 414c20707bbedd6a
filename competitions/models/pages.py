"""Competition pages, their categories, and the reference counter."""

from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page

from competitions.enums import CompetitionKind, CompetitionStatus, EntryLanguage
from website.blocks import ContentBlocks
from website.models import TranslatedPageMixin


class CompetitionIndexPage(TranslatedPageMixin, Page):
    """The list of Untold Stories competitions, newest first."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["website.HomePage"]
    subpage_types = ["competitions.CompetitionPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("competition index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["competitions"] = (
            CompetitionPage.objects.child_of(self).live().specific().order_by("-opens_at")
        )
        return context


class CompetitionPage(TranslatedPageMixin, Page):
    """One competition of one edition: its rules, dates and limits."""

    kind = models.CharField(_("kind"), max_length=16, choices=CompetitionKind.choices)
    edition = models.PositiveSmallIntegerField(_("edition"), default=1)
    reference_prefix = models.CharField(
        _("reference prefix"),
        max_length=8,
        default="US",
        help_text=_('Entry references look like "US3-PHOTO-0042": this prefix, then the edition.'),
    )
    theme = models.CharField(_("theme"), max_length=200, blank=True)
    intro = models.TextField(_("introduction"), blank=True)
    rules = RichTextField(_("rules"), blank=True)
    eligibility = RichTextField(_("eligibility"), blank=True)
    prizes = RichTextField(_("prizes"), blank=True)
    licence = RichTextField(
        _("licence"), blank=True, help_text=_("What the entrant allows the organisers to do.")
    )
    jury = RichTextField(_("jury members to show"), blank=True)
    body = StreamField(ContentBlocks(), blank=True, verbose_name=_("body"))

    opens_at = models.DateTimeField(_("opens at"))
    deadline = models.DateTimeField(_("deadline"), help_text=_("Time in Tirana (Europe/Tirane)."))
    judging_starts_on = models.DateField(_("judging starts on"), null=True, blank=True)
    results_on = models.DateField(_("results announced on"), null=True, blank=True)

    max_entries_per_person = models.PositiveSmallIntegerField(_("entries per person"), default=3)
    max_file_mb = models.PositiveSmallIntegerField(_("largest file (MB)"), default=15)
    min_image_side = models.PositiveIntegerField(_("shortest image side (pixels)"), default=1000)
    story_min_words = models.PositiveIntegerField(_("fewest words in a story"), default=300)
    story_max_words = models.PositiveIntegerField(_("most words in a story"), default=3000)
    accepts_sq = models.BooleanField(_("accepts entries in Albanian"), default=True)
    accepts_en = models.BooleanField(_("accepts entries in English"), default=True)
    min_age = models.PositiveSmallIntegerField(_("minimum age"), default=15)
    max_age = models.PositiveSmallIntegerField(_("maximum age"), default=29)
    consent_age = models.PositiveSmallIntegerField(
        _("consent age"),
        default=18,
        help_text=_("Entrants younger than this need a parent's or guardian's consent."),
    )
    consent_days = models.PositiveSmallIntegerField(
        _("days to wait for consent"),
        default=14,
        help_text=_("Entries without consent after this many days are deleted."),
    )
    consent_reminder_days = models.PositiveSmallIntegerField(
        _("send the one consent reminder after (days)"), default=5
    )
    jury_sees_age_groups = models.BooleanField(
        _("jurors see age-group categories"),
        default=False,
        help_text=_(
            "Tick only if the rules need it: the jury then sees each entry's category even when "
            "it is an age group, and the privacy notice tells entrants so."
        ),
    )
    keep_non_winning_days = models.PositiveSmallIntegerField(
        _("keep entries without an award for (days after the results)"),
        default=180,
        help_text=_(
            "After this many days from the results date, the personal data and files of entries "
            "without an award are deleted."
        ),
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("kind"), FieldPanel("edition")]),
                FieldPanel("reference_prefix"),
                FieldPanel("theme"),
                FieldPanel("intro"),
            ],
            heading=_("Competition"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("deadline")]),
                FieldRowPanel([FieldPanel("judging_starts_on"), FieldPanel("results_on")]),
            ],
            heading=_("Dates"),
        ),
        FieldPanel("rules"),
        FieldPanel("eligibility"),
        FieldPanel("prizes"),
        FieldPanel("licence"),
        FieldPanel("jury"),
        InlinePanel("categories", heading=_("Categories"), label=_("category")),
        FieldPanel("jury_sees_age_groups"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("min_age"), FieldPanel("max_age")]),
                FieldRowPanel([FieldPanel("consent_age"), FieldPanel("consent_days")]),
                FieldPanel("consent_reminder_days"),
                FieldPanel("keep_non_winning_days"),
                FieldRowPanel([FieldPanel("max_entries_per_person"), FieldPanel("max_file_mb")]),
                FieldPanel("min_image_side"),
                FieldRowPanel([FieldPanel("story_min_words"), FieldPanel("story_max_words")]),
                FieldRowPanel([FieldPanel("accepts_sq"), FieldPanel("accepts_en")]),
            ],
            heading=_("Limits"),
        ),
        FieldPanel("body"),
    ]
    parent_page_types = ["competitions.CompetitionIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("competition page")

    def status_at(self, moment):
        if moment < self.opens_at:
            return CompetitionStatus.UPCOMING
        if moment < self.deadline:
            return CompetitionStatus.OPEN
        today = timezone.localdate(moment)
        if self.results_on and today >= self.results_on:
            return CompetitionStatus.RESULTS
        if self.judging_starts_on and today >= self.judging_starts_on:
            return CompetitionStatus.JUDGING
        return CompetitionStatus.CLOSED

    @property
    def status(self):
        return self.status_at(timezone.now())

    @property
    def is_open(self):
        return self.status == CompetitionStatus.OPEN

    @property
    def takes_image(self):
        return CompetitionKind(self.kind).takes_image

    @property
    def accepted_languages(self):
        return [
            (code, label)
            for code, label in EntryLanguage.choices
            if getattr(self, f"accepts_{code}")
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        context["now"] = now
        context["status"] = self.status_at(now)
        context["remaining"] = self.deadline - now if now < self.deadline else None
        return context


class CompetitionCategory(Orderable):
    """A category of a competition, e.g. an age group. Both languages stay paired here."""

    page = ParentalKey(CompetitionPage, related_name="categories", on_delete=models.CASCADE)
    name_sq = models.CharField(_("name in Albanian"), max_length=120)
    name_en = models.CharField(_("name in English"), max_length=120)
    is_age_group = models.BooleanField(
        _("an age group"),
        default=True,
        help_text=_(
            "Untick for a category that says nothing about the entrant's age. Jurors see an age "
            "group only where the competition allows it."
        ),
    )

    panels = [FieldPanel("name_sq"), FieldPanel("name_en"), FieldPanel("is_age_group")]

    class Meta(Orderable.Meta):
        verbose_name = _("category")

    def __str__(self):
        return self.name_en if get_language() == "en" and self.name_en else self.name_sq


class EntryCounter(models.Model):
    """The last reference number of a competition, allocated under a row lock."""

    competition = models.OneToOneField(
        CompetitionPage, on_delete=models.CASCADE, related_name="entry_counter"
    )
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.competition_id}: {self.last_number}"
