"""The models of the competitions, one module per concern."""

from competitions.models.duplicates import PossibleDuplicate
from competitions.models.entries import Entrant, Entry, EntryEvent
from competitions.models.erasures import Erasure
from competitions.models.messages import EntrantMessage, EntryMessage
from competitions.models.pages import (
    CompetitionCategory,
    CompetitionIndexPage,
    CompetitionPage,
    EntryCounter,
)
from competitions.models.uploads import PendingUpload

__all__ = [
    "CompetitionCategory",
    "CompetitionIndexPage",
    "CompetitionPage",
    "Entrant",
    "EntrantMessage",
    "Entry",
    "EntryCounter",
    "EntryEvent",
    "EntryMessage",
    "Erasure",
    "PendingUpload",
    "PossibleDuplicate",
]
