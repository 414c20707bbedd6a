"""Resources library fields that exist in both languages (django-modeltranslation)."""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from resources.models import ResourceIndexPage, ResourcePage


@register(ResourceIndexPage)
class ResourceIndexPageTR(TranslationOptions):
    fields = ("intro",)


@register(ResourcePage)
class ResourcePageTR(TranslationOptions):
    fields = ("summary",)
