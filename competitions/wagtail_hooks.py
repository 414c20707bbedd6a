"""The entries' viewset (the moderation queue and the moderation screens), its menu items shown by
permission (competitions/permissions.py), the audit-log actions and the editable messages."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from competitions import permissions, services
from competitions.dashboard import ModerationPanel
from competitions.enums import EntryState
from competitions.models import EntrantMessage, Entry
from competitions.services import log_action_name
from competitions.viewsets import EntryPermissionPolicy, entry_viewset
from mail.delivery import MESSAGE_FAILED
from website.admin_tools import PermissionMenuItem

register_permission_policy(Entry, EntryPermissionPolicy(Entry), exact_class=True)


@hooks.register(MESSAGE_FAILED)
def consent_email_failed(message):
    """A consent e-mail that failed for good: the entrant is told and may correct the address."""
    services.consent_email_failed(topic=message.topic, kind=message.kind, to=message.to)


@hooks.register("register_admin_viewset")
def register_entry_viewset():
    return entry_viewset


@hooks.register("register_admin_menu_item")
def register_moderation_menu_item():
    return PermissionMenuItem(
        _("Entries to moderate"),
        reverse("competitions_admin:queue"),
        icon_name="tasks",
        order=250,
        check=permissions.can_moderate,
    )


@hooks.register("register_admin_menu_item")
def register_safeguarding_menu_item():
    return PermissionMenuItem(
        _("Safeguarding"),
        reverse("competitions_admin:safeguarding_queue"),
        icon_name="warning",
        order=251,
        check=permissions.can_safeguard,
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


@hooks.register("construct_homepage_panels")
def add_moderation_panel(request, panels):
    panels.append(ModerationPanel())
