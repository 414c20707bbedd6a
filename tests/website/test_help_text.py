"""Every field an editor fills in on a page type explains itself (help text in both languages)."""

import pytest
from django.apps import apps
from django.utils import translation
from wagtail.models import Page

# The publishing apps (issue 3) and the site core. The competitions app keeps its own check.
APPS = ("website", "stories", "bulletins", "campaigns", "directory", "resources", "sitesearch")


def page_models():
    return [
        model
        for model in apps.get_models()
        if issubclass(model, Page) and model._meta.app_label in APPS
    ]


def editor_fields(model):
    """Fields declared on the page type itself (not Wagtail's own) that the admin form shows."""
    return [
        field
        for field in model._meta.get_fields()
        if getattr(field, "model", None) is model
        and (field.concrete or field.many_to_many)
        and not field.auto_created
        and field.editable
    ]


def test_the_check_covers_every_page_type_of_the_publishing_apps():
    names = {model.__name__ for model in page_models()}

    assert {
        "HomePage",
        "StandardPage",
        "StoryIndexPage",
        "StoryYearPage",
        "StoryPage",
        "BulletinIndexPage",
        "BulletinPage",
        "CampaignIndexPage",
        "CampaignPage",
        "DirectoryPage",
        "ResourceIndexPage",
        "ResourcePage",
    } <= names


@pytest.mark.parametrize("model", page_models(), ids=lambda model: model.__name__)
def test_every_field_of_a_page_type_has_help_text_in_both_languages(model):
    missing, untranslated = [], []
    for field in editor_fields(model):
        with translation.override("en"):
            english = str(field.help_text)
        with translation.override("sq"):
            albanian = str(field.help_text)
        if not english.strip():
            missing.append(field.name)
        elif albanian == english:
            untranslated.append(field.name)

    assert missing == []
    assert untranslated == []
