"""Content fields that exist in both languages (django-modeltranslation).

Albanian (`_sq`) is the default and the fallback: an empty English field shows Albanian.
"""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from website.models import CustomImage, HomePage, Municipality, Partner, Region, StandardPage, Topic


@register(HomePage)
class HomePageTR(TranslationOptions):
    fields = ("intro", "body")


@register(StandardPage)
class StandardPageTR(TranslationOptions):
    fields = ("intro", "body")


@register(Partner)
class PartnerTR(TranslationOptions):
    fields = ("name", "description")


@register(CustomImage)
class CustomImageTR(TranslationOptions):
    fields = ("alt_text",)


@register(Topic)
class TopicTR(TranslationOptions):
    fields = ("name",)


@register(Region)
class RegionTR(TranslationOptions):
    fields = ("name",)


@register(Municipality)
class MunicipalityTR(TranslationOptions):
    fields = ("name",)
