"""The states of an outgoing e-mail and the moves between them."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class MessageState(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("e-mail state", "Waiting to be sent")
    SENT = "sent", pgettext_lazy("e-mail state", "Sent")
    FAILED = "failed", pgettext_lazy("e-mail state", "Failed")


# Every move an outgoing e-mail can make; `delivery` and `outbox.send_again` make them.
# QUEUED → QUEUED is a failed attempt that will be tried again later.
MESSAGE_MOVES = {
    MessageState.QUEUED: {MessageState.QUEUED, MessageState.SENT, MessageState.FAILED},
    MessageState.FAILED: {MessageState.QUEUED},  # "send again" by staff
    # The server accepted it, then the recipient's mailbox bounced it (`bounces.record_bounce`).
    MessageState.SENT: {MessageState.FAILED},
}


class FailureKind(models.TextChoices):
    """Why an e-mail is FAILED (empty while it is not)."""

    REFUSED = "refused", _("Refused by the mail server")
    GAVE_UP = "gave_up", _("Too many attempts")
    BOUNCED = "bounced", _("Bounced after it was sent")
