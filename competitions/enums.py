"""Kinds, states and choices of the competitions, with the entry workflow's table of moves."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CompetitionKind(models.TextChoices):
    PHOTO = "photo", _("Photography")
    STORY = "story", _("Short story")
    ARTWORK = "artwork", _("Artwork")

    @property
    def takes_image(self):
        return self in (CompetitionKind.PHOTO, CompetitionKind.ARTWORK)


class CompetitionStatus(models.TextChoices):
    UPCOMING = "upcoming", _("Upcoming")
    OPEN = "open", pgettext_lazy("competition status", "Open")
    CLOSED = "closed", pgettext_lazy("competition status", "Closed")
    JUDGING = "judging", _("Judging")
    RESULTS = "results", _("Results announced")


class EntryState(models.TextChoices):
    SUBMITTED = "submitted", pgettext_lazy("entry state", "Submitted")
    AWAITING_CONSENT = "awaiting_consent", _("Awaiting a parent's or guardian's consent")
    IN_MODERATION = "in_moderation", _("Being checked")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    APPROVED = "approved", pgettext_lazy("entry state", "Approved for judging")
    REJECTED = "rejected", pgettext_lazy("entry state", "Not accepted")
    WITHDRAWN = "withdrawn", pgettext_lazy("entry state", "Withdrawn")
    SAFEGUARDING_HOLD = "safeguarding_hold", _("Held for safeguarding")

    @classmethod
    def moderation_queue(cls):
        """States a Competition moderator sees. A safeguarding hold is never among them."""
        return [cls.IN_MODERATION, cls.CHANGES_REQUESTED, cls.APPROVED, cls.REJECTED]

    @classmethod
    def open_for_entrant(cls):
        """States in which the entrant may still withdraw or answer."""
        return [
            cls.AWAITING_CONSENT,
            cls.IN_MODERATION,
            cls.CHANGES_REQUESTED,
            cls.APPROVED,
            cls.REJECTED,
            cls.SAFEGUARDING_HOLD,
        ]

    @classmethod
    def judgeable(cls):
        """States in which an entry may be judged, advanced, awarded and published: the public
        API of the entry for the jury and the exhibition (never name APPROVED there)."""
        return [cls.APPROVED]

    @classmethod
    def erased(cls):
        """States whose personal data and files are deleted (at once or by `purge_entries`)."""
        return [cls.WITHDRAWN, cls.REJECTED]


class Actor(models.TextChoices):
    """Who performs a move. Staff roles are checked against permissions by the caller."""

    SYSTEM = "system", _("System")
    ENTRANT = "entrant", _("Entrant")
    GUARDIAN = "guardian", _("Parent or guardian")
    MODERATOR = "moderator", _("Competition moderator")
    SAFEGUARDING = "safeguarding", _("Safeguarding officer")


S = EntryState
A = Actor

# The whole workflow: (from, to) → who may make that move. Nothing else changes a state.
MOVES = {
    (S.SUBMITTED, S.AWAITING_CONSENT): {A.SYSTEM},
    (S.SUBMITTED, S.IN_MODERATION): {A.SYSTEM},
    (S.AWAITING_CONSENT, S.IN_MODERATION): {A.GUARDIAN},
    (S.AWAITING_CONSENT, S.WITHDRAWN): {A.GUARDIAN, A.ENTRANT, A.SYSTEM},
    (S.IN_MODERATION, S.APPROVED): {A.MODERATOR},
    (S.IN_MODERATION, S.REJECTED): {A.MODERATOR},
    (S.IN_MODERATION, S.CHANGES_REQUESTED): {A.MODERATOR},
    (S.IN_MODERATION, S.SAFEGUARDING_HOLD): {A.MODERATOR},
    (S.IN_MODERATION, S.WITHDRAWN): {A.ENTRANT},
    (S.CHANGES_REQUESTED, S.IN_MODERATION): {A.ENTRANT},
    (S.CHANGES_REQUESTED, S.REJECTED): {A.MODERATOR},
    (S.CHANGES_REQUESTED, S.SAFEGUARDING_HOLD): {A.MODERATOR},
    (S.CHANGES_REQUESTED, S.WITHDRAWN): {A.ENTRANT},
    (S.APPROVED, S.IN_MODERATION): {A.MODERATOR},
    (S.APPROVED, S.SAFEGUARDING_HOLD): {A.MODERATOR},
    (S.APPROVED, S.WITHDRAWN): {A.ENTRANT},
    (S.REJECTED, S.WITHDRAWN): {A.ENTRANT},
    (S.SAFEGUARDING_HOLD, S.IN_MODERATION): {A.SAFEGUARDING},
    (S.SAFEGUARDING_HOLD, S.REJECTED): {A.SAFEGUARDING},
    (S.SAFEGUARDING_HOLD, S.WITHDRAWN): {A.ENTRANT},
}


class ErasureReason(models.TextChoices):
    """Why an entry's personal data was erased (`competitions.models.Erasure`)."""

    WITHDRAWN = "withdrawn", _("Withdrawn by the entrant")
    CONSENT_REFUSED = "consent_refused", _("The parent or guardian refused consent")
    CONSENT_EXPIRED = "consent_expired", _("No consent in time")
    REJECTED = "rejected", _("Rejected, and its keeping period is over")
    AFTER_RESULTS = "after_results", _("The keeping period after the results is over")


