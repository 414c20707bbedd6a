"""The admin home's panel for moderators: entries waiting for a decision, per competition, each
with a link to the queue filtered on that competition and state (registered in wagtail_hooks.py
with Wagtail's `construct_homepage_panels`)."""

from django.db.models import Count
from django.urls import reverse
from django.utils.http import urlencode
from wagtail.admin.ui.components import Component

from competitions import permissions
from competitions.enums import EntryState
from competitions.models import CompetitionPage


def waiting_per_competition(user):
    """[{title, waiting, url}] of the entries in moderation `user` may see, per competition (in
    the admin's language), with the queue filtered on it: two queries however many there are."""
    counts = dict(
        permissions.moderation_entries(user)
        .filter(state=EntryState.IN_MODERATION)
        .values_list("competition_id")
        .annotate(waiting=Count("pk"))
        .order_by()
    )
    if not counts:
        return []
    queue = reverse("competitions_admin:queue")
    competitions = sorted(CompetitionPage.objects.filter(pk__in=counts), key=lambda c: c.title)
    return [
        {
            "title": competition.title,
            "waiting": counts[competition.pk],
            "url": queue
            + "?"
            + urlencode({"competition": competition.pk, "state": EntryState.IN_MODERATION}),
        }
        for competition in competitions
    ]


class ModerationPanel(Component):
    name = "entries_waiting"
    template_name = "competitions/dashboard/entries_waiting.html"
    order = 150

    def get_context_data(self, parent_context):
        user = parent_context["request"].user
        rows = waiting_per_competition(user) if permissions.can_moderate(user)[0] else None
        return {"rows": rows, "total": sum(row["waiting"] for row in rows or ())}
