"""Keep the search documents in step with Wagtail and Django events (no chaining of our own)."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from sitesearch import indexing


def on_page_published(sender, instance, **kwargs):
    if indexing.kind_for(instance) is not None:
        indexing.index_object(instance)


def on_page_unpublished(sender, instance, **kwargs):
    if indexing.kind_for(instance) is not None:
        indexing.remove_object(instance)


def on_snippet_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        indexing.index_object(instance)


def on_snippet_deleted(sender, instance, **kwargs):
    indexing.remove_object(instance)


def connect():
    page_published.connect(on_page_published, dispatch_uid="sitesearch_page_published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="sitesearch_page_unpublished")
    # Pages are removed with their documents by the foreign key (on_delete=CASCADE);
    # items without a page are followed here.
    for model in indexing.searchable_models():
        if issubclass(model, Page):
            continue
        post_save.connect(on_snippet_saved, sender=model, dispatch_uid=f"sitesearch_save_{model}")
        post_delete.connect(
            on_snippet_deleted, sender=model, dispatch_uid=f"sitesearch_delete_{model}"
        )