class ErasedPart(models.TextChoices):
    """What the competitions erase of an entry (apps above add their own codes)."""

    ENTRANT = "entrant", _("The entrant's details (name, e-mail, date of birth, guardian)")
    WORK = "work", _("Title, description, story and redacted story")
    FILES = "files", _("The image and its thumbnail")
    IMAGE_DETAILS = "image_details", _("Capture date, camera model and image hash")
    MESSAGES = "messages", _("Messages to the entrant and their e-mails")
    LINKS = "links", _("The private links")


class CreditChoice(models.TextChoices):
    REAL_NAME = "real_name", _("My real name")
    PEN_NAME = "pen_name", _("A pen name")
    ANONYMOUS = "anonymous", _("Anonymously")


class ContentWarning(models.TextChoices):
    VIOLENCE = "violence", _("Violence")
    SEXUAL_EXPLOITATION = "sexual_exploitation", _("Sexual exploitation")
    SELF_HARM = "self_harm", _("Self-harm")
    DISTRESS = "distress", _("Distressing personal experience")


class ConsentState(models.TextChoices):
    NOT_NEEDED = "not_needed", _("Not needed")
    PENDING = "pending", _("Waiting for the parent or guardian")
    GIVEN = "given", _("Given")
    REFUSED = "refused", _("Refused")
    EXPIRED = "expired", _("Expired")


class ConsentCheck(models.TextChoices):
    """Why a guardian's consent needs a moderator's check (`competitions.consent`)."""

    SAME_MAILBOX = "same_mailbox", _("The guardian's address reaches the entrant's mailbox")
    DISPOSABLE = "disposable", _("The guardian's address is a throwaway one")


class RejectReason(models.TextChoices):
    INELIGIBLE_AGE = "ineligible_age", _("Age outside the competition's limits")
    PROFESSIONAL = "professional", _("Made by a professional")
    OFF_THEME = "off_theme", _("Off the theme")
    NOT_ORIGINAL = "not_original", _("Not the entrant's own or already published")
    DUPLICATE = "duplicate", _("A duplicate of another entry")
    IDENTIFIES_VICTIM = "identifies_victim", _("Identifies a victim")
    INCOMPLETE_CONSENT = "incomplete_consent", _("Consent incomplete")
    INAPPROPRIATE = "inappropriate", _("Inappropriate")


class EntryLanguage(models.TextChoices):
    SQ = "sq", "Shqip"
    EN = "en", "English"


class Declaration(models.TextChoices):
    """Each declaration the entrant ticks; the time of each is recorded on the entry."""

    NON_PROFESSIONAL = (
        "non_professional",
        _("I am not a professional photographer, writer or artist."),
    )
    OWN_WORK = "own_work", _("The work is my own and has not been published before.")
    PEOPLE_AGREED = (
        "people_agreed",
        _(
            "Everyone who can be recognised in the work agreed to it, and no victim of trafficking "
            "can be identified."
        ),
    )
    RULES_READ = "rules_read", _("I have read the rules and the privacy notice.")
    LICENCE = "licence", _("I grant the licence described in the rules for publishing the work.")


class Recipient(models.TextChoices):
    """Whom a notice about an entry is written to (competitions/notifications.py)."""

    ENTRANT = "entrant", _("Entrant")
    GUARDIAN = "guardian", _("Parent or guardian")
    SAFEGUARDING = "safeguarding", _("Safeguarding officers")
    MODERATORS = "moderators", _("Competition moderators")


class NotificationKind(models.TextChoices):
    RECEIPT = "receipt", _("Receipt")
    CONSENT_REQUEST = "consent_request", _("Consent request to the guardian")
    CONSENT_REMINDER = "consent_reminder", _("Consent reminder to the guardian")
    STATE_CHANGED = "state_changed", _("State changed")
    SAFEGUARDING_ALERT = "safeguarding_alert", _("Alert to safeguarding officers")
    CONSENT_UNDELIVERED = (
        "consent_undelivered",
        _("The consent e-mail could not be delivered (to the entrant)"),
    )
    CONSENT_GIVEN = "consent_given", _("The parent or guardian consented (to the entrant)")
    ENTRANT_REPLY = "entrant_reply", _("A reply from the entrant (to the moderators)")


class MessageKind(models.TextChoices):
    """The e-mails to entrants and guardians whose wording editors can change."""

    RECEIPT = "receipt", _("Receipt")
    RECEIPT_AWAITING_CONSENT = (
        "receipt_awaiting_consent",
        _("Receipt to an entrant who needs a parent's or guardian's consent"),
    )
    CONSENT_REQUEST = "consent_request", _("Consent request to the parent or guardian")
    CONSENT_REMINDER = "consent_reminder", _("Consent reminder to the parent or guardian")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    APPROVED = "approved", _("Approved for judging")
    REJECTED = "rejected", _("Not accepted")
    SAFEGUARDING_HOLD = "safeguarding_hold", _("Held for safeguarding (with the help lines)")
