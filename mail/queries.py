"""Reads of the outbox for the admin report."""

from django.db.models import Count

from mail.enums import MessageState
from mail.models import Message

LISTING_FIELDS = (
    "pk",
    "kind",
    "language",
    "to",
    "subject",
    "state",
    "failure",
    "attempts",
    "last_error",
    "created_at",
    "next_attempt_at",
    "sent_at",
    "failed_at",
)


def listing(state):
    """The e-mails in `state`, newest first, without their bodies."""
    return Message.objects.filter(state=state).only(*LISTING_FIELDS).order_by("-created_at", "-pk")


def counts():
    """{state: number of e-mails}, every state present."""
    found = dict(
        Message.objects.values_list("state").annotate(n=Count("pk")).values_list("state", "n")
    )
    return {state: found.get(state, 0) for state in MessageState.values}
