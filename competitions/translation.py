"""Content fields of the competitions in both languages."""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from competitions.models import CompetitionIndexPage, CompetitionPage


@register(CompetitionIndexPage)
class CompetitionIndexPageTR(TranslationOptions):
    fields = ("intro",)


@register(CompetitionPage)
class CompetitionPageTR(TranslationOptions):
    fields = ("theme", "intro", "rules", "eligibility", "prizes", "licence", "jury", "body")
