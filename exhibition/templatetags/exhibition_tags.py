"""Template tags of the exhibition's public pages."""

from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language

from exhibition import images
from exhibition.queries import competition_slug

register = template.Library()


def _image_url(publication, width):
    slug = competition_slug(publication.competition, get_language() or "sq")
    return reverse("exhibition:work_image", args=[slug, publication.public_id, width])


@register.simple_tag
def work_image(publication, sizes="100vw", eager=False, css_class=""):
    """The published work as a responsive <img>: a few widths, alt text from the caption."""
    entry = publication.entry
    widths = images.widths_for(entry)
    srcset = format_html_join(
        ", ", "{} {}w", ((_image_url(publication, width), width) for width in widths)
    )
    middle = widths[min(1, len(widths) - 1)]
    height = ""
    if entry.image_width and entry.image_height:
        shown = min(entry.image_width, widths[-1])
        height = round(entry.image_height * shown / entry.image_width)
        size = format_html(' width="{}" height="{}"', shown, height)
    else:
        size = ""
    return format_html(
        '<img src="{}" srcset="{}" sizes="{}" alt="{}"{} loading="{}" decoding="async" class="{}">',
        _image_url(publication, middle),
        srcset,
        sizes,
        publication.caption or entry.title,
        size,
        "eager" if eager else "lazy",
        css_class,
    )
