"""The news items of a bulletin issue.

One StreamField, not translated: each item carries both languages (or points to a story that
does), so the Albanian and English versions of an issue always list the same items in the same
order.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class StoryItemBlock(blocks.StructBlock):
    story = blocks.PageChooserBlock(
        label=_("story"),
        page_type="stories.StoryPage",
        help_text=_("The item shows the story's date, title, summary and image, in each language."),
    )

    class Meta:
        icon = "doc-full-inverse"
        label = _("Story from this site")


class OwnItemBlock(blocks.StructBlock):
    date = blocks.DateBlock(label=_("date"), help_text=_("When it happened."))
    headline_sq = blocks.CharBlock(label=_("headline in Albanian"), max_length=255)
    headline_en = blocks.CharBlock(label=_("headline in English"), max_length=255)
    summary_sq = blocks.TextBlock(
        label=_("summary in Albanian"), help_text=_("One or two short paragraphs.")
    )
    summary_en = blocks.TextBlock(
        label=_("summary in English"), help_text=_("One or two short paragraphs.")
    )
    image = ImageChooserBlock(
        label=_("image"),
        required=False,
        help_text=_("Optional; its alt text comes from the image."),
    )
    url = blocks.URLBlock(
        label=_("full article link"),
        required=False,
        help_text=_("Where “Read the full article” leads, e.g. a partner's website."),
    )

    class Meta:
        icon = "edit"
        label = _("Item written here")


class BulletinItemsBlock(blocks.StreamBlock):
    story = StoryItemBlock()
    own = OwnItemBlock()
