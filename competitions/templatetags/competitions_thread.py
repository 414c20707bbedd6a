"""The messages on an entry (the organisers' and the entrant's replies) for the staff screens,
which include competitions/admin/_thread.html without their views knowing about the thread."""

from django import template

from competitions import services

register = template.Library()


@register.simple_tag
def entry_thread(entry):
    """`services.entry_thread(entry)`: (created_at, author, body), oldest first."""
    return services.entry_thread(entry)
