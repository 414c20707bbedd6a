"""States of a publication and the publication workflow's table of moves."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from competitions.enums import Actor


class PublicationState(models.TextChoices):
    PENDING = "pending", _("Waiting for the confirmations")
    PUBLISHED = "published", pgettext_lazy("publication state", "Published")
    TAKEN_DOWN = "taken_down", _("Taken down")


# The publication workflow: (from, to) → who may make that move. `exhibition.services.
# move_publication` performs them; a work goes public only when its entrant (and guardian) and a
# moderator agree.
# SYSTEM takes a work down when the entry's personal data is erased (withdrawal, purge:
# `exhibition.services.erase_publication`); SAFEGUARDING asks again for every confirmation and
# the checklist when the entry is held for safeguarding and when it returns from the hold
# (`exhibition.services.entry_moved`).
PUBLICATION_MOVES = {
    (PublicationState.PENDING, PublicationState.PUBLISHED): {Actor.SYSTEM},
    (PublicationState.PENDING, PublicationState.PENDING): {Actor.SAFEGUARDING},
    (PublicationState.PENDING, PublicationState.TAKEN_DOWN): {
        Actor.ENTRANT,
        Actor.GUARDIAN,
        Actor.MODERATOR,
        Actor.SYSTEM,
    },
    (PublicationState.PUBLISHED, PublicationState.TAKEN_DOWN): {
        Actor.ENTRANT,
        Actor.GUARDIAN,
        Actor.MODERATOR,
        Actor.SYSTEM,
    },
    (PublicationState.PUBLISHED, PublicationState.PENDING): {Actor.SAFEGUARDING},
    (PublicationState.TAKEN_DOWN, PublicationState.PENDING): {Actor.MODERATOR},
}

# What `exhibition.services.erase_publication` reports to the erasure's audit row.
ERASED_TAKEN_DOWN = "publication_taken_down"
ERASED_CREDIT = "publication_credit"
ERASED_CAPTIONS = "publication_captions"
ERASED_COPIES = "publication_copies"

# The key of the e-mail that asks a parent or guardian to agree (`jury.EntrantNotice.key` is
# "guardian_publication:<nonce>", so that each new link is sent once).
GUARDIAN_NOTICE = "guardian_publication"
