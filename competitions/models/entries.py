"""Entries, their entrants and the audit trail."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from competitions.enums import (
    Actor,
    ConsentCheck,
    ConsentState,
    ContentWarning,
    CreditChoice,
    EntryLanguage,
    EntryState,
    RejectReason,
)
from competitions.models.pages import CompetitionCategory, CompetitionPage
from competitions.storage import private_storage


class EntryQuerySet(models.QuerySet):
    def judgeable(self):
        """Entries the jury may judge and the exhibition may show (see `EntryState.judgeable`)."""
        return self.filter(state__in=EntryState.judgeable())


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
    story_text = models.TextField(pgettext_lazy("text of an entry", "story"), blank=True)
    redacted_text = models.TextField(
        _("redacted story for the jury"),
        blank=True,
        help_text=_("The story without names or places that could identify someone."),
    )
    # Blind judging (jury): a story is approved only once a moderator confirmed its redacted
    # text (`competitions.services.save_redacted_text`); jurors see only that text.
    redaction_confirmed_at = models.DateTimeField(
        _("redacted text confirmed at"), null=True, blank=True
    )
    redaction_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("redacted text confirmed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
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
    # A guardian's address that a moderator should look at (`competitions.consent`).
    consent_check = models.CharField(
        _("consent to check"), max_length=16, choices=ConsentCheck.choices, blank=True
    )
    # The mail server refused the consent e-mail (mail/ marked it failed); the entrant may give
    # another address and send it again, once a day (`services.change_guardian_email`).
    consent_undelivered_at = models.DateTimeField(null=True, blank=True)
    consent_resent_at = models.DateTimeField(null=True, blank=True)

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
    # When the entry last moved into its state (`services.move_entry`): the retention clocks
    # count from here, never from `updated_at`, which any save moves.
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    erased_at = models.DateTimeField(_("personal data deleted at"), null=True, blank=True)

    objects = EntryQuerySet.as_manager()

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
        _("credit"), max_length=16, choices=CreditChoice.choices, default=CreditChoice.PEN_NAME
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
