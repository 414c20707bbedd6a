"""Where apps above competitions plug into it, so that competitions never imports them.

They register Wagtail hooks in their `wagtail_hooks.py`:

- `competitions_protected_entry_ids`: a function `() -> iterable of entry ids` that the purge must
  keep (e.g. entries with a jury award or a publication);
- `competitions_entry_page_sections`: a function `(request, entry, token) -> str (HTML) or ""`,
  shown on the entrant's private page under the status (e.g. the way to the publication page);
- `competitions_entry_erased`: a function `(entry, *, reason) -> iterable of str`, called inside
  the transaction that erases the entry's personal data (withdrawal, refused or expired consent,
  every purge): the app erases its own copies (e.g. the publication's credit, captions and
  public-size images, taking the work down at once) and returns codes of what it erased, for
  the erasure's audit row (`competitions.models.Erasure`);
- `competitions_entry_moved`: a function `(entry, event) -> None`, called inside the transaction
  of every move (`services.move_entry`, `event` is the new `EntryEvent`), e.g. the exhibition
  asks again for consent and checklist after a safeguarding hold.
"""

from django.utils.safestring import mark_safe
from wagtail import hooks

PROTECTED_ENTRY_IDS = "competitions_protected_entry_ids"
ENTRY_PAGE_SECTIONS = "competitions_entry_page_sections"
ENTRY_ERASED = "competitions_entry_erased"
ENTRY_MOVED = "competitions_entry_moved"


def protected_entry_ids():
    """Ids of entries that apps above competitions ask the purge to keep."""
    found = set()
    for provider in hooks.get_hooks(PROTECTED_ENTRY_IDS):
        found.update(provider())
    return found


def entry_page_sections(request, entry, token):
    """The extra sections of the entrant's private page, as safe HTML, in hook order."""
    parts = [provider(request, entry, token) for provider in hooks.get_hooks(ENTRY_PAGE_SECTIONS)]
    return mark_safe("".join(str(part) for part in parts if part))  # noqa: S308 - providers render templates


def entry_erased(entry, *, reason):
    """Let the apps above erase their copies of `entry`; the codes of what they erased."""
    erased = []
    for provider in hooks.get_hooks(ENTRY_ERASED):
        erased.extend(provider(entry, reason=reason) or ())
    return erased


def entry_moved(entry, event):
    """Tell the apps above that `entry` moved (`event.from_state` → `event.to_state`)."""
    for provider in hooks.get_hooks(ENTRY_MOVED):
        provider(entry, event)
