"""Builds the per-language search documents (services: every write to SearchDocument is here).

Text is read from each object's own language columns (`title_en`, `summary_en`, `body_en`…),
never through modeltranslation's fallback, so an item without English text has no English
document and is not found on /en/. In StreamFields that are not translated, where both
languages sit inside one block (`label_sq`, `label_en`), only the keys of the language are read.
A model may add text with a method `search_text(language) -> str` (e.g. campaign activities).
Things that are shown by a view rather than a page (the results and exhibition of a competition,
an exhibition work) are declared with a `document(obj, language)` function that returns their
fields and address in that language, or None when they are not public.

Which models are searched is declared by each app, as plain data, in `<app>/search.py`
(`SEARCHABLE`, read through website.registry): this app names no other app.
"""

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils.html import strip_tags
from django.utils.text import normalize_newlines
from modeltranslation.translator import NotRegistered, translator
from wagtail.fields import StreamField
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index as search_index

from sitesearch.models import KIND_MAX_LENGTH, SearchDocument
from sitesearch.stemming import terms
from website.i18n import LANGUAGE_CODES
from website.registry import collect_all

logger = logging.getLogger(__name__)

SUMMARY_FIELDS = ("summary", "intro", "masthead_intro", "description", "search_description")
TITLE_FIELDS = ("title", "name")
DATE_FIELDS = ("date", "start_date")
# Translated fields that are not text for readers.
SKIPPED_FIELDS = {"slug", "url_path", "seo_title", "alt_text"}
# StreamField keys that hold no reader text.
SKIPPED_KEYS = {"id", "type", "href", "url", "link", "page", "image", "document", "icon", "kind"}
MAX_BODY_LENGTH = 50_000


@dataclass(frozen=True)
class Searchable:
    """A model the search indexes, as an app declares it in `<app>/search.py`:
    `{"model": StoryPage, "kind": "story", "label": pgettext_lazy(..., "Story")}`.

    Optional: `document(obj, language)` returns {"title", "summary", "body", "date", "url"} of
    something a view shows (None when it is not public), instead of reading the object's
    translated fields; `dependents(obj)` returns the objects whose documents change with `obj`
    (an exhibition work's competition lists it on its results and exhibition). A model may be
    declared several times with different kinds (a competition: its page, its results, its
    exhibition)."""

    model: type
    kind: str
    label: str
    document: Callable | None = None
    dependents: Callable | None = None


@cache
def searchables():
    """{model label: [Searchable, …]} of every app's `SEARCHABLE`, in app order.

    Read once: the installed apps do not change while the process runs."""
    found = {}
    for declared in collect_all("search", "SEARCHABLE"):
        item = Searchable(**declared)
        if len(item.kind) > KIND_MAX_LENGTH:
            raise ImproperlyConfigured(f"Search kind {item.kind!r} is longer than 16 characters")
        found.setdefault(item.model._meta.label_lower, []).append(item)
    return found


def searchable_models():
    """{model class: kind} for the searchable models of this installation (the first kind)."""
    return {items[0].model: items[0].kind for items in searchables().values()}


def kind_for(obj):
    items = searchables().get(obj._meta.label_lower)
    return items[0].kind if items else None


def kind_label(kind):
    """What a result of `kind` is, for readers ("Story"); the kind itself when no app has it."""
    return next(
        (item.label for items in searchables().values() for item in items if item.kind == kind),
        kind,
    )


def _translated_fields(model):
    try:
        options = translator.get_options_for_model(model)
    except NotRegistered:
        return []
    return list(options.all_fields)


def _clean(text):
    return " ".join(strip_tags(normalize_newlines(str(text))).split())


def _leaves(data, language, *, paired_only, key=""):
    """Reader text inside raw StreamField data. With `paired_only`, only keys ending in
    `_<language>` (a block that holds both languages)."""
    if isinstance(data, dict):
        for child_key, value in data.items():
            if child_key in SKIPPED_KEYS:
                continue
            if child_key == "value" and "type" in data:
                child_key = key  # the block's own value keeps its parent key
            yield from _leaves(value, language, paired_only=paired_only, key=child_key)
    elif isinstance(data, list | tuple):
        for item in data:
            yield from _leaves(item, language, paired_only=paired_only, key=key)
    elif isinstance(data, str):
        if paired_only and not key.endswith(f"_{language}"):
            return
        if data.startswith(("http://", "https://", "mailto:", "tel:", "#")):
            return
        text = _clean(data)
        if text:
            yield text


def _stream_text(value, language, *, paired_only=False):
    raw = getattr(value, "raw_data", value) or []
    return " ".join(_leaves(list(raw), language, paired_only=paired_only))


def _value(obj, name, language):
    return getattr(obj, f"{name}_{language}", None)


