"""StreamField blocks shared by the site's pages."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class FigureBlock(blocks.StructBlock):
    """A number and what it counts, e.g. "100 000 young people aged 15–29 reached"."""

    value = blocks.IntegerBlock(label=_("number"), help_text=_("Digits only, e.g. 6390."))
    suffix = blocks.CharBlock(
        label=_("after the number"), required=False, max_length=8, help_text=_("e.g. % or +")
    )
    label = blocks.CharBlock(label=_("what it counts"), max_length=160)

    class Meta:
        icon = "order"
        label = _("Figure")
        template = "website/blocks/figure.html"


class FiguresBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), required=False)
    figures = blocks.ListBlock(FigureBlock(), label=_("figures"))

    class Meta:
        icon = "table"
        label = _("Figures")
        template = "website/blocks/figures.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "website/blocks/image.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("quote"))
    attribution = blocks.CharBlock(
        label=_("attribution"),
        required=False,
        help_text=_("Initials or a changed name only when the person is a victim or a child."),
    )

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "website/blocks/quote.html"


class ContentBlocks(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("Heading"),
        form_classname="title",
        icon="title",
        template="website/blocks/heading.html",
    )
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        features=["bold", "italic", "link", "ol", "ul", "document-link"],
    )
    image = ImageBlock()
    quote = QuoteBlock()
    figures = FiguresBlock()
    list = blocks.ListBlock(
        blocks.CharBlock(label=_("item")),
        label=_("List"),
        icon="list-ul",
        template="website/blocks/list.html",
    )
