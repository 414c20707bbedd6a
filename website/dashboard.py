"""The admin home's panel of the next scheduled publications: page revisions approved to go live
at a future time (what `publish_scheduled` will publish), limited to pages the user may edit or
publish (registered in wagtail_hooks.py with `construct_homepage_panels`). Pages awaiting review
are Wagtail's own panel ("Awaiting your review"), shown to each reviewer already."""

from django.db.models import CharField
from django.db.models.functions import Cast
from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.models import Page, Revision
from wagtail.permission_policies.pages import PagePermissionPolicy

SHOWN = 5


def scheduled_publications(user, limit=SHOWN):
    """[(page, go-live time)] of the next `limit` scheduled publications `user` may edit or
    publish, soonest first: two queries however many there are."""
    pages = PagePermissionPolicy().instances_user_has_any_permission_for(
        user, ["change", "publish"]
    )
    revisions = list(
        Revision.page_revisions.filter(
            approved_go_live_at__gt=timezone.now(),
            object_id__in=pages.annotate(key=Cast("pk", CharField())).values_list("key"),
        ).order_by("approved_go_live_at", "pk")[:limit]
    )
    by_pk = Page.objects.in_bulk([int(revision.object_id) for revision in revisions])
    return [
        (by_pk[int(revision.object_id)], revision.approved_go_live_at)
        for revision in revisions
        if int(revision.object_id) in by_pk
    ]


class ScheduledPublicationsPanel(Component):
    name = "scheduled_publications"
    template_name = "website/dashboard/scheduled_publications.html"
    order = 160

    def get_context_data(self, parent_context):
        user = parent_context["request"].user
        if not PagePermissionPolicy().user_has_any_permission(user, ["change", "publish"]):
            return {"shown": False}
        return {"shown": True, "scheduled": scheduled_publications(user)}
