"""Where apps above the jury plug into it, so that the jury never imports them.

They register Wagtail hooks in their `wagtail_hooks.py` (like `competitions/extensions.py`):

- `jury_award_recorded`: a function `(award) -> None`, called inside the transaction that records
  a new or changed award (e.g. the exhibition makes the work's pending publication record);
- `jury_entrant_notice_sections`: a function `(entry, key) -> str`, plain text added to the
  entrant's e-mail `key` ("awarded:<kind>" …), rendered in the recipient's language (e.g. the
  exhibition's link to the publication page).

Why hooks and not signals: the house style keeps signals for Wagtail's and Django's own events;
a hook is an explicit, ordered list that a reader finds with one search, and a test can replace.
"""

from django.utils.safestring import mark_safe
from wagtail import hooks

AWARD_RECORDED = "jury_award_recorded"
ENTRANT_NOTICE_SECTIONS = "jury_entrant_notice_sections"


def award_recorded(award):
    """Tell the apps above that `award` was recorded (inside the caller's transaction)."""
    for provider in hooks.get_hooks(AWARD_RECORDED):
        provider(award)


def entrant_notice_sections(entry, key):
    """The extra paragraphs of an entrant's e-mail, in hook order (empty ones left out)."""
    parts = [provider(entry, key) for provider in hooks.get_hooks(ENTRANT_NOTICE_SECTIONS)]
    text = "\n\n".join(str(part).strip() for part in parts if part and str(part).strip())
    return mark_safe(text)  # noqa: S308 - providers render templates, which escape their values
