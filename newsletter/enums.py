"""States and kinds of the newsletter, with the table of allowed moves beside each workflow."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Language(models.TextChoices):
    """The language a subscriber reads the bulletin in."""

    SQ = "sq", _("Albanian")
    EN = "en", _("English")
    BOTH = "both", _("Albanian and English")

    @property
    def url_language(self):
        """The language of the links in an e-mail for this choice ("both" uses Albanian)."""
        return "en" if self == Language.EN else "sq"


class SubscriberState(models.TextChoices):
    PENDING = "pending", _("Waiting for confirmation")
    CONFIRMED = "confirmed", pgettext_lazy("subscriber state", "Confirmed")
    UNSUBSCRIBED = "unsubscribed", pgettext_lazy("subscriber state", "Unsubscribed")
    SUPPRESSED = "suppressed", _("Suppressed (bounced or complained)")


# The only states a bulletin is ever sent to.
MAILABLE_STATES = frozenset({SubscriberState.CONFIRMED})

# Every move a subscriber can make; `services.move_subscriber` refuses anything else.
# A suppressed address (hard bounce, complaint) is never mailed again: no way out of it.
SUBSCRIBER_MOVES = {
    SubscriberState.PENDING: {
        SubscriberState.CONFIRMED,
        SubscriberState.UNSUBSCRIBED,
        SubscriberState.SUPPRESSED,
    },
    SubscriberState.CONFIRMED: {SubscriberState.UNSUBSCRIBED, SubscriberState.SUPPRESSED},
    SubscriberState.UNSUBSCRIBED: {
        SubscriberState.PENDING,
        SubscriberState.CONFIRMED,
        SubscriberState.SUPPRESSED,
    },
    SubscriberState.SUPPRESSED: set(),
}


class SuppressionReason(models.TextChoices):
    BOUNCED = "bounced", _("Hard bounce")
    COMPLAINED = "complained", _("Spam complaint")
    REJECTED = "rejected", _("Rejected by the mail provider")


class ConsentSource(models.TextChoices):
    """Which form (or route) the consent came through."""

    FOOTER = "footer", _("Subscribe form in the page footer")
    PAGE = "page", _("Subscribe page")
    IMPORT = "import", _("Imported by staff")
    DEMO = "demo", _("Demo data")


class SendState(models.TextChoices):
    # Waiting for its date and time; the worker starts it (`tasks.start_scheduled_sends`).
    SCHEDULED = "scheduled", pgettext_lazy("bulletin send state", "Scheduled")
    SENDING = "sending", pgettext_lazy("bulletin send state", "Sending")
    FINISHED = "finished", pgettext_lazy("bulletin send state", "Finished")


class DeliveryState(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("delivery state", "Queued")
    SENDING = "sending", pgettext_lazy("delivery state", "Sending")
    SENT = "sent", pgettext_lazy("delivery state", "Sent")
    FAILED = "failed", pgettext_lazy("delivery state", "Failed")


# Deliveries that still have to be sent (a crashed job leaves some in SENDING).
OPEN_DELIVERY_STATES = frozenset({DeliveryState.QUEUED, DeliveryState.SENDING})
