"""The admin home's panel for comms staff: the last bulletin send and its delivery counts, with a
link to its send screen (registered in wagtail_hooks.py with `construct_homepage_panels`)."""

from django.db.models import Count, Q
from django.urls import reverse
from wagtail.admin.ui.components import Component

from newsletter import permissions
from newsletter.enums import OPEN_DELIVERY_STATES, DeliveryState, SendState
from newsletter.models import BulletinSend


def last_send():
    """The latest send that has started, with its page and counts (sent, failed, waiting,
    total): one query."""
    return (
        BulletinSend.objects.exclude(state=SendState.SCHEDULED)
        .select_related("page")
        .annotate(
            total=Count("deliveries"),
            sent=Count("deliveries", filter=Q(deliveries__state=DeliveryState.SENT)),
            failed=Count("deliveries", filter=Q(deliveries__state=DeliveryState.FAILED)),
            waiting=Count("deliveries", filter=Q(deliveries__state__in=OPEN_DELIVERY_STATES)),
        )
        .order_by("-started_at", "-pk")
        .first()
    )


class LastSendPanel(Component):
    name = "last_bulletin_send"
    template_name = "newsletter/dashboard/last_send.html"
    order = 170

    def get_context_data(self, parent_context):
        user = parent_context["request"].user
        if not permissions.can_see_deliveries(user)[0]:
            return {"shown": False}
        send = last_send()
        return {
            "shown": True,
            "send": send,
            "url": reverse("newsletter_admin:send", args=[send.page_id]) if send else "",
        }
