from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from newsletter import permissions
from newsletter.models import Subscriber
from website.admin_tools import refused


class SubscriberPermissionPolicy(ModelPermissionPolicy):
    """The subscriber records' rules are `permissions.can_act_on_subscribers`: nobody gets
    "add" (people join through the form or an import)."""

    def user_has_permission(self, user, action):
        return permissions.can_act_on_subscribers(user, action)[0]

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(Subscriber, SubscriberPermissionPolicy(Subscriber))


class RefusedWithReason:
    """Wagtail's generic views raise PermissionDenied, which the admin turns into a redirect
    to the dashboard; ours answer with the admin's one refusal page and the policy's reason."""

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied:
            action = self.permission_required or "view"
            return refused(request, permissions.can_act_on_subscribers(request.user, action)[1])


class SubscriberViewSet(ModelViewSet):
    model = Subscriber
    icon = "mail"
    menu_label = _("Subscribers")
    name = "newsletter_subscribers"
    add_to_admin_menu = False
    list_display = ["email", "language", "state", "consent_source", "created_at"]
    list_filter = ["language", "state"]
    search_fields = ["email"]
    form_fields = ["language", "topics"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "email",
        "language",
        "state",
        "suppression_reason",
        "suppression_detail",
        "consent_text",
        "consent_at",
        "consent_source",
        "created_at",
        "confirmed_at",
        "unsubscribed_at",
        "suppressed_at",
    ]

    def construct_view(self, view_class, **kwargs):
        refusing = type(view_class.__name__, (RefusedWithReason, view_class), {})
        return super().construct_view(refusing, **kwargs)


subscriber_viewset = SubscriberViewSet()
