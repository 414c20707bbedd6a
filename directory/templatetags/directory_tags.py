"""{% directory_url %}: the link to the help directory, for the help lines on every page."""

from django import template
from django.utils.translation import get_language

from directory.queries import directory_page_url

register = template.Library()

_CACHE_ATTRIBUTE = "_directory_page_urls"


@register.simple_tag(takes_context=True)
def directory_url(context):
    """The directory page's URL in the active language; one query per request at most.

    Without a request (the 500 page renders without the database) it returns ""."""
    request = context.get("request")
    if request is None:
        return ""
    cached = getattr(request, _CACHE_ATTRIBUTE, None)
    if cached is None:
        cached = {}
        setattr(request, _CACHE_ATTRIBUTE, cached)
    code = get_language()
    if code not in cached:
        cached[code] = directory_page_url(request)
    return cached[code]
