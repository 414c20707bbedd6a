"""The wording of the e-mails to entrants and guardians, editable in the admin."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from competitions.enums import MessageKind

PLACEHOLDER_HELP = _(
    "You can use these placeholders: {name} the entrant's full name; {guardian} the parent's or "
    "guardian's name; {reference} the entry's reference; {title} the entry's title; "
    "{competition} the competition's title; {link} the private link (the entrant's, or the "
    "parent's or guardian's in consent messages); {days} the days left to consent; {message} "
    "the moderators' message under its heading, or nothing when there is none; {help_lines} the "
    "help lines. Anything else in braces is sent as it is."
)


class EntrantMessage(models.Model):
    """One kind of e-mail in both languages. Without a row (or with an empty field), the
    built-in wording is sent."""

    kind = models.CharField(_("kind"), max_length=32, choices=MessageKind.choices, unique=True)
    subject_sq = models.CharField(_("subject in Albanian"), max_length=200, blank=True)
    subject_en = models.CharField(_("subject in English"), max_length=200, blank=True)
    body_sq = models.TextField(_("text in Albanian"), blank=True, help_text=PLACEHOLDER_HELP)
    body_en = models.TextField(_("text in English"), blank=True, help_text=PLACEHOLDER_HELP)

    panels = [
        FieldPanel("kind"),
        FieldRowPanel([FieldPanel("subject_sq"), FieldPanel("subject_en")]),
        FieldRowPanel([FieldPanel("body_sq"), FieldPanel("body_en")]),
    ]

    class Meta:
        ordering = ["kind"]
        verbose_name = _("message to entrants")
        verbose_name_plural = _("messages to entrants")

    def __str__(self):
        return str(MessageKind(self.kind).label)

    def wording(self, language):
        """(subject, body) in `language`, or None when either is empty there."""
        subject = getattr(self, f"subject_{language}", "")
        body = getattr(self, f"body_{language}", "")
        if not subject.strip() or not body.strip():
            return None
        return subject, body


class EntryMessage(models.Model):
    """A message in an entry's thread that is not part of a move: the entrant's replies on their
    private page (the moderators' messages come with their moves, `EntryEvent.message`).
    `competitions.queries`-style reading: `competitions.services.entry_thread`."""

    class Author(models.TextChoices):
        ENTRANT = "entrant", _("Entrant")
        MODERATOR = "moderator", _("Organisers")

    entry = models.ForeignKey(
        "competitions.Entry", on_delete=models.CASCADE, related_name="thread_messages"
    )
    author = models.CharField(max_length=16, choices=Author.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("message about an entry")

    def __str__(self):
        return f"{self.entry_id}: {self.author}"
