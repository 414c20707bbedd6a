"""Bulletin fields written in both languages. The news items are NOT registered: each item
keeps both languages inside one block (see bulletins/blocks.py)."""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from bulletins.models import BulletinIndexPage, BulletinPage


@register(BulletinIndexPage)
class BulletinIndexPageTR(TranslationOptions):
    fields = ("intro",)


@register(BulletinPage)
class BulletinPageTR(TranslationOptions):
    fields = ("period_label", "masthead_intro", "competition_heading", "competition_text")
