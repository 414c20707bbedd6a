"""StreamField blocks of a story's body."""

import re
from urllib.parse import parse_qs, urlparse

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from website.blocks import FigureBlock, QuoteBlock


class StoryImageBlock(blocks.StructBlock):
    """An image in the text. Alt text and credit come from the image itself."""

    image = ImageChooserBlock(
        label=_("image"),
        help_text=_("Alt text and credit are taken from the image; edit them in Images."),
    )
    caption = blocks.CharBlock(
        label=_("caption"),
        required=False,
        max_length=255,
        help_text=_("What the image shows, in the language of this tab."),
    )
    credit = blocks.CharBlock(
        label=_("credit"),
        required=False,
        max_length=120,
        help_text=_("Leave empty to use the image's own credit."),
    )

    class Meta:
        icon = "image"
        label = _("Image")
        template = "stories/blocks/image.html"


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(
        label=_("text"),
        max_length=200,
        help_text=_("One sentence that says what the reader can do, e.g. report a case."),
    )
    button = blocks.CharBlock(
        label=_("button label"), max_length=60, help_text=_("e.g. Find help near you")
    )
    page = blocks.PageChooserBlock(
        label=_("page"), required=False, help_text=_("A page of this site, or a link below.")
    )
    url = blocks.URLBlock(
        label=_("link"), required=False, help_text=_("Used when no page is chosen.")
    )

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "stories/blocks/call_to_action.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(
        label=_("document"), help_text=_("A report, leaflet or poster from the documents library.")
    )
    label = blocks.CharBlock(
        label=_("link text"),
        required=False,
        max_length=160,
        help_text=_("Leave empty to use the document's title."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "stories/blocks/document.html"


YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be"}
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}
VIDEO_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")


def embed_url_for(url):
    """The player URL for a YouTube or Vimeo link (privacy-enhanced where there is one), or ""."""
    parsed = urlparse(url or "")
    host = (parsed.hostname or "").lower()
    if host in YOUTUBE_HOSTS:
        if host == "youtu.be":
            video_id = parsed.path.strip("/")
        elif parsed.path == "/watch":
            video_id = parse_qs(parsed.query).get("v", [""])[0]
        elif parsed.path.startswith(("/embed/", "/shorts/")):
            video_id = parsed.path.split("/")[2]
        else:
            video_id = ""
        if VIDEO_ID.match(video_id):
            return f"https://www.youtube-nocookie.com/embed/{video_id}?autoplay=1"
    elif host in VIMEO_HOSTS:
        video_id = parsed.path.rstrip("/").split("/")[-1]
        if video_id.isdigit():
            return f"https://player.vimeo.com/video/{video_id}?autoplay=1&dnt=1"
    return ""


class VideoBlock(blocks.StructBlock):
    """A video that loads nothing from the video site until the reader clicks.

    The page shows a still image from our own media and a link to the video. stories/js/video.js
    turns the link into the player only on click; without JavaScript it stays a plain link.
    """

    url = blocks.URLBlock(
        label=_("video link"), help_text=_("The video's address on YouTube or Vimeo.")
    )
    still = ImageChooserBlock(
        label=_("still image"),
        help_text=_("A frame of the video, uploaded here: nothing loads from the video site."),
    )
    title = blocks.CharBlock(
        label=_("title"), max_length=160, help_text=_("What the video is about, for the play link.")
    )
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=255)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "stories/blocks/video.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["embed_url"] = embed_url_for(value.get("url"))
        return context


class StoryBodyBlocks(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("Heading"),
        form_classname="title",
        icon="title",
        template="website/blocks/heading.html",
        help_text=_("A short section heading."),
    )
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        features=["bold", "italic", "link", "ol", "ul", "document-link"],
        help_text=_("Name victims and children by initials or a changed name only."),
    )
    image = StoryImageBlock()
    quote = QuoteBlock()
    figure = FigureBlock(label=_("Fact or figure"))
    call_to_action = CallToActionBlock()
    document = DocumentLinkBlock()
    video = VideoBlock()
