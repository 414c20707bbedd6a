"""Template tags for the bilingual site: localized dates and numbers, language links."""

import datetime

from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal
from django import template
from django.urls import translate_url
from django.utils import timezone
from django.utils.translation import get_language

from website.i18n import DEFAULT_LANGUAGE, LANGUAGE_CODES, language_names

register = template.Library()


def _locale():
    code = get_language() or DEFAULT_LANGUAGE
    return code if code in LANGUAGE_CODES else DEFAULT_LANGUAGE


@register.filter
def l10n_date(value, pattern="d MMMM y"):
    """17 nëntor 2020 / 17 November 2020."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    return format_date(value, pattern, locale=_locale())


@register.filter
def l10n_datetime(value, pattern="d MMMM y, HH:mm"):
    """17 nëntor 2020, 17:05, in Europe/Tirane, 24-hour."""
    if not value:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return format_datetime(value, pattern, locale=_locale())


@register.filter
def l10n_number(value):
    """100 000 / 100,000."""
    if value is None or value == "":
        return ""
    return format_decimal(value, locale=_locale())


def alternate_urls(context):
    """{code: absolute URL of the current page in that language}."""
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
