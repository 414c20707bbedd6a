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
PUBLICATION_MOVES = {
    (PublicationState.PENDING, PublicationState.PUBLISHED): {Actor.SYSTEM},
    (PublicationState.PENDING, PublicationState.TAKEN_DOWN): {
        Actor.ENTRANT,
        Actor.GUARDIAN,
        Actor.MODERATOR,
    },
    (PublicationState.PUBLISHED, PublicationState.TAKEN_DOWN): {
        Actor.ENTRANT,
        Actor.GUARDIAN,
        Actor.MODERATOR,
    },
    (PublicationState.TAKEN_DOWN, PublicationState.PENDING): {Actor.MODERATOR},
}

# The key of the e-mail that asks a parent or guardian to agree (`jury.EntrantNotice.key` is
# "guardian_publication:<nonce>", so that each new link is sent once).
GUARDIAN_NOTICE = "guardian_publication"
