"""Blocks of a campaign page whose items must stay paired across the two languages."""

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class ImpactFigureValue(blocks.StructValue):
    @property
    def label(self):
        """The label in the reader's language, Albanian when the English one is missing."""
        if get_language() == "en" and self.get("label_en"):
            return self["label_en"]
        return self.get("label_sq", "")


class ImpactFigureBlock(blocks.StructBlock):
    """A number and what it counts, both languages in one block: "2 000 adolescents engaged"."""

    value = blocks.IntegerBlock(
        label=_("number"), min_value=0, help_text=_("Digits only, e.g. 2000.")
    )
    label_sq = blocks.CharBlock(
        label=_("what it counts, in Albanian"),
        max_length=160,
        help_text=_("e.g. adoleshentë të përfshirë"),
    )
    label_en = blocks.CharBlock(
        label=_("what it counts, in English"),
        max_length=160,
        required=False,
        help_text=_("e.g. adolescents engaged. Left empty, the Albanian label is shown."),
    )

    class Meta:
        icon = "order"
        label = _("Impact figure")
        template = "campaigns/blocks/impact_figure.html"
        value_class = ImpactFigureValue


class KeyMessagesBlock(blocks.StreamBlock):
    message = blocks.TextBlock(
        label=_("key message"),
        help_text=_("One sentence the campaign wants everyone to remember."),
    )
