"""Campaign fields that exist in both languages (django-modeltranslation).

Impact figures are not registered: each figure keeps both labels inside one block.
"""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from campaigns.models import CampaignActivity, CampaignIndexPage, CampaignPage


@register(CampaignIndexPage)
class CampaignIndexPageTR(TranslationOptions):
    fields = ("intro",)


@register(CampaignPage)
class CampaignPageTR(TranslationOptions):
    fields = ("summary", "key_messages", "body", "cta_text")


@register(CampaignActivity)
class CampaignActivityTR(TranslationOptions):
    fields = ("place", "description")
