"""Story fields written in both languages (title and slug are translated for every page)."""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from stories.models import StoryIndexPage, StoryPage, StoryYearPage


@register(StoryIndexPage)
class StoryIndexPageTR(TranslationOptions):
    fields = ("intro",)


@register(StoryYearPage)
class StoryYearPageTR(TranslationOptions):
    fields = ()


@register(StoryPage)
class StoryPageTR(TranslationOptions):
    fields = ("summary", "body")
