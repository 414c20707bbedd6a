"""The moderation and safeguarding screens, and their menu items, in the Wagtail admin."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from competitions import admin_views
from competitions.enums import EntryState
from competitions.models import EntrantMessage
from competitions.services import log_action_name

app_name = "competitions_admin"
urlpatterns = [
    path("", admin_views.queue, name="queue"),
    path("<int:pk>/", admin_views.detail, name="detail"),
    path("bulk/", admin_views.bulk, name="bulk"),
    path("<int:pk>/file/<str:variant>/", admin_views.entry_file, name="file"),
    path("export.<str:fmt>", admin_views.export, name="export"),
    path("safeguarding/", admin_views.safeguarding_queue, name="safeguarding_queue"),
    path("safeguarding/<int:pk>/", admin_views.safeguarding_detail, name="safeguarding_detail"),
]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("entries/", include((urlpatterns, app_name), namespace=app_name))]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_admin_menu_item")
def register_moderation_menu_item():
    return PermissionMenuItem(
        _("Entries to moderate"),
        reverse("competitions_admin:queue"),
        icon_name="tasks",
        order=250,
        permission=admin_views.MODERATE,
    )


@hooks.register("register_admin_menu_item")
def register_safeguarding_menu_item():
    return PermissionMenuItem(
        _("Safeguarding"),
        reverse("competitions_admin:safeguarding_queue"),
        icon_name="warning",
        order=251,
        permission=admin_views.SAFEGUARD,
    )


# The audit-log action of every move, by the state the entry moves into.
LOG_ACTION_LABELS = {
    EntryState.SUBMITTED: _("Entry submitted"),
    EntryState.AWAITING_CONSENT: _("Entry waiting for a parent's or guardian's consent"),
    EntryState.IN_MODERATION: _("Entry sent to moderation"),
    EntryState.CHANGES_REQUESTED: _("Changes to an entry requested"),
    EntryState.APPROVED: _("Entry approved for judging"),
    EntryState.REJECTED: _("Entry rejected"),
    EntryState.WITHDRAWN: _("Entry withdrawn and its personal data deleted"),
    EntryState.SAFEGUARDING_HOLD: _("Entry held for safeguarding"),
}


@hooks.register("register_log_actions")
def register_entry_log_actions(actions):
    for state, label in LOG_ACTION_LABELS.items():
        actions.register_action(log_action_name(state), label, label)


class EntrantMessageViewSet(SnippetViewSet):
    model = EntrantMessage
    icon = "mail"
    menu_label = _("Messages to entrants")
    list_display = ["kind", "subject_sq", "subject_en"]


register_snippet(EntrantMessageViewSet)
