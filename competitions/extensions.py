"""Where apps above competitions plug into it, so that competitions never imports them.

They register Wagtail hooks in their `wagtail_hooks.py`:

- `competitions_protected_entry_ids`: a function `() -> iterable of entry ids` that the purge must
  keep (e.g. entries with a jury award or a publication);
- `competitions_entry_page_sections`: a function `(request, entry, token) -> str (HTML) or ""`,
  shown on the entrant's private page under the status (e.g. the way to the publication page).
"""

from django.utils.safestring import mark_safe
from wagtail import hooks

PROTECTED_ENTRY_IDS = "competitions_protected_entry_ids"
ENTRY_PAGE_SECTIONS = "competitions_entry_page_sections"


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