def extract(obj, language):
    """{"title", "summary", "body", "date"} of `obj` in `language`, or None when the object has
    no text of its own in that language."""
    model = type(obj)
    translated = _translated_fields(model)
    title_field = next((name for name in TITLE_FIELDS if name in translated), None)
    if title_field is None:
        return None
    title = _clean(_value(obj, title_field, language) or "")
    summary_field = next(
        (name for name in SUMMARY_FIELDS if name in translated and _value(obj, name, language)),
        None,
    )
    summary = _clean(_value(obj, summary_field, language)) if summary_field else ""
    own_text = title if isinstance(obj, Page) else summary
    if not own_text:
        return None
    if not title:
        title = _clean(getattr(obj, f"{title_field}_sq", "") or "")

    parts = []
    for name in translated:
        if name in SKIPPED_FIELDS or name in (title_field, summary_field):
            continue
        value = _value(obj, name, language)
        if not value:
            continue
        field = model._meta.get_field(name)
        if isinstance(field, StreamField):
            parts.append(_stream_text(value, language))
        elif isinstance(value, str):
            parts.append(_clean(value))
    for field in model._meta.get_fields():
        if isinstance(field, StreamField) and field.name not in translated:
            if any(
                field.name == f"{name}_{code}" for name in translated for code in LANGUAGE_CODES
            ):
                continue
            parts.append(_stream_text(field.value_from_object(obj), language, paired_only=True))
    extra = getattr(obj, "search_text", None)
    if callable(extra):
        parts.append(_clean(extra(language)))

    date = None
    for name in DATE_FIELDS:
        date = getattr(obj, name, None)
        if date:
            break
    return {
        "title": title[:255],
        "summary": summary,
        "body": " ".join(part for part in parts if part)[:MAX_BODY_LENGTH],
        "date": date,
    }


def is_public_page(page):
    if not page.live or page.expired:
        return False
    return not PageViewRestriction.objects.filter(
        page__in=page.get_ancestors(inclusive=True)
    ).exists()


def _fields(item, obj, language):
    if item.document is not None:
        return item.document(obj, language)
    return extract(obj, language)


@transaction.atomic
def index_object(obj, *, follow=True):
    """Create, update or remove the search documents of `obj`, one per kind and language with
    text; with `follow`, then those of its dependents (`Searchable.dependents`)."""
    items = searchables().get(obj._meta.label_lower)
    if not items:
        return []
    if isinstance(obj, Page):
        obj = obj.specific
        if not is_public_page(obj):
            remove_object(obj, follow=follow)
            return []
    content_type = ContentType.objects.get_for_model(type(obj))
    kept = []
    for item in items:
        for language in LANGUAGE_CODES:
            fields = _fields(item, obj, language)
            if fields is None:
                continue
            fields = {**fields, "kind": item.kind, "url": fields.get("url", "")}
            fields["title_terms"] = terms(fields["title"], language)
            fields["terms"] = terms(f"{fields['summary']} {fields['body']}", language)
            if isinstance(obj, Page):
                fields["page"] = obj
            else:
                fields["fragment"] = getattr(obj, "anchor", "")
            document, _created = SearchDocument.objects.update_or_create(
                content_type=content_type,
                object_id=obj.pk,
                language=language,
                kind=item.kind,
                defaults=fields,
            )
            # Wagtail queues its own index update as a background task; the reader should find
            # what was just published without waiting for the worker, so index now as well.
            search_index.insert_or_update_object(document)
            kept.append(document)
    stale = SearchDocument.objects.filter(content_type=content_type, object_id=obj.pk).exclude(
        pk__in=[document.pk for document in kept]
    )
    for document in stale:
        document.delete()
    if follow:
        _index_dependents(items, obj)
    return kept


def _index_dependents(items, obj):
    for item in items:
        if item.dependents is not None:
            for dependent in item.dependents(obj):
                index_object(dependent, follow=False)


@transaction.atomic
def remove_object(obj, *, follow=True):
    content_type = ContentType.objects.get_for_model(type(obj))
    for document in SearchDocument.objects.filter(content_type=content_type, object_id=obj.pk):
        document.delete()
    if follow:
        _index_dependents(searchables().get(obj._meta.label_lower, []), obj)


def _all_objects(model) -> Iterable:
    if issubclass(model, Page):
        return model.objects.live().public().specific()
    return model.objects.all()


def rebuild(stdout=None):
    """Index every searchable object again and drop documents of objects that are gone."""
    kept = set()
    for model in searchable_models():
        for obj in _all_objects(model):
            kept.update(document.pk for document in index_object(obj, follow=False))
    for document in SearchDocument.objects.exclude(pk__in=kept):
        document.delete()
    if stdout is not None:
        stdout.write(f"Search: {len(kept)} documents.\n")
    return len(kept)
