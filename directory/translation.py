"""Directory fields that exist in both languages (django-modeltranslation)."""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from directory.models import DirectoryPage, Organisation


@register(Organisation)
class OrganisationTR(TranslationOptions):
    fields = ("name", "description", "address")


@register(DirectoryPage)
class DirectoryPageTR(TranslationOptions):
    fields = ("intro",)
