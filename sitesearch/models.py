"""One search document per searchable item and language.

wagtail-modeltranslation indexes both languages of a page in one search entry, so a search on
/en/ would find a page by its Albanian words. Instead, each item that an app declares searchable
(`<app>/search.py`: stories, bulletins, campaigns, help organisations, resources) gets one
SearchDocument per language in which it has its own text (sitesearch.indexing builds them), and the search page searches only the documents of the
reader's language, through Wagtail's search backend (SQLite FTS5 or PostgreSQL full text), on
words stemmed for that language by sitesearch.stemming (Albanian has no stemmer in Snowball or
PostgreSQL).
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

# What a document is ("story", "organisation"…): the kinds are declared by the apps
# (`<app>/search.py`), so the column has no fixed choices.
KIND_MAX_LENGTH = 16


class SearchDocument(index.Indexed, models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("The page this document describes; links follow the page when it moves."),
    )
    language = models.CharField(_("language"), max_length=8)
    kind = models.CharField(_("kind"), max_length=KIND_MAX_LENGTH)
    title = models.CharField(_("title"), max_length=255)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("text"), blank=True)
    fragment = models.CharField(
        _("anchor"),
        max_length=120,
        blank=True,
        help_text=_("For items without a page of their own: the anchor on their listing page."),
    )
    url = models.CharField(
        _("address"),
        max_length=500,
        blank=True,
        help_text=_("For what a view shows rather than a page (results, exhibition works)."),
    )
    date = models.DateField(_("date"), null=True, blank=True)
    # What the search matches: the title's words and the summary's and text's words, folded and
    # stemmed for the document's language (sitesearch.stemming), never by the backend.
    title_terms = models.TextField(_("title, as searched"), blank=True)
    terms = models.TextField(_("text, as searched"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    search_fields = [
        index.SearchField("title_terms", boost=3),
        index.SearchField("terms"),
        index.FilterField("language"),
        index.FilterField("kind"),
    ]

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "language", "kind"],
                name="one_search_document_per_object_kind_and_language",
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.title} ({self.language})"
