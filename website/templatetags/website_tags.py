"""Template tags for the bilingual site: localized dates and numbers (formatted by website/l10n.py),
language links, responsive images, sharing tags, home page sections, fragments kept until the
content changes."""

import functools
import hashlib

from django import template
from django.urls import translate_url
from django.utils.encoding import force_str
from django.utils.translation import get_language
from PIL import features
from wagtail.images.models import Filter, Picture
from wagtail.images.shortcuts import get_rendition_or_not_found, get_renditions_or_not_found
from wagtail.models import Site

from website import content_cache, l10n
from website.i18n import DEFAULT_LANGUAGE, LANGUAGE_CODES, language_names
from website.l10n import reader_locale

register = template.Library()


def _locale():
    return reader_locale()


@register.filter
def l10n_date(value, pattern=l10n.DATE_PATTERN):
    """17 nëntor 2020 / 17 November 2020 (website/l10n.py decides)."""
    return l10n.format_date(value, pattern)


@register.filter
def l10n_datetime(value, pattern=l10n.DATETIME_PATTERN):
    """17 nëntor 2020, 17:05, in Europe/Tirane, 24-hour (website/l10n.py decides)."""
    return l10n.format_datetime(value, pattern)


@register.filter
def l10n_number(value):
    """100 000 / 100,000 (website/l10n.py decides)."""
    return l10n.format_number(value)


@register.simple_tag(takes_context=True)
def home_section(context, section):
    """Render one home page section (website.registry.HomeSection) with its own context."""
    template = context.template.engine.get_template(section["template"])
    with context.push(section["context"]):
        return template.render(context)


def alternate_urls(context):
    """{code: absolute URL of the current page in that language}.

    The head (hreflang) and the header (switcher) both need them: they are worked out once per
    template render and kept in its render context.
    """
    cache = context.render_context
    if "alternate_urls" not in cache:
        cache["alternate_urls"] = _alternate_urls(context)
    return cache["alternate_urls"]


def _alternate_urls(context):
    request = context.get("request")
    page = context.get("page") or context.get("self")
    if page is not None and hasattr(page, "localized_urls"):
        return page.localized_urls(request)
    if request is None:
        return {}
    current = request.build_absolute_uri()
    return {code: translate_url(current, code) for code in LANGUAGE_CODES}


@register.inclusion_tag("includes/hreflang.html", takes_context=True)
def hreflang_links(context):
    urls = alternate_urls(context)
    current = _locale()
    return {
        "alternates": sorted(urls.items()),
        "x_default": urls.get(DEFAULT_LANGUAGE, ""),
        "canonical": urls.get(current, ""),
    }


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    urls = alternate_urls(context)
    current = _locale()
    names = language_names()
    return {
        "languages": [
            {"code": code, "name": names[code], "url": url, "current": code == current}
            for code, url in urls.items()
        ],
    }


@functools.cache
def picture_formats():
    """The formats of a `<picture>`, best first. AVIF only where the installed Pillow writes it;
    the last one is the `<img>` fallback, which every current browser reads."""
    return ("avif", "webp") if features.check("avif") else ("webp",)


def _distinct_widths_largest_first(renditions):
    """Drop renditions whose width repeats (a small original is never enlarged) and put the
    largest first: the `<img>` takes its width and height from the first, so the image fills
    its column (CSS `max-width: 100%` scales it down) instead of showing at the smallest size.
    """
    seen, kept = set(), {}
    for spec, rendition in sorted(renditions.items(), key=lambda item: -item[1].width):
        key = (spec.rsplit("format-", 1)[-1], rendition.width)
        if key not in seen:
            seen.add(key)
            kept[spec] = rendition
    return kept


@register.simple_tag
def responsive_image(image, spec, sizes="100vw", eager=False, css_class="", alt=None):
    """A `<picture>` with AVIF (where supported) and WebP `srcset`s at several widths.

    `spec` is a Wagtail resize rule with the widths in braces: "width-{400,800,1200}" or
    "fill-{400x250,800x500}". The fallback `<img>` has the width and height of the largest
    (no layout shift; CSS scales it down to its column) and loads lazily, unless `eager` (the hero at the top of a page: loaded first, high priority).
    Listings should prefetch `renditions` of their images so that this runs no query.
    """
    if not image:
        return ""
    sizes_specs = Filter.expand_spec([spec])
    specs = [f"{size}|format-{fmt}" for fmt in picture_formats() for size in sizes_specs]
    renditions = _distinct_widths_largest_first(get_renditions_or_not_found(image, specs))
    attrs = {"sizes": sizes, "decoding": "async"}
    if eager:
        attrs["fetchpriority"] = "high"
    else:
        attrs["loading"] = "lazy"
    if css_class:
        attrs["class"] = css_class
    if alt is not None:
        attrs["alt"] = alt
    return Picture(renditions, attrs)


# Open Graph wants a territory with the language.
OG_LOCALES = {"sq": "sq_AL", "en": "en_GB"}
# The size that Facebook, LinkedIn, Mastodon and X all show large; JPEG, which every one reads.
SHARE_IMAGE_SPEC = "fill-1200x630|format-jpeg|jpegquality-80"


@register.inclusion_tag("includes/share_meta.html", takes_context=True)
def share_meta(context, og_type="website"):
    """Meta description, Open Graph and Twitter card tags of the current page, in its language."""
    page = context.get("page") or context.get("self")
    request = context.get("request")
    if page is None or not hasattr(page, "get_share_description"):
        return {"page": None}
    current = _locale()
    image = page.get_share_image()
    rendition = get_rendition_or_not_found(image, SHARE_IMAGE_SPEC) if image else None
    image_url = ""
    if rendition is not None and request is not None:
        image_url = request.build_absolute_uri(rendition.url)
    return {
        "page": page,
        "title": page.seo_title or page.title,
        "description": page.get_share_description(),
        "url": alternate_urls(context).get(current, ""),
        "og_type": og_type,
        "locale": OG_LOCALES[current],
        "alternate_locales": [OG_LOCALES[code] for code in LANGUAGE_CODES if code != current],
        "image": rendition if image_url else None,
        "image_url": image_url,
        "image_alt": image.default_alt_text if image else "",
    }


class KeptFragmentNode(template.Node):
    def __init__(self, nodelist, name, vary_on):
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on

    def render(self, context):
        request = context.get("request")
        if request is None or getattr(request, "is_preview", False):
            # A preview shows a draft: neither served from nor kept for the live page.
            return self.nodelist.render(context)
        site = Site.find_for_request(request)
        parts = [
            self.name,
            str(site.pk if site else 0),
            get_language() or "",
            *(force_str(value.resolve(context)) for value in self.vary_on),
        ]
        digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]
        return content_cache.kept(f"fragment:{digest}", lambda: self.nodelist.render(context))


@register.tag
def kept_fragment(parser, token):
    """`{% kept_fragment "name" value… %}…{% endkept_fragment %}`: the HTML inside, rendered once
    per site, language and values (e.g. `page.pk`) and kept in the shared cache until the
    content changes (website/content_cache.py: any page, snippet, image, document or setting
    saved starts a new generation). Never kept in a preview. Only for HTML that depends on
    nothing else: no CSRF token, no user, no query string, no context variable left out of the
    values."""
    nodelist = parser.parse(("endkept_fragment",))
    parser.delete_first_token()
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError(
            "kept_fragment takes a quoted name, then the values the fragment depends on."
        )
    return KeptFragmentNode(
        nodelist, bits[1][1:-1], [parser.compile_filter(bit) for bit in bits[2:]]
    )
