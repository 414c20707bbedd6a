"""The redaction screen's marks: where a story may name its author.

Before a story goes to the jury a moderator confirms its redacted text
(`competitions.services.save_redacted_text`). To help, the screen marks, in the story and in the
redacted text, every place where the entrant's full name, pen name, e-mail local part,
municipality or guardian's name occur: whole words, in any case and with or without
diacritics ("Bërisha", "BERISHA" and "berisha" all match "Berisha"; ç matches c, ë matches e).
The marks are made here on the server into ``<mark>`` elements; the template only shows them.
"""

import re
import unicodedata
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import mark_safe

MIN_WORD = 3  # shorter name parts ("Ai", "Li") would mark half the story


def fold(text):
    """`text` for comparison: lower case, without diacritics (NFKD, combining marks dropped)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _folded_with_positions(text):
    """The folded text and, for each of its characters, the index of the original character it
    comes from (folding may change the length: "ß" → "ss")."""
    folded, origin = [], []
    for index, char in enumerate(text):
        for piece in fold(char):
            folded.append(piece)
            origin.append(index)
    return "".join(folded), origin


def identifying_terms(entry):
    """The words to look for, folded: each full name, pen name and guardian name whole and word
    by word, the e-mail's local part whole and split at dots, dashes, underscores and plus
    signs, and the municipality's names. Empty when the entrant's data is gone."""
    entrant = getattr(entry, "entrant", None)
    if entrant is None:
        return []
    names = [entrant.full_name, entrant.pen_name, entrant.guardian_name]
    local_part = entrant.email.split("@", 1)[0]
    names.append(local_part)
    names.extend(re.split(r"[._+\-]+", local_part))
    municipality = entrant.municipality
    if municipality is not None:
        names.append(municipality.name)
    terms = set()
    for name in names:
        name = fold(name or "").strip()
        if not name:
            continue
        terms.add(name)
        terms.update(word for word in re.split(r"[\W\d_]+", name) if len(word) >= MIN_WORD)
    return sorted((term for term in terms if len(term) >= MIN_WORD), key=lambda t: (-len(t), t))


def _pattern(terms):
    if not terms:
        return None
    alternatives = "|".join(re.escape(term) for term in terms)  # longest first
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def find(text, terms):
    """[(start, end)] of the matches of `terms` in `text` (indexes into the original text)."""
    pattern = _pattern(terms)
    if pattern is None or not text:
        return []
    folded, origin = _folded_with_positions(text)
    spans = []
    for match in pattern.finditer(folded):
        start, end = origin[match.start()], origin[match.end() - 1] + 1
        if spans and start < spans[-1][1]:
            continue
        spans.append((start, end))
    return spans


def highlight(text, terms):
    """`text`, escaped, with each match in ``<mark>`` and line breaks as ``<br>``: safe HTML."""
    parts, position = [], 0
    for start, end in find(text, terms):
        parts.append(escape(text[position:start]))
        parts.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts).replace("\r\n", "\n").replace("\n", "<br>\n"))  # noqa: S308 - escaped above


@dataclass(frozen=True)
class RedactionScreen:
    story: str  # safe HTML
    story_matches: int
    redacted: str  # safe HTML of the redacted text as saved
    redacted_matches: int
    draft: str  # what the text box starts with


def screen(entry):
    """What the redaction screen shows for `entry`."""
    terms = identifying_terms(entry)
    redacted = entry.redacted_text
    return RedactionScreen(
        story=highlight(entry.story_text, terms),
        story_matches=len(find(entry.story_text, terms)),
        redacted=highlight(redacted, terms),
        redacted_matches=len(find(redacted, terms)),
        draft=redacted or entry.story_text,
    )
