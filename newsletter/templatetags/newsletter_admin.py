"""The page editor's header: "Send by e-mail" as a visible button on bulletin pages."""

from django import template

from newsletter.wagtail_hooks import primary_header_buttons

register = template.Library()


@register.simple_tag(takes_context=True)
def newsletter_header_buttons(context, page):
    request = context.get("request")
    if request is None or page is None or page.pk is None:
        return []
    return primary_header_buttons(page, request.user)
