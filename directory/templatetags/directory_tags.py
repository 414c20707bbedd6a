"""{% directory_url %}: the link to the help directory, for the help lines on every page."""

from django import template

from directory.queries import directory_page_url
from website.queries import chrome_value

register = template.Library()


@register.simple_tag(takes_context=True)
def directory_url(context):
    """The directory page's URL in the active language, kept with the site chrome (website/
    queries.py: no query once cached, read again after any page change).

    Without a request (the 500 page renders without the database) it returns ""."""
    request = context.get("request")
    if request is None:
        return ""
    return chrome_value(request, "directory_url", lambda: directory_page_url(request))
