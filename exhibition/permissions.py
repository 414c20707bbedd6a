"""Who may see or do what with publications: every rule of the exhibition in one place.

Views, services, e-mails, templates and the admin ask this module and nothing else. Checks
return `(allowed, reason)` so that a refusal can be explained.

- The **public** sees `visible_publications()`: published works of entries the competitions app
  still calls judgeable (`EntryState.judgeable()`) and not erased. A take-down, a withdrawal or a
  safeguarding hold removes a work at once: this is read on every request, never cached.
- The **entrant** (no account) reaches their publication page with the private link of their
  entry, until the entry is withdrawn or erased; they confirm (choosing the credit) while the
  publication is pending and the entry judgeable, and take the work down at any time.
- The **parent or guardian** (no account) reaches it with their own link, only while the entry is
  judgeable and their agreement is needed; they confirm or take the work down.
- **Competition moderators** (`competitions.permissions.MODERATE`; superusers have every
  permission)
  tick the checklist, take a work down and ask again for publication, in the admin.
- Who may make which move of the workflow is the table `exhibition.enums.PUBLICATION_MOVES`.
"""

from django.utils.translation import gettext as _

from competitions import tokens
from competitions.enums import EntryState
from competitions.models import Entry
from competitions.permissions import MODERATE
from exhibition.enums import PUBLICATION_MOVES, PublicationState
from exhibition.models import Publication


def can_check(user):
    """Competition moderators (and superusers) tick the checklist and take works down."""
    if user.is_authenticated and user.has_perm(MODERATE):
        return True, ""
    return False, _("Only Competition moderators can check works before publication.")


def can_move(publication, to_state, actor):
    """(allowed, reason) for `actor` moving `publication` into `to_state`."""
    allowed = PUBLICATION_MOVES.get((PublicationState(publication.state), to_state), set())
    if actor in allowed:
        return True, ""
    return False, _("This work cannot go from “%(from)s” to “%(to)s”.") % {
        "from": PublicationState(publication.state).label,
        "to": PublicationState(to_state).label,
    }


def can_be_confirmed(publication):
    """(allowed, reason): may the entrant, the guardian or a moderator still agree to it?"""
    if publication.state != PublicationState.PENDING:
        return False, _("This work is no longer waiting for a confirmation.")
    entry = publication.entry
    if entry.state not in EntryState.judgeable() or entry.erased_at:
        return False, _("This entry can no longer be published.")
    return True, ""


# --- The public ---------------------------------------------------------------------------------


def visible_publications():
    """What the public may see: published works of judgeable entries that are not erased."""
    return Publication.objects.filter(
        state=PublicationState.PUBLISHED,
        entry__state__in=EntryState.judgeable(),
        entry__erased_at__isnull=True,
    )


# --- Entrant and guardian, by token -------------------------------------------------------------


def _entries():
    return Entry.objects.select_related("competition", "entrant", "category", "publication")


def publication_for_entrant(token):
    """(entry, publication) behind the entrant's private link, or (None, None): the link works
    until the entry is withdrawn or erased, and only for an entry with a publication record."""
    entry = tokens.entry_for_entrant(token, _entries())
    if entry is None or entry.state == EntryState.WITHDRAWN or entry.erased_at:
        return None, None
    publication = getattr(entry, "publication", None)
    if publication is None:
        return None, None
    return entry, publication


def publication_for_guardian(token):
    """(entry, publication) behind the guardian's link, or (None, None): only while the entry is
    judgeable and not erased, and the guardian's agreement is needed."""
    entry = tokens.entry_for_guardian(token, _entries())
    if entry is None or entry.state not in EntryState.judgeable() or entry.erased_at:
        return None, None
    publication = getattr(entry, "publication", None)
    if publication is None or not publication.guardian_needed:
        return None, None
    return entry, publication


def guardian_may_be_asked(entry):
    """The guardian's e-mail goes only for a judgeable entry that is not erased."""
    return entry.state in EntryState.judgeable() and not entry.erased_at
