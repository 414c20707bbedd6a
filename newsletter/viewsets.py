from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from newsletter.models import Subscriber


class SubscriberPermissionPolicy(ModelPermissionPolicy):
    """Subscribers come in through the form (double opt-in) or the import (recorded
    consent), never typed in one by one: nobody gets "add"."""

    def user_has_permission(self, user, action):
        if action == "add":
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(Subscriber, SubscriberPermissionPolicy(Subscriber))


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


subscriber_viewset = SubscriberViewSet()
