"""Competition pages, entries, their entrants, the audit trail and the e-mail outbox."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page

from competitions.enums import (
    Actor,
    CompetitionKind,
    CompetitionStatus,
    ConsentState,
    ContentWarning,
    CreditChoice,
    EntryLanguage,
    EntryState,
    NotificationKind,
    RejectReason,
)
from competitions.storage import private_storage
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
        from competitions import queries

        context = super().get_context(request, *args, **kwargs)
        context["competitions"] = queries.competitions_under(self)
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
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("min_age"), FieldPanel("max_age")]),
                FieldRowPanel([FieldPanel("consent_age"), FieldPanel("consent_days")]),
                FieldPanel("consent_reminder_days"),
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

    panels = [FieldPanel("name_sq"), FieldPanel("name_en")]

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


class Entry(models.Model):
    """One work submitted to one competition. Personal data lives on its `Entrant`."""

    competition = models.ForeignKey(
        CompetitionPage, on_delete=models.PROTECT, related_name="entries"
    )
    reference = models.CharField(_("reference"), max_length=32, unique=True)
    number = models.PositiveIntegerField()
    state = models.CharField(
        _("state"), max_length=24, choices=EntryState.choices, default=EntryState.SUBMITTED
    )
    category = models.ForeignKey(
        CompetitionCategory,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    description = models.TextField(_("description or caption"), blank=True)
    story_text = models.TextField(_("story"), blank=True)
    redacted_text = models.TextField(
        _("redacted story for the jury"),
        blank=True,
        help_text=_("The story without names or places that could identify someone."),
    )
    language = models.CharField(
        _("language of the work"), max_length=2, choices=EntryLanguage.choices, blank=True
    )
    word_count = models.PositiveIntegerField(_("words"), default=0)
    content_warning = models.CharField(
        _("content warning"), max_length=32, choices=ContentWarning.choices, blank=True
    )
    image = models.FileField(_("image"), storage=private_storage, max_length=200, blank=True)
    thumbnail = models.FileField(storage=private_storage, max_length=200, blank=True)
    image_width = models.PositiveIntegerField(null=True, blank=True)
    image_height = models.PositiveIntegerField(null=True, blank=True)
    image_hash = models.CharField(_("perceptual hash"), max_length=16, blank=True)
    taken_at = models.DateTimeField(_("capture date"), null=True, blank=True)
    camera_model = models.CharField(_("camera model"), max_length=100, blank=True)

    # Anonymous facts kept for counts after the personal data is gone.
    age = models.PositiveSmallIntegerField(_("age when entering"), null=True, blank=True)
    country = models.CharField(_("country of residence"), max_length=2, blank=True)
    consent_state = models.CharField(
        _("consent"), max_length=16, choices=ConsentState.choices, default=ConsentState.NOT_NEEDED
    )
    consent_at = models.DateTimeField(_("consent recorded at"), null=True, blank=True)
    consent_reminded_at = models.DateTimeField(null=True, blank=True)

    declared_non_professional_at = models.DateTimeField(null=True, blank=True)
    declared_own_work_at = models.DateTimeField(null=True, blank=True)
    declared_people_agreed_at = models.DateTimeField(null=True, blank=True)
    declared_rules_read_at = models.DateTimeField(null=True, blank=True)
    declared_licence_at = models.DateTimeField(null=True, blank=True)

    form_token = models.CharField(max_length=64, unique=True)
    access_nonce = models.CharField(max_length=32)
    guardian_nonce = models.CharField(max_length=32, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    erased_at = models.DateTimeField(_("personal data deleted at"), null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("entry")
        verbose_name_plural = _("entries")
        permissions = [
            ("moderate_entry", "Can moderate competition entries"),
            ("handle_safeguarding", "Can see and handle entries held for safeguarding"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["competition", "number"], name="entry_number_unique"),
        ]
        indexes = [models.Index(fields=["competition", "state"])]

    def __str__(self):
        return self.reference

    @property
    def declarations(self):
        return {
            "non_professional": self.declared_non_professional_at,
            "own_work": self.declared_own_work_at,
            "people_agreed": self.declared_people_agreed_at,
            "rules_read": self.declared_rules_read_at,
            "licence": self.declared_licence_at,
        }


class Entrant(models.Model):
    """The person behind one entry: private, never shown to jurors or readers."""

    entry = models.OneToOneField(Entry, on_delete=models.CASCADE, related_name="entrant")
    full_name = models.CharField(_("full name"), max_length=150)
    email = models.EmailField(_("e-mail"))
    date_of_birth = models.DateField(_("date of birth"))
    country = models.CharField(_("country of residence"), max_length=2)
    municipality = models.ForeignKey(
        "website.Municipality",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    language = models.CharField(
        _("language for messages"), max_length=2, choices=settings.LANGUAGES, default="sq"
    )
    credit = models.CharField(
        _("credit"), max_length=16, choices=CreditChoice.choices, default=CreditChoice.REAL_NAME
    )
    pen_name = models.CharField(_("pen name"), max_length=100, blank=True)
    guardian_name = models.CharField(_("parent or guardian's name"), max_length=150, blank=True)
    guardian_email = models.EmailField(_("parent or guardian's e-mail"), blank=True)

    class Meta:
        verbose_name = _("entrant")

    def __str__(self):
        return self.entry.reference if self.entry_id else "-"


class EntryEvent(models.Model):
    """The audit trail: one row for every move of an entry (and every safeguarding note)."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="events")
    from_state = models.CharField(max_length=24, choices=EntryState.choices)
    to_state = models.CharField(max_length=24, choices=EntryState.choices)
    actor = models.CharField(max_length=16, choices=Actor.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(max_length=32, choices=RejectReason.choices, blank=True)
    note = models.TextField(_("internal note"), blank=True)
    message = models.TextField(_("message to the entrant"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.entry_id}: {self.from_state} → {self.to_state}"


class Notification(models.Model):
    """An e-mail to send: saved with the change that causes it, sent by a task, retried.

    The content is rendered when sending, from the entry as it then is; an entry whose personal
    data was deleted has nobody left to write to, and its pending notifications are dropped.
    """

    class Recipient(models.TextChoices):
        ENTRANT = "entrant", _("Entrant")
        GUARDIAN = "guardian", _("Parent or guardian")
        SAFEGUARDING = "safeguarding", _("Safeguarding officers")

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=24, choices=NotificationKind.choices)
    recipient = models.CharField(max_length=16, choices=Recipient.choices)
    event = models.ForeignKey(EntryEvent, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.kind} → {self.recipient}"
