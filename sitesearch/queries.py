"""The search itself: the reader's language only, ranked by the search backend, with excerpts."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe
from wagtail.search.backends import get_search_backend

from sitesearch.models import SearchDocument
from sitesearch.stemming import fold, stem, terms

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
EXCERPT_LENGTH = 240
# Anything that is not a letter, digit or space could be read as search syntax: drop it.
_NOT_WORD = re.compile(r"[^\w\s]|_", re.UNICODE)


def clean_query(raw: str) -> str:
    """The words of the query, without search syntax, at most MAX_TERMS of them."""
    return " ".join(_NOT_WORD.sub(" ", raw).split()[:MAX_TERMS])


def search(query: str, *, language: str):
    """Ranked documents in `language` matching every word of `query` (a cleaned query), each
    word in any of its forms: the query is stemmed as the documents' terms were."""
    documents = SearchDocument.objects.filter(language=language).select_related("page")
    return get_search_backend().search(terms(query, language), documents, operator="and")


_WORD = re.compile(r"\w+", re.UNICODE)


def _matches(text: str, stems: set[str], language: str):
    """(start, end) of every word in `text` that is a form of one of `stems`."""
    folded = fold(text)
    return [
        (match.start(), match.end())
        for match in _WORD.finditer(folded)
        if stem(match.group(), language) in stems
    ]


def _highlight(text: str, spans, offset=0):
    out, position = [], 0
    for start, end in spans:
        start, end = start - offset, end - offset
        if end <= 0 or start >= len(text):
            continue
        start, end = max(start, 0), min(end, len(text))
        out.append(escape(text[position:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    out.append(escape(text[position:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece is escaped above


def excerpt(document: SearchDocument, query: str):
    """The summary with the query's words marked; when they are not in the summary, the part
    of the text where they first appear."""
    stems = set(terms(query, document.language).split())
    spans = _matches(document.summary, stems, document.language)
    if spans or not document.body:
        return _highlight(document.summary, spans)
    body_spans = _matches(document.body, stems, document.language)
    if not body_spans:
        return _highlight(document.summary, [])
    first = body_spans[0][0]
    start = max(0, first - EXCERPT_LENGTH // 3)
    if start:
        space = document.body.rfind(" ", 0, start)
        start = space + 1 if space != -1 else start
    end = min(len(document.body), start + EXCERPT_LENGTH)
    if end < len(document.body):
        space = document.body.rfind(" ", start, end)
        end = space if space > first else end
    text = document.body[start:end]
    highlighted = _highlight(text, body_spans, offset=start)
    prefix = "… " if start else ""
    suffix = " …" if end < len(document.body) else ""
    return mark_safe(f"{prefix}{highlighted}{suffix}")  # noqa: S308 - built from escaped parts
