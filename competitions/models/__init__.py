"""The models of the competitions, one module per concern."""

from competitions.models.duplicates import PossibleDuplicate
from competitions.models.entries import Entrant, Entry, EntryEvent, Notification
from competitions.models.erasures import Erasure
from competitions.models.messages import EntrantMessage
from competitions.models.pages import (
    CompetitionCategory,
    CompetitionIndexPage,
    CompetitionPage,
    EntryCounter,
)

__all__ = [
    "CompetitionCategory",
    "CompetitionIndexPage",
    "CompetitionPage",
    "Entrant",
    "EntrantMessage",
    "Entry",
    "EntryCounter",
    "EntryEvent",
    "Erasure",
    "Notification",
    "PossibleDuplicate",
]
